"""監査記録: a Prime reads its own organisation's identity records; staff read all."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from madoguchi.identity import selectors
from madoguchi.identity.models import Organisation
from madoguchi.identity.roles import Right
from madoguchi.identity.selectors import staff_has
from madoguchi.identity.views._access import AuthenticatedRequest

ACTION_LABELS = {
    "identity.signup": "アカウント登録",
    "identity.email_verified": "メールアドレスの確認",
    "identity.login": "ログイン",
    "identity.login_failed": "ログイン失敗",
    "identity.login_throttled": "ログインの待機（失敗が続いたため）",
    "identity.logout": "ログアウト",
    "identity.session_ended": "端末のログアウト",
    "identity.password_changed": "パスワードの変更",
    "identity.mfa_added": "二要素認証の追加",
    "identity.mfa_removed": "二要素認証の削除",
    "identity.mfa_reset": "リカバリーコードの再発行",
    "identity.mfa_failed": "二要素認証の失敗",
    "identity.verification_submitted": "プライムの申請",
    "identity.verification_approved": "本人確認の承認",
    "identity.verification_rejected": "本人確認の却下",
    "identity.verification_withdrawn": "申請の取下げ",
    "identity.member_invited": "メンバーの招待",
    "identity.invitation_revoked": "招待の取消",
    "identity.member_joined": "メンバーの登録",
    "identity.member_services_changed": "メンバーのサービス変更",
    "identity.member_suspended": "メンバーの利用停止",
    "identity.member_active": "メンバーの利用再開",
    "identity.member_removed": "メンバーの削除",
    "identity.mandate_granted": "委任",
    "identity.mandate_revoked": "委任の取消",
    "oidc.consent_granted": "連携サービスへの同意",
    "oidc.consent_denied": "連携サービスへの同意の拒否",
    "oidc.consent_withdrawn": "連携サービスへの同意の撤回",
    "oidc.token_issued": "トークンの発行",
    "oidc.code_replayed": "認可コードの再使用（発行済みトークンを無効化）",
    "oidc.key_rotated": "署名鍵の更新",
    "oidc.relying_party_registered": "連携サービスの登録",
    "oidc.relying_party_changed": "連携サービスの変更",
}


@login_required
def audit_log(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    is_staff_reader = staff_has(user, Right.AUDIT_VIEW)
    if not (is_staff_reader or (user.is_prime and user.organisation_id)):
        raise PermissionDenied("監査記録はプライムアカウントと権限のある職員だけが見られます。")
    organisation_id = request.GET.get("organisation", "") if is_staff_reader else ""
    events = selectors.audit_events_for(user=user, organisation_id=organisation_id)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    org_ids = {e.organisation_id for e in page} | {e.agent_organisation_id for e in page}
    names = {
        str(o.pk): o.name for o in Organisation.objects.filter(pk__in=[i for i in org_ids if i])
    }
    rows = [
        {
            "event": event,
            "label": ACTION_LABELS.get(event.action, event.action),
            "organisation": names.get(event.organisation_id, ""),
            "agent": names.get(event.agent_organisation_id, ""),
        }
        for event in page
    ]
    return render(
        request,
        "identity/audit.html",
        {
            "page": page,
            "rows": rows,
            "is_staff_reader": is_staff_reader,
            "organisation_id": organisation_id,
        },
    )
