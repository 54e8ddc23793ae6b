"""Ready-made form documents: the demo procedures, and a complete example for the tests.

``sponsorship_document`` is a 後援名義使用申請 (a request to use a body's name as sponsor of an event):
event name, dates, venue, organiser with corporate number (registry lookup), expected attendance,
programme, expenses with a total, past sponsorship (a condition), attachments and a consent.
"""

from __future__ import annotations

from typing import Any

from madoguchi.forms.engine import FORMAT, FormDefinition


def _doc(
    title: str, description: str, pages: list[dict[str, Any]], fields: dict[str, Any]
) -> dict[str, Any]:
    document = {
        "format": FORMAT,
        "title": title,
        "description": description,
        "ui": {"pages": pages, "fields": fields},
    }
    return FormDefinition.from_document(document).to_document()


def sponsorship_document() -> dict[str, Any]:
    pages = [
        {
            "id": "organiser",
            "title": "主催者",
            "sections": [
                {
                    "title": "",
                    "fields": [
                        "intro",
                        "organiser_number",
                        "organiser_name",
                        "organiser_postal_code",
                        "organiser_address",
                        "representative",
                        "contact_name",
                        "contact_email",
                        "contact_phone",
                    ],
                },
            ],
        },
        {
            "id": "event",
            "title": "行事の内容",
            "sections": [
                {
                    "title": "概要",
                    "fields": [
                        "event_name",
                        "event_kind",
                        "start_date",
                        "end_date",
                        "venue",
                        "venue_postal_code",
                        "venue_address",
                        "expected_attendance",
                        "admission_fee",
                        "fee_amount",
                        "programme",
                    ],
                },
                {"title": "収支", "fields": ["expenses"]},
            ],
        },
        {
            "id": "history",
            "title": "過去の後援と添付書類",
            "sections": [
                {
                    "title": "",
                    "fields": [
                        "past_sponsorship",
                        "past_year",
                        "past_event_name",
                        "plan_document",
                        "budget_document",
                        "consent",
                    ],
                },
            ],
        },
    ]
    fields: dict[str, Any] = {
        "intro": {
            "type": "guidance",
            "label": "この申請について",
            "help": "行事に「後援」として名義を使用することの承認を申請します。行事の開始日の30日前までに申請してください。",
        },
        "organiser_number": {
            "type": "corporate_number",
            "label": "主催者の法人番号",
            "help": "13桁。「法人情報を自動入力」を押すと名称と所在地が入ります。",
            "prefill": "organisation.corporate_number",
            "fills": {
                "name": "organiser_name",
                "address": "organiser_address",
                "postal_code": "organiser_postal_code",
            },
        },
        "organiser_name": {
            "type": "short_text",
            "label": "主催者の名称",
            "required": True,
            "prefill": "organisation.name",
        },
        "organiser_postal_code": {
            "type": "postal_code",
            "label": "主催者の郵便番号",
            "prefill": "organisation.postal_code",
            "fills": {"address": "organiser_address"},
        },
        "organiser_address": {
            "type": "address",
            "label": "主催者の所在地",
            "required": True,
            "prefill": "organisation.address",
        },
        "representative": {
            "type": "short_text",
            "label": "代表者の氏名",
            "required": True,
            "prefill": "organisation.representative",
        },
        "contact_name": {
            "type": "short_text",
            "label": "担当者の氏名",
            "required": True,
            "prefill": "user.name",
        },
        "contact_email": {
            "type": "email",
            "label": "担当者のメールアドレス",
            "required": True,
            "prefill": "user.email",
        },
        "contact_phone": {
            "type": "phone",
            "label": "担当者の電話番号",
            "required": True,
            "prefill": "user.phone",
        },
        "event_name": {
            "type": "short_text",
            "label": "行事の名称",
            "required": True,
            "max_length": 100,
        },
        "event_kind": {
            "type": "single_choice",
            "label": "行事の種類",
            "required": True,
            "widget": "radio",
            "options": [
                {"value": "seminar", "label": "講演会・セミナー"},
                {"value": "exhibition", "label": "展示会・見本市"},
                {"value": "sports", "label": "スポーツ大会"},
                {"value": "other", "label": "その他"},
            ],
        },
        "start_date": {"type": "date", "label": "開始日", "required": True},
        "end_date": {"type": "date", "label": "終了日", "required": True},
        "venue": {"type": "short_text", "label": "会場の名称", "required": True},
        "venue_postal_code": {
            "type": "postal_code",
            "label": "会場の郵便番号",
            "fills": {"address": "venue_address"},
        },
        "venue_address": {"type": "address", "label": "会場の所在地", "required": True},
        "expected_attendance": {
            "type": "number",
            "label": "見込み参加者数（人）",
            "required": True,
            "minimum": 1,
            "maximum": 1000000,
        },
        "admission_fee": {"type": "yes_no", "label": "参加費を徴収しますか", "required": True},
        "fee_amount": {
            "type": "yen",
            "label": "参加費（1人あたり）",
            "required": True,
            "maximum": 100000,
            "visible_when": {"field": "admission_fee", "op": "eq", "value": True},
        },
        "programme": {
            "type": "long_text",
            "label": "行事の内容（プログラム）",
            "required": True,
            "max_length": 2000,
        },
        "expenses": {
            "type": "repeat",
            "label": "経費明細",
            "help": "主な経費を1行ずつ入力してください。合計は自動で計算されます。",
            "widget": "table",
            "min_items": 1,
            "required": True,
            "columns": [
                {"name": "item", "type": "short_text", "label": "費目", "required": True},
                {"name": "amount", "type": "yen", "label": "金額（円）", "required": True},
            ],
            "totals": ["amount"],
        },
        "past_sponsorship": {
            "type": "yes_no",
            "label": "過去にこの行事の後援を受けたことがありますか",
            "required": True,
        },
        "past_year": {
            "type": "number",
            "label": "直近に後援を受けた年度",
            "minimum": 1990,
            "maximum": 2100,
            "visible_when": {"field": "past_sponsorship", "op": "eq", "value": True},
            "required": True,
        },
        "past_event_name": {
            "type": "short_text",
            "label": "そのときの行事の名称",
            "visible_when": {"field": "past_sponsorship", "op": "eq", "value": True},
        },
        "plan_document": {
            "type": "file",
            "label": "開催要項・企画書",
            "required": True,
            "accept": [".pdf", ".docx"],
            "max_size_mb": 10,
        },
        "budget_document": {
            "type": "file",
            "label": "収支予算書（任意）",
            "accept": [".pdf", ".xlsx"],
            "max_size_mb": 10,
        },
        "consent": {
            "type": "consent",
            "label": "後援名義の使用に当たっての注意事項を確認し、同意します",
            "help": "政治・宗教・営利を目的とする行事には後援名義を使用できません。",
            "required": True,
        },
    }
    return _doc(
        "後援名義使用申請",
        "行事に後援名義を使用することの承認を申請するためのフォームです。",
        pages,
        fields,
    )


