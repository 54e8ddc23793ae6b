"""Reading one subsidy with its rounds, documents and history."""

from django.db.models import Max, Prefetch, QuerySet

from madoguchi.grants.enums import DocumentKind, SubsidyStatus
from madoguchi.grants.models import Subsidy, SubsidyChange, SubsidyDocument, SubsidyRound


def _with_relations(qs: QuerySet[Subsidy]) -> QuerySet[Subsidy]:
    return qs.prefetch_related(
        Prefetch("rounds", queryset=SubsidyRound.objects.order_by("position", "id")),
        Prefetch("documents", queryset=SubsidyDocument.objects.order_by("kind", "position", "id")),
    )


def catalogue_state() -> str:
    """Changes whenever a subsidy is written (every service saves ``updated_at``): one index lookup."""
    latest = Subsidy.objects.aggregate(latest=Max("updated_at"))["latest"]
    return latest.isoformat() if latest else "-"


def subsidy_get_public(*, subsidy_id: str) -> Subsidy | None:
    """A published subsidy with its rounds and documents, or None (drafts and withdrawn ones too)."""
    return _with_relations(
        Subsidy.objects.filter(status=SubsidyStatus.PUBLISHED, pk=subsidy_id)
    ).first()


def subsidy_get(*, subsidy_id: str) -> Subsidy | None:
    """Any subsidy, whatever its state (staff pages)."""
    return _with_relations(
        Subsidy.objects.select_related("created_by").filter(pk=subsidy_id)
    ).first()


def subsidy_documents_by_kind(subsidy: Subsidy) -> dict[str, list[SubsidyDocument]]:
    """The documents grouped by kind, every kind present (possibly empty), in jGrants' order."""
    grouped: dict[str, list[SubsidyDocument]] = {kind: [] for kind in DocumentKind.values}
    for document in subsidy.documents.all():
        grouped[document.kind].append(document)
    return grouped


def subsidy_document_get_public(*, subsidy_id: str, document_id: int) -> SubsidyDocument | None:
    return (
        SubsidyDocument.objects.select_related("subsidy")
        .filter(pk=document_id, subsidy_id=subsidy_id, subsidy__status=SubsidyStatus.PUBLISHED)
        .first()
    )


def subsidy_document_get(*, subsidy_id: str, document_id: int) -> SubsidyDocument | None:
    return (
        SubsidyDocument.objects.select_related("subsidy")
        .filter(pk=document_id, subsidy_id=subsidy_id)
        .first()
    )


def subsidy_history(*, subsidy: Subsidy) -> list[SubsidyChange]:
    return list(subsidy.changes.order_by("-changed_at", "-id"))
