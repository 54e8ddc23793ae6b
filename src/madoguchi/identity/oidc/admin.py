"""Staff register relying parties here (職員メニュー → 連携サービス（RP）の登録)."""

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from madoguchi.core.audit import audit_record
from madoguchi.identity.oidc.claims import SCOPE_CHOICES, SCOPE_OPENID
from madoguchi.identity.oidc.models import Consent, RelyingParty, SigningKey

CLIENT_TYPE_CHOICES = [
    (
        RelyingParty.CLIENT_CONFIDENTIAL,
        "コンフィデンシャル（サーバーで動き、client_secret を秘密にできる。client_secret_basic で認証）",
    ),
    (
        RelyingParty.CLIENT_PUBLIC,
        "パブリック（スマートフォンアプリ・ブラウザだけで動くアプリ。PKCE（S256）が必須）",
    ),
]


class RelyingPartyForm(forms.ModelForm):
    client_type = forms.ChoiceField(
        label="クライアントの種類", choices=CLIENT_TYPE_CHOICES, widget=forms.RadioSelect
    )
    allowed_scopes = forms.MultipleChoiceField(
        label="許可するスコープ",
        choices=SCOPE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=[SCOPE_OPENID],
        help_text="連携サービスが要求してよい情報。ここにないスコープを要求すると invalid_scope で拒否します。",
    )

    class Meta:
        model = RelyingParty
        fields = [
            "name",
            "description",
            "contact_email",
            "client_type",
            "redirect_uris",
            "post_logout_redirect_uris",
            "allowed_scopes",
            "client_id",
            "client_secret",
        ]
        labels = {
            "name": "連携サービスの名称",
            "redirect_uris": "リダイレクトURI（戻り先）",
            "post_logout_redirect_uris": "ログアウト後の戻り先URI",
            "client_id": "クライアントID（client_id）",
            "client_secret": "クライアントシークレット（client_secret）",
        }
        help_texts = {
            "name": "同意画面で利用者に表示します。",
            "redirect_uris": "完全一致で照合します。複数ある場合は空白か改行で区切ってください。",
            "post_logout_redirect_uris": "RP 起点のログアウト（end_session_endpoint）の後に戻る URI。空白区切り。",
            "client_secret": "保存すると元の値は表示できなくなります（ハッシュ化して保存）。保存する前に控え、連携サービスに安全な方法で渡してください。パブリッククライアントでは使いません。",
        }

    def clean_allowed_scopes(self) -> list[str]:
        chosen = set(self.cleaned_data.get("allowed_scopes") or []) | {SCOPE_OPENID}
        return [name for name, _label in SCOPE_CHOICES if name in chosen]

    def clean_name(self) -> str:
        name = (self.cleaned_data.get("name") or "").strip()
        if not name:
            raise forms.ValidationError(
                "連携サービスの名称を入力してください。同意画面に表示します。"
            )
        return name


class RelyingPartyAdmin(admin.ModelAdmin):
    form = RelyingPartyForm
    list_display = ["name", "client_id", "client_type", "scopes_display", "created"]
    search_fields = ["name", "client_id"]
    list_filter = ["client_type"]

    @admin.display(description="許可するスコープ")
    def scopes_display(self, obj: RelyingParty) -> str:
        return " ".join(obj.scopes_allowed)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # The stored secret is a hash: it cannot be shown or edited in place.
        return ["client_id", "client_secret"] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: RelyingParty, form: Any, change: bool) -> None:
        obj.authorization_grant_type = RelyingParty.GRANT_AUTHORIZATION_CODE
        obj.algorithm = RelyingParty.RS256_ALGORITHM
        obj.skip_authorization = False
        if obj.client_type == RelyingParty.CLIENT_PUBLIC and not change:
            obj.client_secret = ""
        super().save_model(request, obj, form, change)
        audit_record(
            action="oidc.relying_party_changed" if change else "oidc.relying_party_registered",
            actor=request.user,
            target=obj,
            ip_address=request.META.get("REMOTE_ADDR"),
            data={"client_id": obj.client_id, "scopes": obj.allowed_scopes},
        )


# django-oauth-toolkit registered its own admin for the application model; ours replaces it.
if admin.site.is_registered(RelyingParty):
    admin.site.unregister(RelyingParty)
admin.site.register(RelyingParty, RelyingPartyAdmin)


@admin.register(SigningKey)
class SigningKeyAdmin(admin.ModelAdmin):
    list_display = ["kid", "created_at", "retired_at", "publish_until"]
    fields = ("kid", "created_at", "retired_at", "publish_until")
    readonly_fields = ("kid", "created_at", "retired_at", "publish_until")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # `madoguchi oidc_rotate_key` makes keys

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ["user", "relying_party", "scopes", "granted_at", "updated_at"]
    list_select_related = ["user", "relying_party"]
    search_fields = ["user__email", "relying_party__name"]
    readonly_fields = ["user", "relying_party", "scopes", "granted_at", "updated_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
