"""Forms of the identity pages. Messages name the field and the reason, in Japanese."""

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from madoguchi.core.errors import MadoguchiError
from madoguchi.identity.enums import CorpType, Service
from madoguchi.identity.models import Division
from madoguchi.identity.roles import Right
from madoguchi.identity.selectors import divisions_for, sole_division


def add_domain_error(form: forms.Form, error: MadoguchiError) -> None:
    """Show a domain error beside its field (or at the top when it names none)."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


class EntrySignupForm(forms.Form):
    """allauth's sign-up with the Entry account's self-declared organisation (ACCOUNT_SIGNUP_FORM_CLASS)."""

    last_name = forms.CharField(label="姓", max_length=100)
    first_name = forms.CharField(label="名", max_length=100)
    corp_type = forms.TypedChoiceField(
        label="事業者の区分",
        choices=CorpType.choices,
        coerce=int,
        initial=CorpType.CORPORATION,
        widget=forms.RadioSelect,
    )
    corporate_number = forms.CharField(
        label="法人番号",
        max_length=20,
        required=False,
        help_text="法人の場合は13桁の法人番号（ハイフンや全角数字のままでも構いません）。",
    )
    organisation_name = forms.CharField(label="事業者名（法人名または屋号）", max_length=300)

    def clean(self) -> dict[str, Any]:
        from madoguchi.identity.services.accounts import organisation_number_check

        data = super().clean() or {}
        if data.get("corp_type") == CorpType.CORPORATION:
            try:
                data["corporate_number"] = organisation_number_check(
                    data.get("corporate_number", "")
                )
            except MadoguchiError as error:
                add_domain_error(self, error)
        else:
            data["corporate_number"] = ""
        return data

    def signup(self, request: HttpRequest, user: Any) -> None:
        from madoguchi.identity.services.accounts import entry_signup_complete

        entry_signup_complete(
            user=user,
            corp_type=self.cleaned_data["corp_type"],
            corporate_number=self.cleaned_data["corporate_number"],
            organisation_name=self.cleaned_data["organisation_name"],
            last_name=self.cleaned_data["last_name"],
            first_name=self.cleaned_data["first_name"],
            request=request,
        )


class DateInput(forms.DateInput):
    input_type = "date"


SERVICE_CHOICES = Service.choices


class PrimeApplicationForm(forms.Form):
    """The representative's application for a Prime account (new, upgrade or representative change)."""

    corp_type = forms.TypedChoiceField(
        label="事業者の区分",
        choices=CorpType.choices,
        coerce=int,
        initial=CorpType.CORPORATION,
        widget=forms.RadioSelect,
    )
    corporate_number = forms.CharField(
        label="法人番号",
        max_length=20,
        required=False,
        help_text="法人の場合は13桁の法人番号。個人事業主の方は空欄にしてください。",
    )
    organisation_name = forms.CharField(
        label="事業者名",
        max_length=300,
        required=False,
        help_text="法人は登記の名称（空欄なら法人番号の登録情報の名称）、個人事業主は屋号または氏名。",
    )
    rep_last_name = forms.CharField(label="代表者の姓（登記のとおり）", max_length=100)
    rep_first_name = forms.CharField(label="代表者の名（登記のとおり）", max_length=100)
    rep_last_name_kana = forms.CharField(label="代表者の姓（フリガナ）", max_length=100)
    rep_first_name_kana = forms.CharField(label="代表者の名（フリガナ）", max_length=100)
    rep_birthday = forms.DateField(label="代表者の生年月日", required=False, widget=DateInput)
    postal_code = forms.CharField(label="郵便番号（個人事業主）", max_length=8, required=False)
    prefecture_name = forms.CharField(label="都道府県（個人事業主）", max_length=10, required=False)
    address1 = forms.CharField(label="市区町村（個人事業主）", max_length=200, required=False)
    address2 = forms.CharField(label="番地以下（個人事業主）", max_length=300, required=False)
    phone = forms.CharField(label="連絡先電話番号", max_length=20)
    proof = forms.FileField(
        label="印鑑証明書",
        help_text="発行から3か月以内のもの。PDF、JPEG、PNGのいずれかで10MBまで。",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def clean_postal_code(self) -> str:
        return self.cleaned_data["postal_code"].replace("-", "").replace("－", "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("corp_type") == CorpType.CORPORATION:
            if not (data.get("corporate_number") or "").strip():
                self.add_error("corporate_number", "法人の場合は法人番号を入力してください。")
        elif data.get("corp_type") == CorpType.SOLE_PROPRIETOR:
            data["corporate_number"] = ""
            for name in ("organisation_name", "prefecture_name", "address1"):
                if not (data.get(name) or "").strip():
                    self.add_error(
                        name, f"個人事業主の場合は{self.fields[name].label}を入力してください。"
                    )
        return data


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="却下の理由",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="申請者のページとメールにそのまま表示されます。",
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label="招待するメールアドレス")
    last_name = forms.CharField(label="姓", max_length=100, required=False)
    first_name = forms.CharField(label="名", max_length=100, required=False)
    services = forms.MultipleChoiceField(
        label="利用できるサービス",
        choices=SERVICE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class MemberServicesForm(forms.Form):
    services = forms.MultipleChoiceField(
        label="利用できるサービス",
        choices=SERVICE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class InvitationAcceptForm(forms.Form):
    last_name = forms.CharField(label="姓", max_length=100)
    first_name = forms.CharField(label="名", max_length=100)
    password1 = forms.CharField(
        label="パスワード",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="10文字以上。よく使われるものや流出が知られているものは使えません。",
    )
    password2 = forms.CharField(
        label="パスワード（確認）",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, email: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        from django.contrib.auth import password_validation

        from madoguchi.identity.models import User

        data = super().clean() or {}
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "確認のパスワードが一致しません。")
        elif p1:
            probe = User(email=self.email, username=self.email)
            try:
                password_validation.validate_password(p1, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class MandateForm(forms.Form):
    agent_corporate_number = forms.CharField(
        label="委任先の法人番号", max_length=20, help_text="窓口で本人確認が済んだ法人に限ります。"
    )
    services = forms.MultipleChoiceField(
        label="委任するサービス", choices=SERVICE_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    valid_until = forms.DateField(label="終了日", widget=DateInput)


class DivisionField(forms.ModelChoiceField):
    """担当部署: a choice among the divisions a staff right reaches (``limit_to``)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("担当部署"))
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("担当部署を選んでください。"),
                "invalid_choice": _("担当部署: 一覧にある部署から選んでください。"),
            },
        )
        super().__init__(queryset=Division.objects.none(), **kwargs)

    def limit_to(self, user: Any, right: Right) -> None:
        self.queryset = divisions_for(user, right)
        only = sole_division(user, right)
        if only is not None:
            # One division: it is the answer (the services take the user's only division).
            self.required = False
            if self.initial is None:
                self.initial = only.pk
