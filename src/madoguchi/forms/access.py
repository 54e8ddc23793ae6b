"""Who may do what: applicants (by audience and organisation) and staff (by step group).

A business user sees the submissions they made, and a Prime also those of their organisation; never
another organisation's. A guest sees only the drafts of their own browser session. The files of a
submission (its PDF copy and attachments) are read by exactly those who may see it, staff never
before it is submitted (``may_read_submission_files``).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.utils import timezone

from madoguchi.forms.enums import Audience, SubmissionStatus
from madoguchi.forms.models import Procedure, Submission
from madoguchi.identity.enums import AccountType, Service
from madoguchi.identity.selectors import acting_for

_AUDIENCE_OF = {
    AccountType.ENTRY: Audience.ENTRY,
    AccountType.PRIME: Audience.PRIME,
    AccountType.MEMBER: Audience.MEMBER,
}
INBOX_PERMISSION = "forms.view_submission"


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


def applicant_may_see(user: Any, submission: Submission, session_key: str | None) -> bool:
    if getattr(user, "is_authenticated", False) and submission.applicant_id is not None:
        if submission.applicant_id == user.pk:
            return True
        return bool(
            user.account_type == AccountType.PRIME
            and submission.organisation_id is not None
            and submission.organisation_id == user.organisation_id
        )
    if submission.applicant_id is None and submission.guest_session:
        return submission.guest_session == session_token(session_key)
    return False


def staff_may_view(user: Any, procedure: Procedure) -> bool:
    if not getattr(user, "is_staff", False):
        return False
    if user.is_superuser or user.has_perm(INBOX_PERMISSION):
        return True
    group_ids = set(user.groups.values_list("id", flat=True))
    return procedure.steps.filter(group_id__in=group_ids).exists()


def staff_may_decide(user: Any, submission: Submission) -> bool:
    """Staff of the group handling the submission's current step (or a superuser)."""
    if not getattr(user, "is_staff", False):
        return False
    if user.is_superuser:
        return True
    step = submission.procedure.steps.filter(position=submission.step).first()
    return step is not None and user.groups.filter(pk=step.group_id).exists()


def staff_may_read_submission(user: Any, submission: Submission) -> bool:
    """The staff side of reading a submission's copy and attachments: staff who may open the
    procedure's inbox (its steps' groups, or the inbox permission), and only once it is submitted."""
    return submission.status != SubmissionStatus.DRAFT and staff_may_view(
        user, submission.procedure
    )


def may_read_submission_files(user: Any, submission: Submission, session_key: str | None) -> bool:
    """Who may download a submission's PDF copy and attachments (everyone else gets 404)."""
    return applicant_may_see(user, submission, session_key) or staff_may_read_submission(
        user, submission
    )
