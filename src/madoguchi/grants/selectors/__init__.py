"""Reads of the grants context."""

from madoguchi.grants.selectors.detail import (
    catalogue_state,
    subsidy_document_get,
    subsidy_document_get_public,
    subsidy_documents_by_kind,
    subsidy_get,
    subsidy_get_public,
    subsidy_history,
)
from madoguchi.grants.selectors.search import (
    SubsidyQuery,
    area_bits,
    keyword_terms,
    search_text_of,
    subsidies_for_staff,
    subsidies_published,
    subsidy_search,
)

__all__ = [
    "SubsidyQuery",
    "area_bits",
    "catalogue_state",
    "keyword_terms",
    "search_text_of",
    "subsidies_for_staff",
    "subsidies_published",
    "subsidy_document_get",
    "subsidy_document_get_public",
    "subsidy_documents_by_kind",
    "subsidy_get",
    "subsidy_get_public",
    "subsidy_history",
    "subsidy_search",
]
