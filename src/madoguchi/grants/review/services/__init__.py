"""Writes of the review context: keyword-only, atomic, permission-checked and audited.

notice_issue lives in ``madoguchi.grants.review.notices`` (the lifecycle calls it there).
"""

from madoguchi.grants.review.services.assignments import (
    conflict_declare,
    reviewer_assign,
    reviewer_unassign,
)
from madoguchi.grants.review.services.decisions import (
    BulkOutcome,
    DecisionItem,
    DecisionResult,
    decisions_bulk,
)
from madoguchi.grants.review.services.scoring import score_submit
from madoguchi.grants.review.services.setup import CriterionInput, criteria_set, review_setting_set

__all__ = [
    "BulkOutcome",
    "CriterionInput",
    "DecisionItem",
    "DecisionResult",
    "conflict_declare",
    "criteria_set",
    "decisions_bulk",
    "review_setting_set",
    "reviewer_assign",
    "reviewer_unassign",
    "score_submit",
]
