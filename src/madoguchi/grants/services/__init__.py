"""Writes of the grants context. Every change goes through one of these functions."""

from madoguchi.grants.services.bulk import subsidies_bulk_load, subsidy_document_sizes_set
from madoguchi.grants.services.documents import subsidy_document_add, subsidy_document_remove
from madoguchi.grants.services.lifecycle import subsidy_publish, subsidy_withdraw
from madoguchi.grants.services.subsidies import subsidy_create, subsidy_number_next, subsidy_update
from madoguchi.grants.services.validation import RoundInput, SubsidyInput

__all__ = [
    "RoundInput",
    "SubsidyInput",
    "subsidies_bulk_load",
    "subsidy_create",
    "subsidy_document_add",
    "subsidy_document_remove",
    "subsidy_document_sizes_set",
    "subsidy_number_next",
    "subsidy_publish",
    "subsidy_update",
    "subsidy_withdraw",
]
