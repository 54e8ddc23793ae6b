"""Ready-made stage forms (madoguchi-form/1 documents) for the demo and the tests: an application
form (事業計画書) with prefilled business data and an attachment, and one short form for each later
stage (交付申請, 計画変更, 実績報告, 支払請求). Staff can build their own with the forms builder."""

from __future__ import annotations

from typing import Any

from madoguchi.forms.engine import FORMAT, FormDefinition
from madoguchi.grants.applications.enums import Stage


def _doc(title: str, pages: list[dict[str, Any]], fields: dict[str, Any]) -> dict[str, Any]:
    document = {
        "format": FORMAT,
        "title": title,
        "description": "",
        "ui": {"pages": pages, "fields": fields},
    }
    return FormDefinition.from_document(document).to_document()


def _page(page_id: str, title: str, *names: str) -> dict[str, Any]:
    return {"id": page_id, "title": title, "sections": [{"title": "", "fields": list(names)}]}


def application_document() -> dict[str, Any]:
    return _doc(
        "補助金 申請書（事業計画書）",
        [
            _page(
                "business",
                "申請者の情報",
                "org_name",
                "org_number",
                "org_address",
                "contact_name",
                "contact_phone",
            ),
            _page("plan", "事業計画", "plan_summary", "expected_effect", "total_cost", "plan_file"),
            _page("consent", "誓約", "consent"),
        ],
        {
            "org_name": {
                "type": "short_text",
                "label": "事業者名",
                "required": True,
                "prefill": "organisation.name",
            },
            "org_number": {
                "type": "short_text",
                "label": "法人番号",
                "prefill": "organisation.corporate_number",
            },
            "org_address": {
                "type": "address",
                "label": "所在地",
                "required": True,
                "prefill": "organisation.address",
            },
            "contact_name": {
                "type": "short_text",
                "label": "担当者の氏名",
                "required": True,
                "prefill": "user.name",
            },
            "contact_phone": {
                "type": "phone",
                "label": "担当者の電話番号",
                "prefill": "user.phone",
            },
            "plan_summary": {
                "type": "long_text",
                "label": "事業の内容",
                "help": "補助事業で何を行うかを具体的に書いてください。",
                "required": True,
                "max_length": 2000,
            },
            "expected_effect": {"type": "long_text", "label": "期待される効果", "max_length": 2000},
            "total_cost": {
                "type": "yen",
                "label": "補助事業に要する経費の総額（円）",
                "required": True,
                "minimum": 0,
            },
            "plan_file": {
                "type": "file",
                "label": "事業計画書（PDF、任意）",
                "accept": [".pdf"],
                "max_size_mb": 10,
            },
            "consent": {
                "type": "consent",
                "label": "申請内容に偽りがないこと、暴力団等の反社会的勢力でないことを誓約します",
                "required": True,
            },
        },
    )


def grant_application_document() -> dict[str, Any]:
    return _doc(
        "交付申請書",
        [_page("grant", "交付申請", "grant_amount", "project_start", "project_end")],
        {
            "grant_amount": {
                "type": "yen",
                "label": "交付申請額（円）",
                "required": True,
                "minimum": 0,
            },
            "project_start": {"type": "date", "label": "事業開始日", "required": True},
            "project_end": {"type": "date", "label": "事業完了予定日", "required": True},
        },
    )


def change_request_document() -> dict[str, Any]:
    return _doc(
        "計画変更承認申請書",
        [_page("change", "計画変更", "change_detail", "changed_cost")],
        {
            "change_detail": {
                "type": "long_text",
                "label": "変更の内容",
                "required": True,
                "max_length": 2000,
            },
            "changed_cost": {"type": "yen", "label": "変更後の経費の総額（円）", "minimum": 0},
        },
    )


def report_document() -> dict[str, Any]:
    return _doc(
        "実績報告書",
        [_page("report", "実績報告", "report_detail", "actual_cost", "completed_on")],
        {
            "report_detail": {
                "type": "long_text",
                "label": "実施した事業の内容",
                "required": True,
                "max_length": 4000,
            },
            "actual_cost": {
                "type": "yen",
                "label": "実際に要した経費（円）",
                "required": True,
                "minimum": 0,
            },
            "completed_on": {"type": "date", "label": "事業完了日", "required": True},
        },
    )


def payment_request_document() -> dict[str, Any]:
    return _doc(
        "精算払請求書",
        [
            _page(
                "payment", "振込先", "bank_name", "branch_name", "account_number", "account_holder"
            )
        ],
        {
            "bank_name": {"type": "short_text", "label": "金融機関名", "required": True},
            "branch_name": {"type": "short_text", "label": "支店名", "required": True},
            "account_number": {
                "type": "short_text",
                "label": "口座番号（普通）",
                "required": True,
                "max_length": 7,
            },
            "account_holder": {"type": "short_text", "label": "口座名義（カナ）", "required": True},
        },
    )


STAGE_DOCUMENTS = {
    Stage.APPLICATION: application_document,
    Stage.GRANT_APPLICATION: grant_application_document,
    Stage.CHANGE_REQUEST: change_request_document,
    Stage.REPORT: report_document,
    Stage.PAYMENT_REQUEST: payment_request_document,
}


def install_stage_forms(*, builder: Any, officer: Any, subsidy: Any) -> dict[str, Any]:
    """Import and publish the ready-made forms (as ``builder``, in the subsidy's division) and set
    them for ``subsidy`` (as ``officer``), through the forms and applications services. Returns
    {stage: FormVersion}."""
    from madoguchi.forms import services as forms_services
    from madoguchi.grants.applications.services import stage_form_set

    versions: dict[str, Any] = {}
    for stage, make in STAGE_DOCUMENTS.items():
        form = forms_services.form_import(actor=builder, document=make(), division=subsidy.division)
        version = forms_services.form_version_publish(actor=builder, version=form.versions.get())
        stage_form_set(actor=officer, subsidy=subsidy, stage=stage, form_version=version)
        versions[stage] = version
    return versions
