"""Creating and editing subsidies. Edits of a subsidy that has been published keep a public history."""

import dataclasses
import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.core.audit import audit_record
from madoguchi.grants.enums import SEPARATOR, TARGET_AREAS, GrantsErrorCode
from madoguchi.grants.errors import GrantsError
from madoguchi.grants.models import Subsidy, SubsidyChange, SubsidyRound
from madoguchi.grants.services.validation import (
    LABELS,
    RoundInput,
    SubsidyInput,
    derived_fields,
    subsidy_input_validate,
)
from madoguchi.identity.models import Division
from madoguchi.identity.roles import Right
from madoguchi.identity.selectors import sole_division, staff_has, staff_may

EDITABLE_FIELDS = tuple(
    field.name for field in dataclasses.fields(SubsidyInput) if field.name != "rounds"
)
DERIVED_FIELDS = (
    "purpose_mask",
    "industry_mask",
    "area_mask",
    "employee_rank",
    "search_text",
)


def require_right(actor: Any, right: Right, division: Division | int | None) -> None:
    """The actor's role reaches ``right`` for an object of ``division`` (identity.roles)."""
    if actor is None or not staff_may(actor, right, division):
        raise GrantsError(
            GrantsErrorCode.PERMISSION_DENIED,
            _("この操作を行う権限がありません。担当の部署の職員か管理者に連絡してください。"),
        )


def subsidy_division(actor: Any, division: Division | None) -> Division:
    """The division a new subsidy goes to: the one given, or the actor's only division."""
    if actor is None or not staff_has(actor, Right.SUBSIDY_EDIT):
        require_right(actor, Right.SUBSIDY_EDIT, division)
    division = division or sole_division(actor, Right.SUBSIDY_EDIT)
    if division is None:
        raise GrantsError(
            GrantsErrorCode.REQUIRED, _("担当部署を選んでください。"), field="division"
        )
    require_right(actor, Right.SUBSIDY_EDIT, division)
    return division


def subsidy_number_next() -> str:
    """The next subsidy number S-0NNNNNNN (補助金番号), one above the highest used."""
    highest = Subsidy.objects.aggregate(highest=Max("name"))["highest"]
    number = int(highest[2:]) + 1 if highest else 1_100_001
    return f"S-{number:08d}"


def _values(data: SubsidyInput, number: str) -> dict[str, Any]:
    values = {name: getattr(data, name) for name in EDITABLE_FIELDS}
    for name in (
        "title",
        "subsidy_catch_phrase",
        "target_area_detail",
        "subsidy_rate",
        "institution_name",
    ):
        values[name] = values[name].strip()
    values.update(derived_fields(data=data, number=number))
    return values


def _rounds_replace(subsidy: Subsidy, rounds: list[RoundInput]) -> None:
    existing = list(subsidy.rounds.order_by("position", "id"))
    for index, item in enumerate(rounds):
        round_ = existing[index] if index < len(existing) else SubsidyRound(subsidy=subsidy)
        round_.position = index
        round_.fiscal_year_round = item.fiscal_year_round.strip()
        round_.target_area_search = SEPARATOR.join(
            v for v in TARGET_AREAS if v in item.target_area_search
        )
        round_.target_area_detail = item.target_area_detail.strip()
        round_.acceptance_start_datetime = item.acceptance_start_datetime
        round_.acceptance_end_datetime = item.acceptance_end_datetime
        round_.project_end_deadline = item.project_end_deadline
        round_.save()
    SubsidyRound.objects.filter(pk__in=[r.pk for r in existing[len(rounds) :]]).delete()


@transaction.atomic
def subsidy_create(
    *,
    actor: Any,
    data: SubsidyInput,
    division: Division | None = None,
    number: str | None = None,
) -> Subsidy:
    """A new subsidy, as a draft (下書き), owned by ``division`` (default: the actor's only one)."""
    division = subsidy_division(actor, division)
    subsidy_input_validate(data=data)
    number = number or subsidy_number_next()
    subsidy = Subsidy(
        name=number,
        division=division,
        created_by=actor if getattr(actor, "pk", None) else None,
        **_values(data, number),
    )
    subsidy.save()
    if data.rounds:
        _rounds_replace(subsidy, data.rounds)
    audit_record(
        action="grants.subsidy_create",
        actor=actor,
        target=subsidy,
        data={"name": number, "division": division.code},
    )
    return subsidy


def _display(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "可" if value else "不可"
    if isinstance(value, dt.datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _round_summary(subsidy: Subsidy) -> str:
    return " | ".join(
        f"{r.fiscal_year_round} {_display(r.acceptance_start_datetime)}〜{_display(r.acceptance_end_datetime)}"
        for r in subsidy.rounds.order_by("position", "id")
    )


@transaction.atomic
def subsidy_update(
    *, actor: Any, subsidy: Subsidy, data: SubsidyInput, division: Division | None = None
) -> Subsidy:
    """Save edits. For a subsidy already published once, what changed is kept as public history.
    ``division`` moves it to another division (the actor must reach both)."""
    subsidy = Subsidy.objects.select_for_update().get(pk=subsidy.pk)
    require_right(actor, Right.SUBSIDY_EDIT, subsidy.division_id)
    moved_from = None
    if division is not None and division.pk != subsidy.division_id:
        require_right(actor, Right.SUBSIDY_EDIT, division)
        moved_from = subsidy.division_id
        subsidy.division = division
    subsidy_input_validate(data=data)
    values = _values(data, subsidy.name)
    changes: dict[str, dict[str, str]] = {}
    for name in EDITABLE_FIELDS:
        before, after = getattr(subsidy, name), values[name]
        if before != after:
            changes[name] = {
                "label": LABELS[name],
                "before": _display(before),
                "after": _display(after),
            }
    rounds_before = _round_summary(subsidy)
    for name, value in values.items():
        setattr(subsidy, name, value)
    subsidy.save(update_fields=[*EDITABLE_FIELDS, *DERIVED_FIELDS, "division", "updated_at"])
    if data.rounds is not None:
        _rounds_replace(subsidy, data.rounds)
        rounds_after = _round_summary(subsidy)
        if rounds_after != rounds_before:
            changes["rounds"] = {"label": "公募回", "before": rounds_before, "after": rounds_after}
    if changes and subsidy.published_at is not None:
        SubsidyChange.objects.create(
            subsidy=subsidy,
            changed_by=actor if getattr(actor, "pk", None) else None,
            summary="、".join(change["label"] for change in changes.values()) + "を変更",
            fields=changes,
        )
    audit_data: dict[str, Any] = {"fields": sorted(changes)}
    if moved_from is not None:
        audit_data["division"] = {"from": moved_from, "to": subsidy.division_id}
    audit_record(action="grants.subsidy_update", actor=actor, target=subsidy, data=audit_data)
    return subsidy
