"""Forms of the staff pages. They only parse what was typed; the services decide what is valid."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from madoguchi.grants.enums import (
    TARGET_AREAS,
    DocumentKind,
    EmployeeBracket,
    GrantType,
    Industry,
    UsePurpose,
)
from madoguchi.grants.services import RoundInput, SubsidyInput
from madoguchi.identity.forms import DivisionField
from madoguchi.identity.roles import Right

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _choices_error(label: str) -> dict[str, str]:
    return {"invalid_choice": f"{label}: 「%(value)s」は選べる値ではありません。"}


def _datetime(label: str) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=False,
        input_formats=DATETIME_FORMATS,
        widget=DateTimeInput(),
        error_messages={
            "invalid": _("%(label)s: 日時を「2026-04-01 09:00」の形で入力してください。")
            % {"label": label}
        },
    )


class SubsidyForm(forms.Form):
    division = DivisionField(
        help_text=_("この部署の制度担当職員が編集・公開し、申請を処理します。")
    )
    title = forms.CharField(label=_("補助金名"), required=False, max_length=300)
    subsidy_catch_phrase = forms.CharField(
        label=_("キャッチコピー"), required=False, max_length=1000
    )
    institution_name = forms.CharField(label=_("実施機関"), required=False, max_length=1000)
    granttype = forms.ChoiceField(
        label=_("種別"), choices=GrantType.choices, initial=GrantType.SUBSIDY
    )
    detail = forms.CharField(
        label=_("概要"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "段落（<p>）、箇条書き（<ul><li>）、強調、リンク、表が使えます。それ以外のタグは取り除かれます。"
        ),
    )
    use_purpose = forms.MultipleChoiceField(
        label=_("利用目的"),
        required=False,
        error_messages=_choices_error("利用目的"),
        choices=UsePurpose.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    industry = forms.MultipleChoiceField(
        label=_("業種"),
        required=False,
        error_messages=_choices_error("業種"),
        choices=Industry.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    target_area_search = forms.MultipleChoiceField(
        label=_("補助対象地域"),
        required=False,
        error_messages=_choices_error("補助対象地域"),
        choices=[(a, a) for a in TARGET_AREAS],
        widget=forms.CheckboxSelectMultiple,
    )
    target_area_detail = forms.CharField(
        label=_("補助対象地域詳細"), required=False, max_length=1000
    )
    target_number_of_employees = forms.ChoiceField(
        label=_("従業員数"),
        required=False,
        choices=[("", _("指定しない")), *EmployeeBracket.choices],
    )
    subsidy_rate = forms.CharField(
        label=_("補助率"),
        required=False,
        max_length=1000,
        help_text=_("例：2/3以内、1/2（小規模事業者は2/3）"),
    )
    subsidy_max_limit = forms.IntegerField(
        label=_("補助額上限（円）"),
        required=False,
        min_value=0,
        error_messages={"invalid": _("補助額上限: 半角数字（円単位）で入力してください。")},
    )
    acceptance_start_datetime = _datetime("募集開始日時")
    acceptance_end_datetime = _datetime("募集終了日時")
    project_end_deadline = _datetime("事業終了期限")
    request_reception_presence = forms.BooleanField(
        label=_("電子申請を受け付ける"), required=False, initial=True
    )
    is_enable_multiple_request = forms.BooleanField(label=_("複数回の申請を認める"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        division = self.fields["division"]
        assert isinstance(division, DivisionField)  # noqa: S101 - declared above
        division.limit_to(user, Right.SUBSIDY_EDIT)

    def to_input(self, rounds: list[RoundInput] | None) -> SubsidyInput:
        data = self.cleaned_data
        return SubsidyInput(
            title=data["title"],
            subsidy_catch_phrase=data["subsidy_catch_phrase"],
            detail=data["detail"],
            use_purpose=list(data["use_purpose"]),
            industry=list(data["industry"]),
            target_area_search=list(data["target_area_search"]),
            target_area_detail=data["target_area_detail"],
            target_number_of_employees=data["target_number_of_employees"],
            subsidy_rate=data["subsidy_rate"],
            subsidy_max_limit=data["subsidy_max_limit"],
            acceptance_start_datetime=data["acceptance_start_datetime"],
            acceptance_end_datetime=data["acceptance_end_datetime"],
            project_end_deadline=data["project_end_deadline"],
            request_reception_presence=data["request_reception_presence"],
            is_enable_multiple_request=data["is_enable_multiple_request"],
            institution_name=data["institution_name"],
            granttype=data["granttype"],
            rounds=rounds,
        )


class RoundForm(forms.Form):
    fiscal_year_round = forms.CharField(
        label=_("年度・回"), required=False, max_length=100, help_text=_("例：令和8年度 第1回")
    )
    target_area_search = forms.MultipleChoiceField(
        label=_("補助対象地域"),
        required=False,
        choices=[(a, a) for a in TARGET_AREAS],
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    target_area_detail = forms.CharField(
        label=_("補助対象地域詳細"), required=False, max_length=255
    )
    acceptance_start_datetime = _datetime("募集開始日時")
    acceptance_end_datetime = _datetime("募集終了日時")
    project_end_deadline = _datetime("事業終了期限")

    def to_input(self) -> RoundInput | None:
        data = self.cleaned_data
        if not data or self.cleaned_data.get("DELETE"):
            return None
        if not any(
            data.get(k)
            for k in (
                "fiscal_year_round",
                "target_area_search",
                "acceptance_start_datetime",
                "acceptance_end_datetime",
            )
        ):
            return None
        return RoundInput(
            fiscal_year_round=data["fiscal_year_round"],
            target_area_search=list(data["target_area_search"]),
            target_area_detail=data["target_area_detail"],
            acceptance_start_datetime=data["acceptance_start_datetime"],
            acceptance_end_datetime=data["acceptance_end_datetime"],
            project_end_deadline=data["project_end_deadline"],
        )


RoundFormSet = forms.formset_factory(
    RoundForm, extra=1, can_delete=True, max_num=20, absolute_max=20
)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("資料の種類"), choices=DocumentKind.choices)
    file = forms.FileField(
        label=_("ファイル"),
        help_text=_("PDF・Word・Excel・ZIP・テキスト、10 MB まで。"),
        error_messages={"required": _("ファイル: 登録するファイルを選んでください。")},
    )
