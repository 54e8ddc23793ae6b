"""Code tables of the review context, with their Japanese names."""

from enum import StrEnum

from django.db import models


class NoticeKind(models.TextChoices):
    """The notices (通知書) sent to applicants. Values match applications.enums.NoticeKind."""

    ADOPTION = "adoption", "採択通知"
    NOT_ADOPTION = "not_adoption", "不採択通知"
    GRANT_DECISION = "grant_decision", "交付決定通知書"
    AMOUNT_CONFIRMATION = "amount_confirmation", "額の確定通知書"


# The short mark in a notice number (採第12号, 交第3号 …).
NOTICE_NUMBER_MARK = {
    NoticeKind.ADOPTION: "採",
    NoticeKind.NOT_ADOPTION: "不採",
    NoticeKind.GRANT_DECISION: "交",
    NoticeKind.AMOUNT_CONFIRMATION: "確",
}


class NoticeStatus(models.TextChoices):
    PENDING = "pending", "作成中"
    READY = "ready", "発行済み"
    FAILED = "failed", "作成に失敗"


class Decision(models.TextChoices):
    """What an officer chooses for one application in the ranked table."""

    ADOPT = "adopt", "採択"
    REJECT = "reject", "不採択"


class ReviewErrorCode(StrEnum):
    NOT_FOUND = "not_found"
    PERMISSION_DENIED = "permission_denied"
    INVALID = "invalid"
    REQUIRED = "required"
    CONFLICT = "conflict"
    ALREADY_ASSIGNED = "already_assigned"
    NOT_ASSIGNED = "not_assigned"
    NOT_UNDER_REVIEW = "not_under_review"
    INCOMPLETE = "incomplete"
    IN_USE = "in_use"