def change_notice_document() -> dict[str, Any]:
    """A small one: 事業者の所在地・代表者の変更届 (a notification of changed details)."""
    pages = [
        {
            "id": "business",
            "title": "事業者",
            "sections": [
                {
                    "title": "",
                    "fields": ["business_name", "corporate_number", "contact_email", "change_kind"],
                }
            ],
        },
        {
            "id": "details",
            "title": "変更の内容",
            "sections": [
                {
                    "title": "",
                    "fields": [
                        "new_postal_code",
                        "new_address",
                        "new_representative",
                        "effective_date",
                        "note",
                    ],
                }
            ],
        },
    ]
    fields = {
        "business_name": {
            "type": "short_text",
            "label": "事業者の名称",
            "required": True,
            "prefill": "organisation.name",
        },
        "corporate_number": {
            "type": "corporate_number",
            "label": "法人番号",
            "prefill": "organisation.corporate_number",
        },
        "contact_email": {
            "type": "email",
            "label": "連絡先メールアドレス",
            "help": "受付の控えと審査の結果をお送りします。",
            "required": True,
            "prefill": "user.email",
        },
        "change_kind": {
            "type": "multiple_choice",
            "label": "変更する事項",
            "required": True,
            "options": [
                {"value": "address", "label": "所在地"},
                {"value": "representative", "label": "代表者"},
            ],
        },
        "new_postal_code": {
            "type": "postal_code",
            "label": "新しい郵便番号",
            "fills": {"address": "new_address"},
            "visible_when": {"field": "change_kind", "op": "contains", "value": "address"},
        },
        "new_address": {
            "type": "address",
            "label": "新しい所在地",
            "required": True,
            "visible_when": {"field": "change_kind", "op": "contains", "value": "address"},
        },
        "new_representative": {
            "type": "short_text",
            "label": "新しい代表者の氏名",
            "required": True,
            "visible_when": {"field": "change_kind", "op": "contains", "value": "representative"},
        },
        "effective_date": {"type": "date", "label": "変更日", "required": True},
        "note": {"type": "long_text", "label": "備考"},
    }
    return _doc("事業者情報の変更届", "所在地や代表者が変わったときの届出です。", pages, fields)
