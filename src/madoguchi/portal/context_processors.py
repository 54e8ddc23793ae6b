"""What every page's layout needs: the main navigation."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

NAVIGATION = (
    ("portal:home", _("ホーム")),
    ("registry:search", _("法人番号を検索")),
    ("grants:search", _("補助金を探す")),
    ("applications:my", _("補助金の申請")),  # applications: my applications
    ("forms:list", _("手続き")),
    ("portal:developers", _("開発者向け API")),
)


# The staff area's links: (url name, label, permission or None for any staff user). Each context adds
# its own pages here; /staff/ lists those the user may open.
STAFF_NAVIGATION: tuple[tuple[str, Any, str | None], ...] = (
    ("admin:index", _("管理画面（全記録）"), None),
    ("grants_staff:list", _("補助金の管理"), "grants.change_subsidy"),
    ("applications_staff:subsidies", _("補助金の申請の処理"), "applications.view_application"),
    (
        "grant_review_staff:index",
        _("審査と採否（割当・順位・一括決定・状況・書き出し）"),
        "grant_review.manage_review",
    ),
    ("grant_review_staff:queue", _("自分の審査（審査員）"), "grant_review.score_application"),
    ("forms:staff-procedures", _("手続きの受付（審査・書き出し）"), None),
    ("forms:builder-list", _("フォームの作成（手続きビルダー）"), "forms.change_form"),
    ("identity:review-queue", _("本人確認の審査"), "identity.review_verificationrequest"),
    ("identity:audit", _("認証の監査記録"), "core.view_auditevent"),
    ("admin:oidc_relyingparty_changelist", _("連携サービス（RP）の登録"), "oidc.view_relyingparty"),
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    items = []
    for name, label in NAVIGATION:
        url = reverse(name)
        current = request.path == url or (url != "/" and request.path.startswith(url))
        items.append({"url": url, "label": label, "current": current})
    return {"main_navigation": items}
