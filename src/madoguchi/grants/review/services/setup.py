"""criteria_set and review_setting_set: a subsidy's weighted criteria, its budget and notice text."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.db import transaction

from madoguchi.core.audit import audit_record
from madoguchi.grants.models import Subsidy, SubsidyRound
from madoguchi.grants.review.enums import ReviewErrorCode
from madoguchi.grants.review.errors import ReviewError, ReviewInvalid, field_error
from madoguchi.grants.review.models import Criterion, ReviewSetting
from madoguchi.grants.review.services._common import parse_int, require_officer

MAX_CRITERIA = 20
MAX_WEIGHT = 100
MAX_SCORE = 100


@dataclasses.dataclass
class CriterionInput:
    name: str
    weight: Any
    max_score: Any
    description: str = ""
    id: int | None = None


@transaction.atomic
def criteria_set(
    *, actor: Any, subsidy: Subsidy, criteria: list[CriterionInput]
) -> list[Criterion]:
    """Replace the subsidy's criteria: items with an ``id`` are updated, new ones added, missing
    ones removed (refused when a reviewer has already scored them)."""
    require_officer(actor, subsidy)
    errors: list[ReviewError] = []
    if not criteria:
        errors.append(
            field_error("criteria", "評価項目を1つ以上入力してください。", ReviewErrorCode.REQUIRED)
        )
    if len(criteria) > MAX_CRITERIA:
        errors.append(field_error("criteria", f"評価項目は{MAX_CRITERIA}個までです。"))
    existing = {c.pk: c for c in Criterion.objects.select_for_update().filter(subsidy=subsidy)}
    cleaned: list[tuple[CriterionInput, str, int, int]] = []
    names: set[str] = set()
    for index, item in enumerate(criteria):
        prefix = f"criteria-{index}"
        name = (item.name or "").strip()
        try:
            if not name:
                raise field_error(
                    f"{prefix}-name",
                    f"{index + 1}行目: 評価項目名を入力してください。",
                    ReviewErrorCode.REQUIRED,
                )
            if len(name) > 100:
                raise field_error(
                    f"{prefix}-name",
                    f"{index + 1}行目: 評価項目名は100文字以内で入力してください。",
                )
            if name in names:
                raise field_error(
                    f"{prefix}-name", f"{index + 1}行目: 評価項目名「{name}」が重複しています。"
                )
            names.add(name)
            weight = parse_int(
                item.weight,
                field=f"{prefix}-weight",
                label=f"{index + 1}行目の重み",
                minimum=1,
                maximum=MAX_WEIGHT,
            )
            max_score = parse_int(
                item.max_score,
                field=f"{prefix}-max_score",
                label=f"{index + 1}行目の満点",
                minimum=1,
                maximum=MAX_SCORE,
            )
            if item.id is not None and item.id not in existing:
                raise field_error(
                    f"{prefix}-name",
                    f"{index + 1}行目: 評価項目が見つかりません。画面を読み込み直してください。",
                )
            if (
                item.id is not None
                and max_score < existing[item.id].max_score
                and existing[item.id].scores.filter(score__gt=max_score).exists()
            ):
                raise field_error(
                    f"{prefix}-max_score",
                    f"{index + 1}行目: 既に{max_score}点を超える評価があるため、満点を下げられません。",
                )
            cleaned.append((item, name, weight, max_score))
        except ReviewError as error:
            errors.append(error)
    kept = {item.id for item in criteria if item.id is not None}
    for pk, criterion in existing.items():
        if pk not in kept and criterion.scores.exists():
            errors.append(
                field_error(
                    "criteria",
                    f"評価項目「{criterion.name}」は既に評価に使われているため削除できません。",
                    ReviewErrorCode.IN_USE,
                )
            )
    if errors:
        raise ReviewInvalid(errors)
    Criterion.objects.filter(subsidy=subsidy).exclude(pk__in=kept).delete()
    result = []
    for position, (item, name, weight, max_score) in enumerate(cleaned):
        description = (item.description or "").strip()[:2000]
        if item.id is not None:
            criterion = existing[item.id]
            criterion.position, criterion.name, criterion.weight = position, name, weight
            criterion.max_score, criterion.description = max_score, description
            criterion.save(
                update_fields=[
                    "position",
                    "name",
                    "weight",
                    "max_score",
                    "description",
                    "updated_at",
                ]
            )
        else:
            criterion = Criterion.objects.create(
                subsidy=subsidy,
                position=position,
                name=name,
                weight=weight,
                max_score=max_score,
                description=description,
            )
        result.append(criterion)
    audit_record(
        action="grant_review.criteria_set",
        actor=actor,
        target=subsidy,
        data={
            "criteria": [
                {"name": c.name, "weight": c.weight, "max_score": c.max_score} for c in result
            ]
        },
    )
    return result


@transaction.atomic
def review_setting_set(
    *,
    actor: Any,
    subsidy: Subsidy,
    round: SubsidyRound | None = None,
    budget: Any,
    issuer: str = "",
    conditions: str = "",
) -> ReviewSetting:
    """The budget (予算額, yen; empty means none set) and what notices print."""
    require_officer(actor, subsidy)
    errors: list[ReviewError] = []
    value: int | None = None
    if budget not in (None, ""):
        try:
            value = parse_int(
                budget, field="budget", label="予算額（円）", minimum=0, maximum=10**15
            )
        except ReviewError as error:
            errors.append(error)
    if round is not None and round.subsidy_id != subsidy.pk:
        errors.append(field_error("round", "公募回を選び直してください。"))
    issuer = (issuer or "").strip()
    if len(issuer) > 200:
        errors.append(field_error("issuer", "通知の発出者は200文字以内で入力してください。"))
    conditions = (conditions or "").strip()
    if len(conditions) > 4000:
        errors.append(field_error("conditions", "交付の条件は4000文字以内で入力してください。"))
    if errors:
        raise ReviewInvalid(errors)
    setting = ReviewSetting.objects.select_for_update().filter(subsidy=subsidy, round=round).first()
    if setting is None:
        setting = ReviewSetting(subsidy=subsidy, round=round)
    setting.budget, setting.issuer, setting.conditions = value, issuer, conditions
    setting.updated_by = actor
    setting.save()
    audit_record(
        action="grant_review.setting_set",
        actor=actor,
        target=subsidy,
        data={"round": round.pk if round else None, "budget": value},
    )
    return setting
