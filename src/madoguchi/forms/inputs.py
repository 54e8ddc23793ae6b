"""Django forms for the staff pages (procedure settings, steps, decisions, the question editor)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import Group

from madoguchi.forms.enums import Audience, ConditionOp, FieldType, Prefill
from madoguchi.forms.models import Form
from madoguchi.identity.enums import StaffRole
from madoguchi.identity.forms import DivisionField
from madoguchi.identity.roles import Right


class DivisionChoiceForm(forms.Form):
    """The division (部署) a new form or procedure belongs to, among those the user's ``right``
    reaches."""

    division = DivisionField()

    def __init__(self, *args: Any, user: Any, right: Right, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["division"]
        assert isinstance(field, DivisionField)  # noqa: S101 - declared above
        field.limit_to(user, right)

    def chosen(self) -> Any:
        """The division chosen, or None (the service then takes the user's only division or
        asks for one)."""
        return self.cleaned_data.get("division") if self.is_valid() else None


class ProcedureForm(forms.Form):
    division = DivisionField(help_text="この部署の職員が設定し、申請を受け付けます。")
    title = forms.CharField(label="手続き名", max_length=200)
    slug = forms.SlugField(label="URL名（半角英数字とハイフン）", max_length=80)
    summary = forms.CharField(
        label="概要", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    form = forms.ModelChoiceField(label="フォーム", queryset=Form.objects.order_by("title"))
    audience = forms.MultipleChoiceField(
        label="利用できる人", choices=Audience.choices, widget=forms.CheckboxSelectMultiple
    )
    opens_at = forms.DateTimeField(
        label="受付開始（空欄なら公開と同時）",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    closes_at = forms.DateTimeField(
        label="受付終了（空欄なら期限なし）",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    reference_prefix = forms.RegexField(
        label="受付番号の接頭辞（英大文字）", regex=r"^[A-Z]{1,8}$", initial="M", max_length=8
    )
    receipt_message = forms.CharField(
        label="受付完了時にお知らせする文", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        from madoguchi.identity.selectors import staff_division_filter

        super().__init__(*args, **kwargs)
        division = self.fields["division"]
        assert isinstance(division, DivisionField)  # noqa: S101 - declared above
        division.limit_to(user, Right.PROCEDURE_CONFIGURE)
        form = self.fields["form"]
        assert isinstance(form, forms.ModelChoiceField)  # noqa: S101 - declared above
        form.queryset = Form.objects.filter(
            staff_division_filter(user, Right.PROCEDURE_CONFIGURE)
        ).order_by("title")


class StepForm(forms.Form):
    name = forms.CharField(label="段階の名前（例: 担当課の確認）", max_length=100)
    group = forms.ModelChoiceField(
        label="担当グループ",
        queryset=Group.objects.exclude(name__in=StaffRole.values).order_by("name"),
        help_text="この段階の申請を審査するグループ（職員の役割のグループは選べません）。",
    )
    approval_message = forms.CharField(
        label="この段階で承認したとき申請者に送る文（任意）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="処理",
        choices=[
            ("approve", "承認する"),
            ("return", "差し戻す（修正を依頼）"),
            ("reject", "却下する"),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="コメント（差戻し・却下では必須。申請者に伝わります）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CommentForm(forms.Form):
    comment = forms.CharField(
        label="内部メモ（申請者には見えません）", widget=forms.Textarea(attrs={"rows": 2})
    )


_TYPES_WITH_OPTIONS = {FieldType.SINGLE_CHOICE, FieldType.MULTIPLE_CHOICE}


class QuestionForm(forms.Form):
    """One question in the builder. ``to_spec`` turns it into the ``ui.fields`` entry."""

    type = forms.ChoiceField(label="質問の種類", choices=FieldType.choices)
    label = forms.CharField(label="質問文（見出し）", max_length=200)
    name = forms.RegexField(
        label="項目名（データの列名。半角英小文字・数字・_）",
        regex=r"^[a-z][a-z0-9_]{0,39}$",
        max_length=40,
        error_messages={
            "invalid": "項目名は半角英小文字で始め、英小文字・数字・_ だけで入力してください。"
        },
    )
    help = forms.CharField(
        label="説明（入力の手引き）", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    required = forms.BooleanField(label="必須にする", required=False)
    options = forms.CharField(
        label="選択肢（1行に1つ。「値|表示名」とも書けます）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    widget = forms.ChoiceField(
        label="表示のしかた",
        required=False,
        choices=[
            ("", "標準"),
            ("radio", "ラジオボタン（単一選択）"),
            ("select", "プルダウン（単一選択）"),
            ("table", "表（繰り返し項目）"),
            ("group", "まとまりごと（繰り返し項目）"),
        ],
    )
    minimum = forms.DecimalField(label="最小値", required=False)
    maximum = forms.DecimalField(label="最大値", required=False)
    max_length = forms.IntegerField(
        label="最大文字数", required=False, min_value=1, max_value=10000
    )
    prefill = forms.ChoiceField(
        label="自動入力（ログイン中の事業者の情報）",
        required=False,
        choices=[("", "しない"), *Prefill.choices],
    )
    fills_address = forms.CharField(
        label="住所を入れる項目名（郵便番号・法人番号）", required=False
    )
    fills_name = forms.CharField(label="名称を入れる項目名（法人番号）", required=False)
    accept = forms.CharField(label="添付できる形式（例: .pdf,.jpg）", required=False)
    max_size_mb = forms.IntegerField(
        label="最大サイズ（MB）", required=False, min_value=1, max_value=50
    )
    columns = forms.CharField(
        label="表の列（1行に1列:「項目名|見出し|種類|必須」種類は short_text/number/yen/date）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    totals = forms.CharField(label="合計する列の項目名（カンマ区切り）", required=False)
    condition_effect = forms.ChoiceField(
        label="条件",
        required=False,
        choices=[
            ("", "条件なし"),
            ("show", "次の条件のときだけ表示する"),
            ("require", "次の条件のとき必須にする"),
        ],
    )
    condition_field = forms.ChoiceField(label="条件にする項目", required=False, choices=[("", "—")])
    condition_op = forms.ChoiceField(label="比べ方", required=False, choices=ConditionOp.choices)
    condition_value = forms.CharField(label="値", required=False)

    def __init__(
        self, *args: Any, earlier: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        condition_field = self.fields["condition_field"]
        assert isinstance(condition_field, forms.ChoiceField)  # noqa: S101 - declared above
        condition_field.choices = [("", "—"), *(earlier or [])]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        field_type = data.get("type")
        if field_type in _TYPES_WITH_OPTIONS and not (data.get("options") or "").strip():
            self.add_error("options", "選択肢を1つ以上入力してください。")
        if field_type == FieldType.REPEAT and not (data.get("columns") or "").strip():
            self.add_error("columns", "表の列を1つ以上入力してください。")
        if data.get("condition_effect") and not data.get("condition_field"):
            self.add_error("condition_field", "条件にする項目を選んでください。")
        return data

    def to_spec(self) -> dict[str, Any]:
        d = self.cleaned_data
        spec: dict[str, Any] = {"type": d["type"], "label": d["label"]}
        if d.get("help"):
            spec["help"] = d["help"]
        if d.get("required"):
            spec["required"] = True
        if d.get("widget"):
            spec["widget"] = d["widget"]
        if d["type"] in _TYPES_WITH_OPTIONS:
            options = []
            for line in d["options"].splitlines():
                if line.strip():
                    value, _, label = line.partition("|")
                    options.append({"value": value.strip(), "label": (label or value).strip()})
            spec["options"] = options
        for key in ("minimum", "maximum"):
            if d.get(key) is not None:
                number = d[key]
                spec[key] = int(number) if number == int(number) else float(number)
        for key in ("max_length", "max_size_mb"):
            if d.get(key):
                spec[key] = d[key]
        if d.get("prefill"):
            spec["prefill"] = d["prefill"]
        fills = {}
        if d.get("fills_address"):
            fills["address"] = d["fills_address"].strip()
        if d.get("fills_name") and d["type"] == FieldType.CORPORATE_NUMBER:
            fills["name"] = d["fills_name"].strip()
        if fills and d["type"] in (FieldType.POSTAL_CODE, FieldType.CORPORATE_NUMBER):
            spec["fills"] = fills
        if d.get("accept"):
            spec["accept"] = [
                a.strip() for a in d["accept"].replace("、", ",").split(",") if a.strip()
            ]
        if d["type"] == FieldType.REPEAT:
            columns = []
            for line in d["columns"].splitlines():
                if not line.strip():
                    continue
                parts = [p.strip() for p in line.split("|")]
                column: dict[str, Any] = {
                    "name": parts[0],
                    "label": parts[1] if len(parts) > 1 and parts[1] else parts[0],
                    "type": parts[2] if len(parts) > 2 and parts[2] else "short_text",
                }
                if len(parts) > 3 and parts[3] in ("必須", "required", "1", "true"):
                    column["required"] = True
                columns.append(column)
            spec["columns"] = columns
            if d.get("totals"):
                spec["totals"] = [t.strip() for t in d["totals"].split(",") if t.strip()]
        if d.get("condition_effect"):
            condition: dict[str, Any] = {
                "field": d["condition_field"],
                "op": d["condition_op"] or "eq",
            }
            if condition["op"] not in ("empty", "not_empty"):
                condition["value"] = d.get("condition_value", "")
            spec["visible_when" if d["condition_effect"] == "show" else "required_when"] = condition
        return spec

    @staticmethod
    def initial_from(name: str, spec: dict[str, Any]) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "name": name,
            "type": spec.get("type"),
            "label": spec.get("label"),
            "help": spec.get("help", ""),
            "required": spec.get("required", False),
            "widget": spec.get("widget", ""),
            "options": "\n".join(f"{o['value']}|{o['label']}" for o in spec.get("options", [])),
            "minimum": spec.get("minimum"),
            "maximum": spec.get("maximum"),
            "max_length": spec.get("max_length"),
            "prefill": spec.get("prefill", ""),
            "fills_address": spec.get("fills", {}).get("address", ""),
            "fills_name": spec.get("fills", {}).get("name", ""),
            "accept": ",".join(spec.get("accept", [])),
            "max_size_mb": spec.get("max_size_mb"),
            "columns": "\n".join(
                f"{c['name']}|{c['label']}|{c['type']}{'|必須' if c.get('required') else ''}"
                for c in spec.get("columns", [])
            ),
            "totals": ",".join(spec.get("totals", [])),
        }
        for effect, key in (("show", "visible_when"), ("require", "required_when")):
            condition = spec.get(key)
            if condition and "field" in condition:
                value = condition.get("value", "")
                if isinstance(value, bool):
                    value = "はい" if value else "いいえ"
                elif isinstance(value, list):
                    value = ",".join(str(v) for v in value)
                initial.update(
                    condition_effect=effect,
                    condition_field=condition["field"],
                    condition_op=condition["op"],
                    condition_value=value,
                )
                break
        return initial
