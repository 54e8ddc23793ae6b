"""Reads of the forms context (with the permission filter applied in the query)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from madoguchi.forms import access
from madoguchi.forms.enums import SubmissionStatus
from madoguchi.forms.models import (
    Form,
    FormVersion,
    Procedure,
    Submission,
    SubmissionEvent,
    WorkflowStep,
)
from madoguchi.identity.roles import Right, Scope
from madoguchi.identity.selectors import staff_division_filter, staff_divisions, staff_scopes


def procedures_listed() -> list[Procedure]:
    """Procedures open now and listed for applicants."""
    now = timezone.now()
    return list(
        Procedure.objects.filter(is_listed=True, version__isnull=False)
        .filter(Q(opens_at__isnull=True) | Q(opens_at__lte=now))
        .filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now))
        .order_by("title")
    )


def procedure_get(*, slug: str) -> Procedure | None:
    return Procedure.objects.select_related("version", "form").filter(slug=slug).first()


def applicant_submissions(*, user: Any, session_key: str | None) -> QuerySet[Submission]:
    """Submissions the person may see: their own; a Prime (or a Member allowed 各種手続き) also their
    organisation's; a guest's drafts."""
    qs = Submission.objects.select_related("procedure", "applicant", "organisation")
    if getattr(user, "is_authenticated", False):
        condition = Q(applicant=user)
        if access.sees_organisation_submissions(user):
            condition |= Q(organisation_id=user.organisation_id)
        return qs.filter(condition)
    token = access.session_token(session_key)
    if not token:
        return qs.none()
    return qs.filter(applicant__isnull=True, guest_session=token)


def applicant_submission(*, user: Any, session_key: str | None, pk: Any) -> Submission | None:
    submission = (
        Submission.objects.select_related("procedure", "form_version", "organisation", "applicant")
        .filter(pk=pk)
        .first()
    )
    if submission is None or not access.applicant_may_see(user, submission, session_key):
        return None
    return submission


def applicant_events(submission: Submission) -> list[SubmissionEvent]:
    return list(submission.events.filter(to_applicant=True).order_by("created_at", "id"))


def forms_for_builder(user: Any) -> list[Form]:
    """The forms of the divisions the user builds for."""
    return list(
        Form.objects.filter(staff_division_filter(user, Right.FORM_BUILD))
        .select_related("division")
        .annotate(version_count=Count("versions"))
        .order_by("-created_at")
    )


def form_versions(form: Form) -> list[FormVersion]:
    return list(form.versions.order_by("-number"))


def current_version(form: Form) -> FormVersion:
    return form.versions.order_by("-number")[0]  # every form has version 1


def procedures_for_staff(user: Any) -> list[Procedure]:
    """Procedures whose inbox ``user`` may open or that ``user`` may set up, each with ``waiting``
    (submissions under review): those of the divisions the user's rights reach, and those whose
    steps the user's groups handle."""
    condition = Q()  # every division
    ids: set[int] = set()
    for right in (Right.PROCEDURE_VIEW, Right.PROCEDURE_CONFIGURE):
        reach = staff_divisions(user, right)
        if reach is None:
            break
        ids |= reach
    else:
        condition = Q(division_id__in=sorted(ids))
        if Scope.STEP in staff_scopes(user, Right.PROCEDURE_VIEW):
            steps = WorkflowStep.objects.filter(group__user=user).values("procedure_id")
            condition |= Q(pk__in=steps)
    procedures = (
        Procedure.objects.filter(condition)
        .select_related("form", "version", "division")
        .annotate(
            waiting=Count(
                "submissions",
                filter=Q(submissions__status=SubmissionStatus.SUBMITTED),
                distinct=True,
            )
        )
        .order_by("title")
    )
    return list(procedures)


INBOX_STATUSES = [
    (SubmissionStatus.SUBMITTED, "審査中"),
    (SubmissionStatus.RETURNED, "差戻し中"),
    (SubmissionStatus.APPROVED, "承認"),
    (SubmissionStatus.REJECTED, "却下"),
]


def inbox_submissions(
    *, procedure: Procedure, status: str = "", step: str = "", assignee: str = "", q: str = ""
) -> QuerySet[Submission]:
    """Submitted (not draft) submissions of a procedure, filtered."""
    qs = (
        Submission.objects.filter(procedure=procedure)
        .exclude(status=SubmissionStatus.DRAFT)
        .select_related("organisation", "applicant", "assignee", "form_version")
        .order_by("-submitted_at")
    )
    if status in SubmissionStatus.values:
        qs = qs.filter(status=status)
    if step.isdigit():
        qs = qs.filter(step=int(step), status=SubmissionStatus.SUBMITTED)
    if assignee == "none":
        qs = qs.filter(assignee__isnull=True)
    elif assignee.isdigit():
        qs = qs.filter(assignee_id=int(assignee))
    if q.strip():
        text = q.strip()
        qs = qs.filter(
            Q(reference__icontains=text)
            | Q(organisation__name__icontains=text)
            | Q(contact_email__icontains=text)
        )
    return qs


def staff_submission(*, user: Any, pk: Any) -> Submission | None:
    submission = (
        Submission.objects.select_related(
            "procedure", "form_version", "organisation", "applicant", "assignee"
        )
        .exclude(status=SubmissionStatus.DRAFT)
        .filter(pk=pk)
        .first()
    )
    if submission is None or not access.staff_may_view(user, submission.procedure):
        return None
    return submission


def submission_for_files(*, user: Any, session_key: str | None, pk: Any) -> Submission | None:
    """The submission whose copy or attachment is asked for, when ``user`` may read its files."""
    submission = (
        Submission.objects.select_related("procedure", "organisation", "applicant")
        .filter(pk=pk)
        .first()
    )
    if submission is None or not access.may_read_submission_files(user, submission, session_key):
        return None
    return submission
