"""stage_form_set: staff choose the form (a published version) a subsidy uses for a stage."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from madoguchi.core.audit import audit_record
from madoguchi.forms.models import FormVersion
from madoguchi.grants.applications.enums import ApplicationErrorCode, Stage
from madoguchi.grants.applications.errors import ApplicationError, PermissionDenied
from madoguchi.grants.applications.models import StageForm
from madoguchi.grants.models import Subsidy
from madoguchi.identity.roles import Right
from madoguchi.identity.selectors import staff_may


@transaction.atomic
def stage_form_set(
    *, actor: Any, subsidy: Subsidy, stage: str, form_version: FormVersion | None
) -> StageForm | None:
    """Set (or with ``None`` clear) the stage's form. Applications already started keep the version
    they were started with (their data is pinned to it). The form must belong to the subsidy's
    division (部署), like the subsidy itself."""
    if not staff_may(actor, Right.STAGE_FORMS, subsidy.division_id):
        raise PermissionDenied(_("この補助金の申請様式を設定する権限がありません。"))
    if stage not in Stage.values:
        raise ApplicationError(
            ApplicationErrorCode.INVALID, "段階を選び直してください。", field="stage"
        )
    existing = StageForm.objects.select_for_update().filter(subsidy=subsidy, stage=stage).first()
    if form_version is None:
        if existing is not None:
            existing.delete()
        audit_record(
            action="applications.stage_form_clear",
            actor=actor,
            target=subsidy,
            data={"stage": stage},
        )
        return None
    if form_version.form.division_id != subsidy.division_id:
        raise ApplicationError(
            ApplicationErrorCode.INVALID,
            _("%(stage)s: この補助金の担当部署のフォームだけを設定できます。")
            % {"stage": Stage(stage).label},
            field=stage,
        )
    if not form_version.is_published:
        raise ApplicationError(
            ApplicationErrorCode.INVALID,
            f"{Stage(stage).label}: 公開済みの版だけを設定できます（「{form_version}」は下書きです）。",
            field=stage,
        )
    if existing is None:
        existing = StageForm.objects.create(
            subsidy=subsidy, stage=stage, form_version=form_version, updated_by=actor
        )
    else:
        existing.form_version = form_version
        existing.updated_by = actor
        existing.save(update_fields=["form_version", "updated_by", "updated_at"])
    audit_record(
        action="applications.stage_form_set",
        actor=actor,
        target=subsidy,
        data={"stage": stage, "form_version": form_version.pk},
    )
    return existing
