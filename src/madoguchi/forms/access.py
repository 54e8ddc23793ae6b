"""Who may do what: applicants (by audience and organisation) and staff (by division and step
group).

A business user sees the submissions they made, and a Prime (or a Member allowed 各種手続き) also those
of their organisation; never another organisation's. A guest sees only the drafts of their own browser
session. The files of a submission (its PDF copy and attachments) are read by exactly those who may see
it, staff never before it is submitted (``may_read_submission_files``). Procedures have no agent mode
(a submission is always its applicant's own organisation's), so no mandate reaches them.

Staff rights are declared in identity.roles: programme officers read, assign and annotate the
submissions of their divisions' procedures, analysts read every division's, procedure builders set
up their divisions' procedures and forms; the staff of a step's group (step handlers) read, handle
and decide the submissions of the procedures whose steps their group handles, deciding only at
their own step.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.utils import timezone

from madoguchi.forms.enums import Audience, SubmissionStatus
from madoguchi.forms.models import Procedure, Submission
from madoguchi.identity.enums import AccountType, Service
from madoguchi.identity.models import Division
from madoguchi.identity.roles import Right, Scope
from madoguchi.identity.selectors import acting_for, staff_may, staff_scopes

_AUDIENCE_OF = {
    AccountType.ENTRY: Audience.ENTRY,
    AccountType.PRIME: Audience.PRIME,
    AccountType.MEMBER: Audience.MEMBER,
}


def session_token(session_key: str | None) -> str:
    """What is stored for a guest's draft: a hash, never the session key itself."""
    if not session_key:
        return ""
    return hashlib.sha256(f"madoguchi-forms:{session_key}".encode()).hexdigest()


def audience_of(user: Any) -> str:
    if not getattr(user, "is_authenticated", False) or user.account_type is None:
        return Audience.GUEST
    return _AUDIENCE_OF[AccountType(user.account_type)]


def why_not_apply(user: Any, procedure: Procedure) -> str | None:
    """None when ``user`` may use ``procedure`` now; otherwise the reason in Japanese."""
    if procedure.version_id is None:
        return "この手続きはまだ公開されていません。"
    now = timezone.now()
    if procedure.opens_at and now < procedure.opens_at:
        local = timezone.localtime(procedure.opens_at)
        return f"この手続きの受付は {local:%Y年%m月%d日 %H:%M} からです。"
    if procedure.closes_at and now >= procedure.closes_at:
        return "この手続きの受付は終了しました。"
    audience = audience_of(user)
    allowed = set(procedure.audience or [])
    if audience == Audience.GUEST:
        if Audience.GUEST in allowed:
            return None
        return "この手続きを利用するには gBizID でログインしてください。"
    if audience not in allowed and Audience.GUEST not in allowed:
        labels = "、".join(Audience(a).label for a in procedure.audience if a in Audience.values)
        return f"この手続きを利用できるのは {labels} のアカウントです。"
    organisation = getattr(user, "organisation", None)
    allowed_here = (
        acting_for(user, organisation, Service.PROCEDURES)
        if organisation is not None
        else user.may_use(Service.PROCEDURES)
    )
    if not allowed_here:
        return "このアカウントには「各種手続き」の利用が許可されていません（プライムに依頼してください）。"
    return None


def sees_organisation_submissions(user: Any) -> bool:
    """The organisation's Prime, and its Members allowed 各種手続き, see every submission of it."""
    if not getattr(user, "is_authenticated", False) or not user.organisation_id:
        return False
    if user.account_type == AccountType.PRIME:
        return True
    return user.account_type == AccountType.MEMBER and bool(user.may_use(Service.PROCEDURES))


def applicant_may_see(user: Any, submission: Submission, session_key: str | None) -> bool:
    if getattr(user, "is_authenticated", False) and submission.applicant_id is not None:
        if submission.applicant_id == user.pk:
            return True
        return bool(
            submission.organisation_id is not None
            and submission.organisation_id == user.organisation_id
            and sees_organisation_submissions(user)
        )
    if submission.applicant_id is None and submission.guest_session:
        return submission.guest_session == session_token(session_key)
    return False


def _in_step_group(user: Any, procedure: Procedure, position: int | None = None) -> bool:
    steps = procedure.steps.filter(group__user=user)
    if position is not None:
        steps = steps.filter(position=position)
    return steps.exists()


def _may(user: Any, right: Right, procedure: Procedure, position: int | None = None) -> bool:
    """By the procedure's division, or as staff of one of its steps' groups (``position``: of
    that step)."""
    if staff_may(user, right, procedure.division_id):
        return True
    return Scope.STEP in staff_scopes(user, right) and _in_step_group(user, procedure, position)


def staff_may_view(user: Any, procedure: Procedure) -> bool:
    """Read the inbox, the submissions and their exports."""
    return _may(user, Right.PROCEDURE_VIEW, procedure)


def staff_may_handle(user: Any, procedure: Procedure) -> bool:
    """Assign a submission to someone, add internal notes."""
    return _may(user, Right.PROCEDURE_HANDLE, procedure)


def staff_may_decide(user: Any, submission: Submission) -> bool:
    """Approve, return or reject at the submission's current step: staff of that step's group
    (or a role deciding for every division: administrators)."""
    return _may(user, Right.PROCEDURE_DECIDE, submission.procedure, submission.step)


def staff_may_configure(user: Any, division: Division | int | None) -> bool:
    """Create or set up a procedure of ``division`` (settings, steps)."""
    return staff_may(user, Right.PROCEDURE_CONFIGURE, division)


def staff_may_build(user: Any, division: Division | int | None) -> bool:
    """Create, edit, publish, export a form of ``division``."""
    return staff_may(user, Right.FORM_BUILD, division)


def staff_may_read_submission(user: Any, submission: Submission) -> bool:
    """The staff side of reading a submission's copy and attachments: staff who may read the
    procedure's inbox (identity.roles), and only once it is submitted."""
    return submission.status != SubmissionStatus.DRAFT and staff_may_view(
        user, submission.procedure
    )


def may_read_submission_files(user: Any, submission: Submission, session_key: str | None) -> bool:
    """Who may download a submission's PDF copy and attachments (everyone else gets 404)."""
    return applicant_may_see(user, submission, session_key) or staff_may_read_submission(
        user, submission
    )
