"""Applicants' and staff's writes on submissions: draft, attach, submit, decide, assign, comment."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from madoguchi.core.audit import audit_record
from madoguchi.core.tasks import enqueue_on_commit
from madoguchi.forms import access
from madoguchi.forms.engine import FormDefinition, UploadRejected, check_upload, clean, validate
from madoguchi.forms.enums import EventKind, FieldType, FormsErrorCode, SubmissionStatus
from madoguchi.forms.errors import FormsError, NotAllowed, WrongState
from madoguchi.forms.mail import submission_email_queue
from madoguchi.forms.models import Procedure, Submission, SubmissionEvent, SubmissionFile
from madoguchi.forms.prefill import prefill_answers
from madoguchi.forms.tasks import render_submission_pdf


class InvalidAnswers(FormsError):
    """The answers do not pass validation; ``errors`` maps input names to Japanese messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(
            FormsErrorCode.INVALID_DATA, f"入力内容に{len(errors)}件の誤りがあります。"
        )
        self.errors = errors


def _check_applicant(actor: Any, submission: Submission, session_key: str | None) -> None:
    if not access.applicant_may_see(actor, submission, session_key):
        raise NotAllowed("この申請を操作する権限がありません。")


def _check_editable(submission: Submission) -> None:
    if not submission.is_editable:
        raise WrongState("この申請は提出済みのため変更できません。")


@transaction.atomic
def submission_start(*, actor: Any, procedure: Procedure, session_key: str | None) -> Submission:
    """A new draft pinned to the procedure's current version, with what Madoguchi already knows."""
    reason = access.why_not_apply(actor, procedure)
    if reason:
        raise NotAllowed(reason)
    version = procedure.version
    if version is None:  # why_not_apply refuses this; kept for the type checker
        raise NotAllowed("この手続きはまだ公開されていません。")
    definition = FormDefinition.from_document(version.document)
    business = getattr(actor, "is_authenticated", False)
    submission = Submission.objects.create(
        procedure=procedure,
        form_version=version,
        applicant=actor if business else None,
        organisation=getattr(actor, "organisation", None) if business else None,
        guest_session="" if business else access.session_token(session_key),
        data=prefill_answers(definition, actor) if business else {},
    )
    audit_record(action="forms.submission_start", actor=actor, target=submission)
    return submission


@transaction.atomic
def submission_answers_save(
    *, actor: Any, submission: Submission, data: dict[str, Any], session_key: str | None
) -> Submission:
    """Save the answers as they stand (a draft may be incomplete or wrong; nothing is lost)."""
    _check_applicant(actor, submission, session_key)
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    _check_editable(submission)
    submission.data = data
    submission.save(update_fields=["data", "updated_at"])
    return submission


@transaction.atomic
def submission_file_attach(
    *,
    actor: Any,
    submission: Submission,
    field_name: str,
    upload: UploadedFile,
    session_key: str | None,
) -> Submission:
    """Store an uploaded file for a file question, checking its type and size."""
    _check_applicant(actor, submission, session_key)
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    _check_editable(submission)
    definition = FormDefinition.from_document(submission.form_version.document)
    try:
        checked = check_upload(definition, field_name, upload)
    except UploadRejected as rejected:
        raise FormsError(FormsErrorCode.INVALID_FILE, rejected.message, field=field_name) from None
    stored = SubmissionFile(
        submission=submission,
        field=field_name,
        name=checked.name,
        size=checked.size,
        content_type=checked.content_type,
    )
    stored.file.save(checked.name, upload, save=False)
    stored.save()
    submission.data = {**submission.data, field_name: checked.answer(stored.id)}
    submission.save(update_fields=["data", "updated_at"])
    audit_record(
        action="forms.file_attach", actor=actor, target=submission, data={"field": field_name}
    )
    return submission


def _contact_email(definition: FormDefinition, submission: Submission) -> str:
    if submission.applicant is not None and submission.applicant.email:
        return submission.applicant.email
    for field in definition.data_fields():
        if field.type == FieldType.EMAIL and isinstance(submission.data.get(field.name), str):
            return submission.data[field.name]
    return ""


def _step_group_emails(submission: Submission) -> list[str]:
    step = submission.procedure.steps.filter(position=submission.step).first()
    if step is None:
        return []
    users = get_user_model().objects.filter(groups=step.group, is_active=True).exclude(email="")
    return list(users.values_list("email", flat=True))


