"""Loading many subsidies at once (demo data, benchmarks): the same derived fields as the services,
written with bulk_create in batches, one audit record per load."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from madoguchi.core.audit import audit_record
from madoguchi.grants.enums import SEPARATOR, TARGET_AREAS, SubsidyStatus
from madoguchi.grants.models import Subsidy, SubsidyDocument, SubsidyRound
from madoguchi.grants.services.subsidies import EDITABLE_FIELDS, _values
from madoguchi.grants.services.validation import SubsidyInput, subsidy_input_validate
from madoguchi.identity.models import Division

BATCH = 1000


@transaction.atomic
def subsidies_bulk_load(
    *,
    items: Iterable[tuple[SubsidyInput, dict[str, Any]]],
    documents: dict[str, str] | None = None,
    division: Division | None = None,
    actor: Any = None,
    validate: bool = True,
) -> int:
    """Insert published subsidies. Each item is (data, extra) with extra["id"], ["number"],
    ["created_at"] and optionally ["documents"]: {kind: [(display name, stored file name, size)]}
    and ["division"] (else ``division``): the division (部署) that owns it."""
    subsidies: list[Subsidy] = []
    rounds: list[SubsidyRound] = []
    docs: list[SubsidyDocument] = []
    count = 0

    def flush() -> None:
        Subsidy.objects.bulk_create(subsidies, batch_size=BATCH)
        # created_at is auto_now_add: set the generated one afterwards, in bulk.
        Subsidy.objects.bulk_update(subsidies, ["created_at"], batch_size=BATCH)
        SubsidyRound.objects.bulk_create(rounds, batch_size=BATCH)
        SubsidyDocument.objects.bulk_create(docs, batch_size=BATCH)
        subsidies.clear()
        rounds.clear()
        docs.clear()

    for data, extra in items:
        if validate:
            subsidy_input_validate(data=data)
        created_at: dt.datetime = extra["created_at"]
        subsidy = Subsidy(
            id=extra["id"],
            name=extra["number"],
            status=SubsidyStatus.PUBLISHED,
            published_at=created_at,
            division=extra.get("division") or division,
            **_values(data, extra["number"]),
        )
        subsidy.created_at = created_at
        subsidies.append(subsidy)
        for position, item in enumerate(data.rounds or []):
            rounds.append(
                SubsidyRound(
                    id=f"{extra['id'][3:]}R{position:02d}",
                    subsidy=subsidy,
                    position=position,
                    fiscal_year_round=item.fiscal_year_round,
                    target_area_search=SEPARATOR.join(
                        v for v in TARGET_AREAS if v in item.target_area_search
                    ),
                    target_area_detail=item.target_area_detail,
                    acceptance_start_datetime=item.acceptance_start_datetime,
                    acceptance_end_datetime=item.acceptance_end_datetime,
                    project_end_deadline=item.project_end_deadline,
                )
            )
        for kind, files in extra.get("documents", {}).items():
            for position, (name, stored, size) in enumerate(files):
                document = SubsidyDocument(
                    subsidy=subsidy, kind=kind, name=name, size=size, position=position
                )
                document.file.name = stored
                docs.append(document)
        count += 1
        if len(subsidies) >= BATCH:
            flush()
    flush()
    audit_record(action="grants.subsidies_bulk_load", actor=actor, data={"count": count})
    return count


__all__ = ["EDITABLE_FIELDS", "subsidies_bulk_load"]


@transaction.atomic
def subsidy_document_sizes_set(*, sizes: dict[str, int]) -> int:
    """Record new sizes of stored document files that were written again (demo PDFs rendered anew
    in the Japanese font); ``sizes`` maps a stored file name to its size. Returns the rows changed."""
    changed = 0
    for name, size in sizes.items():
        changed += SubsidyDocument.objects.filter(file=name).exclude(size=size).update(size=size)
    if changed:
        audit_record(action="grants.subsidy_document_sizes_set", data={"changed": changed})
    return changed
