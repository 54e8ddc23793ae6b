"""Procedures (手続き): a published form, who may use it, when, and its approval steps."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _

from madoguchi.core.audit import audit_record
from madoguchi.forms.access import staff_may_configure
from madoguchi.forms.enums import Audience, FormsErrorCode, VersionStatus
from madoguchi.forms.errors import FormsError, NotAllowed
from madoguchi.forms.models import Form, FormVersion, Procedure, WorkflowStep
from madoguchi.forms.services.builder import owning_division
from madoguchi.identity.enums import StaffRole
from madoguchi.identity.models import Division
from madoguchi.identity.roles import Right


def latest_published(form: Form) -> FormVersion | None:
    return (
        FormVersion.objects.filter(form=form, status=VersionStatus.PUBLISHED)
        .order_by("-number")
        .first()
    )


@transaction.atomic
def procedure_save(
    *,
    actor: Any,
    form: Form,
    title: str,
    slug: str,
    audience: list[str],
    summary: str = "",
    opens_at: dt.datetime | None = None,
    closes_at: dt.datetime | None = None,
    reference_prefix: str = "M",
    receipt_message: str = "",
    procedure: Procedure | None = None,
    division: Division | None = None,
) -> Procedure:
    """Create or update a procedure of ``division`` (default: the procedure's own, or for a new one
    the actor's only division); it uses the form's newest published version, and the form must
    belong to the same division."""
    if procedure is not None:
        _check_configure(actor, procedure.division_id)
        division = division or procedure.division
    else:
        division = owning_division(actor, Right.PROCEDURE_CONFIGURE, division)
    _check_configure(actor, division)
    if form.division_id != division.pk:
        raise FormsError(
            FormsErrorCode.INVALID_FIELD,
            _("担当部署（%(division)s）のフォームを選んでください。") % {"division": division},
            field="form",
        )
    if not title.strip():
        raise FormsError(
            FormsErrorCode.INVALID_FIELD, "手続き名を入力してください。", field="title"
        )
    bad = [a for a in audience if a not in Audience.values]
    if not audience or bad:
        raise FormsError(
            FormsErrorCode.INVALID_FIELD, "利用できる人を1つ以上選んでください。", field="audience"
        )
    if opens_at and closes_at and closes_at <= opens_at:
        raise FormsError(
            FormsErrorCode.INVALID_FIELD,
            "受付終了は受付開始より後にしてください。",
            field="closes_at",
        )
    clash = Procedure.objects.filter(slug=slug)
    if procedure is not None:
        clash = clash.exclude(pk=procedure.pk)
    if clash.exists():
        raise FormsError(
            FormsErrorCode.INVALID_FIELD, f"URL名「{slug}」はすでに使われています。", field="slug"
        )
    values = {
        "division": division,
        "form": form,
        "title": title.strip(),
        "slug": slug,
        "summary": summary,
        "audience": list(audience),
        "opens_at": opens_at,
        "closes_at": closes_at,
        "reference_prefix": reference_prefix or "M",
        "receipt_message": receipt_message,
        "version": latest_published(form),
    }
    if procedure is None:
        procedure = Procedure.objects.create(**values)
        audit_record(action="forms.procedure_create", actor=actor, target=procedure)
    else:
        for key, value in values.items():
            setattr(procedure, key, value)
        procedure.save(update_fields=[*values, "updated_at"])
        audit_record(action="forms.procedure_update", actor=actor, target=procedure)
    return procedure


@transaction.atomic
def procedure_use_version(*, actor: Any, form: Form) -> int:
    """After publishing: every procedure of ``form`` takes the new version (old drafts stay pinned)."""
    version = latest_published(form)
    count = Procedure.objects.filter(form=form).update(version=version)
    audit_record(
        action="forms.procedure_use_version", actor=actor, target=form, data={"count": count}
    )
    return count


def _check_configure(actor: Any, division: Division | int | None) -> None:
    if not staff_may_configure(actor, division):
        raise NotAllowed(_("この手続きを設定する権限がありません（担当部署の職員のみ）。"))


@transaction.atomic
def workflow_step_add(
    *, actor: Any, procedure: Procedure, name: str, group: Group, approval_message: str = ""
) -> WorkflowStep:
    _check_configure(actor, procedure.division_id)
    if group.name in StaffRole.values:
        raise FormsError(
            FormsErrorCode.INVALID_FIELD,
            _("審査の段階には、職員の役割ではなく段階を担当するグループを選んでください。"),
            field="group",
        )
    if not name.strip():
        raise FormsError(
            FormsErrorCode.INVALID_FIELD, "段階の名前を入力してください。", field="name"
        )
    position = procedure.steps.count() + 1
    step = WorkflowStep.objects.create(
        procedure=procedure,
        position=position,
        name=name.strip(),
        group=group,
        approval_message=approval_message,
    )
    audit_record(
        action="forms.step_add", actor=actor, target=procedure, data={"position": position}
    )
    return step