@transaction.atomic
def submission_submit(*, actor: Any, submission: Submission, session_key: str | None) -> Submission:
    """Check everything, give a reference number (first time), and hand it to the first step."""
    _check_applicant(actor, submission, session_key)
    submission = (
        Submission.objects.select_for_update()
        .select_related("procedure", "form_version")
        .get(pk=submission.pk)
    )
    _check_editable(submission)
    definition = FormDefinition.from_document(submission.form_version.document)
    errors = validate(definition, submission.data)
    if errors:
        raise InvalidAnswers(errors)
    resubmitting = submission.status == SubmissionStatus.RETURNED
    submission.data = clean(definition, submission.data)
    submission.contact_email = _contact_email(definition, submission)
    if resubmitting:
        submission.resubmit()
    else:
        procedure = Procedure.objects.select_for_update().get(pk=submission.procedure_id)
        year = timezone.localdate().year
        submission.reference = f"{procedure.reference_prefix}-{year}-{procedure.next_serial:06d}"
        procedure.next_serial += 1
        procedure.save(update_fields=["next_serial"])
        submission.submit()
    submission.submitted_at = timezone.now()
    submission.save(
        update_fields=[
            "data",
            "contact_email",
            "status",
            "step",
            "reference",
            "submitted_at",
            "updated_at",
        ]
    )
    SubmissionEvent.objects.create(
        submission=submission,
        kind=EventKind.RESUBMITTED if resubmitting else EventKind.SUBMITTED,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        to_applicant=True,
    )
    audit_record(action="forms.submission_submit", actor=actor, target=submission)
    enqueue_on_commit(render_submission_pdf, str(submission.pk))
    if submission.contact_email:
        submission_email_queue(submission, "receipt", [submission.contact_email])
    submission_email_queue(submission, "staff_notice", _step_group_emails(submission))
    return submission


DECISIONS = ("approve", "return", "reject")


@transaction.atomic
def submission_decide(
    *, actor: Any, submission: Submission, decision: str, comment: str = ""
) -> Submission:
    """Staff of the current step approve (to the next step or finally), return or reject it."""
    submission = (
        Submission.objects.select_for_update().select_related("procedure").get(pk=submission.pk)
    )
    if decision not in DECISIONS:
        raise FormsError(FormsErrorCode.INVALID_FIELD, "操作を選んでください。", field="decision")
    if submission.status != SubmissionStatus.SUBMITTED:
        raise WrongState("審査中の申請だけを処理できます。")
    if not access.staff_may_decide(actor, submission):
        raise NotAllowed("この段階の審査を担当するグループの職員だけが処理できます。")
    comment = comment.strip()
    if decision in ("return", "reject") and not comment:
        raise FormsError(
            FormsErrorCode.INVALID_FIELD,
            "差戻し・却下の理由をコメントに入力してください（申請者に伝わります）。",
            field="comment",
        )
    steps = list(submission.procedure.steps.order_by("position"))
    step = next((s for s in steps if s.position == submission.step), None)
    step_name = step.name if step else ""
    template = ""
    if decision == "approve":
        if submission.step < len(steps):
            submission.advance()
            kind = EventKind.STEP_APPROVED
        else:
            submission.approve()
            kind, template = EventKind.APPROVED, "approved"
    elif decision == "return":
        submission.return_for_correction()
        kind, template = EventKind.RETURNED, "returned"
    else:
        submission.reject()
        kind, template = EventKind.REJECTED, "rejected"
    submission.save(update_fields=["status", "step", "decided_at", "updated_at"])
    SubmissionEvent.objects.create(
        submission=submission,
        kind=kind,
        actor=actor,
        step_name=step_name,
        comment=comment,
        to_applicant=kind != EventKind.STEP_APPROVED or bool(step and step.approval_message),
    )
    audit_record(
        action=f"forms.submission_{decision}",
        actor=actor,
        target=submission,
        data={"step": step_name},
    )
    recipients = [submission.contact_email] if submission.contact_email else []
    if template:
        submission_email_queue(submission, template, recipients, comment)
    elif step and step.approval_message:
        submission_email_queue(submission, "step_approved", recipients, step.approval_message)
    if kind == EventKind.STEP_APPROVED:
        submission_email_queue(submission, "staff_notice", _step_group_emails(submission))
    return submission


@transaction.atomic
def submission_assign(*, actor: Any, submission: Submission, assignee: Any | None) -> Submission:
    if not access.staff_may_handle(actor, submission.procedure):
        raise NotAllowed()
    if assignee is not None and not access.staff_may_view(assignee, submission.procedure):
        raise FormsError(
            FormsErrorCode.INVALID_FIELD,
            "この手続きを扱えない職員は担当にできません。",
            field="assignee",
        )
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    submission.assignee = assignee
    submission.save(update_fields=["assignee", "updated_at"])
    SubmissionEvent.objects.create(
        submission=submission,
        kind=EventKind.ASSIGNED,
        actor=actor,
        comment=str(assignee.get_username()) if assignee else "（担当なし）",
    )
    audit_record(action="forms.submission_assign", actor=actor, target=submission)
    return submission


@transaction.atomic
def submission_comment(*, actor: Any, submission: Submission, comment: str) -> SubmissionEvent:
    """An internal note by staff (not shown to the applicant)."""
    if not access.staff_may_handle(actor, submission.procedure):
        raise NotAllowed()
    if not comment.strip():
        raise FormsError(
            FormsErrorCode.INVALID_FIELD, "コメントを入力してください。", field="comment"
        )
    event = SubmissionEvent.objects.create(
        submission=submission, kind=EventKind.COMMENT, actor=actor, comment=comment.strip()
    )
    audit_record(action="forms.submission_comment", actor=actor, target=submission)
    return event
