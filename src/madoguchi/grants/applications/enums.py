"""States, stages and roles of a subsidy application, with their Japanese names."""

from enum import StrEnum

from django.db import models


class ApplicationStatus(models.TextChoices):
    """The lifecycle (see models.Application for who fires each transition)."""

    DRAFT = "draft", "下書き"
    SUBMITTED = "submitted", "申請済み"
    RETURNED = "returned", "差戻し"
    RESUBMITTED = "resubmitted", "再申請"
    UNDER_REVIEW = "under_review", "審査中"
    ADOPTED = "adopted", "採択"
    NOT_ADOPTED = "not_adopted", "不採択"
    GRANT_APPLIED = "grant_applied", "交付申請"
    GRANT_DECIDED = "grant_decided", "交付決定"
    CHANGE_REQUESTED = "change_requested", "計画変更の申請中"
    REPORTED = "reported", "実績報告"
    AMOUNT_CONFIRMED = "amount_confirmed", "額の確定"
    PAYMENT_REQUESTED = "payment_requested", "精算払請求"
    PAID = "paid", "支払済"
    WITHDRAWN = "withdrawn", "取下げ"


# States in which an application holds its organisation's one place in a single-application
# subsidy (everything but draft, withdrawn and not adopted).
WITHDRAWABLE = (
    ApplicationStatus.DRAFT,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.RETURNED,
    ApplicationStatus.RESUBMITTED,
    ApplicationStatus.UNDER_REVIEW,
    ApplicationStatus.ADOPTED,
    ApplicationStatus.GRANT_APPLIED,
)


class Stage(models.TextChoices):
    """The stages whose content is a form that staff configure per subsidy."""

    APPLICATION = "application", "申請"
    GRANT_APPLICATION = "grant_application", "交付申請"
    CHANGE_REQUEST = "change_request", "計画変更"
    REPORT = "report", "実績報告"
    PAYMENT_REQUEST = "payment_request", "支払請求"


# The state in which the applicant fills in each stage's form.
STAGE_EDITABLE_IN: dict[str, tuple[str, ...]] = {
    Stage.APPLICATION: (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED),
    Stage.GRANT_APPLICATION: (ApplicationStatus.ADOPTED,),
    Stage.CHANGE_REQUEST: (ApplicationStatus.GRANT_DECIDED,),
    Stage.REPORT: (ApplicationStatus.GRANT_DECIDED,),
    Stage.PAYMENT_REQUEST: (ApplicationStatus.AMOUNT_CONFIRMED,),
}


class ActorRole(models.TextChoices):
    """Who did something, as the timeline shows it."""

    PRIME = "prime", "申請者（プライム）"
    MEMBER = "member", "申請者（メンバー）"
    AGENT = "agent", "代理申請者（委任）"
    OFFICER = "officer", "制度担当職員"
    SYSTEM = "system", "システム"


class NoticeKind(models.TextChoices):
    """The notices the review context renders (madoguchi.grants.review.notices)."""

    ADOPTION = "adoption", "採択通知"
    GRANT_DECISION = "grant_decision", "交付決定通知書"
    AMOUNT_CONFIRMATION = "amount_confirmation", "額の確定通知書"


class ApplicationErrorCode(StrEnum):
    NOT_FOUND = "not_found"
    PERMISSION_DENIED = "permission_denied"
    TRANSITION = "transition"
    WINDOW_CLOSED = "window_closed"
    WINDOW_NOT_OPEN = "window_not_open"
    NOT_ACCEPTING = "not_accepting"
    DUPLICATE = "duplicate"
    INVALID = "invalid"
    INVALID_ANSWERS = "invalid_answers"
    INVALID_FILE = "invalid_file"
    REQUIRED = "required"
