"""Writes of the applications context: one module per use case, each keyword-only, atomic,
checking who may act on the object, and audited ("agent X for business Y" under a mandate).

The review context (madoguchi.grants.review) calls application_adopt, application_not_adopt,
application_grant_decide and application_amount_confirm.
"""

from madoguchi.grants.applications.services.adopt import application_adopt
from madoguchi.grants.applications.services.amount_confirm import application_amount_confirm
from madoguchi.grants.applications.services.change_decide import application_change_decide
from madoguchi.grants.applications.services.change_request import application_change_request
from madoguchi.grants.applications.services.draft_create import application_draft_create
from madoguchi.grants.applications.services.files import application_file_attach
from madoguchi.grants.applications.services.grant_apply import application_grant_apply
from madoguchi.grants.applications.services.grant_decide import application_grant_decide
from madoguchi.grants.applications.services.not_adopt import application_not_adopt
from madoguchi.grants.applications.services.pay import application_pay
from madoguchi.grants.applications.services.payment_request import application_payment_request
from madoguchi.grants.applications.services.report import application_report
from madoguchi.grants.applications.services.resubmit import application_resubmit
from madoguchi.grants.applications.services.return_for_correction import application_return
from madoguchi.grants.applications.services.review_start import application_review_start
from madoguchi.grants.applications.services.save_draft import application_save_draft
from madoguchi.grants.applications.services.stage_forms import stage_form_set
from madoguchi.grants.applications.services.submit import application_submit
from madoguchi.grants.applications.services.withdraw import application_withdraw

__all__ = [
    "application_adopt",
    "application_amount_confirm",
    "application_change_decide",
    "application_change_request",
    "application_draft_create",
    "application_file_attach",
    "application_grant_apply",
    "application_grant_decide",
    "application_not_adopt",
    "application_pay",
    "application_payment_request",
    "application_report",
    "application_resubmit",
    "application_return",
    "application_review_start",
    "application_save_draft",
    "application_submit",
    "application_withdraw",
    "stage_form_set",
]
