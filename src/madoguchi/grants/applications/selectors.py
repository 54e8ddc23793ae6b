"""Reads of the applications context (with the relations each page needs, no N+1)."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Count, Q, QuerySet

from madoguchi.grants.applications.enums import ApplicationStatus, Stage
from madoguchi.grants.applications.models import (
    Application,
    ApplicationEvent,
    ApplicationFile,
    StageData,
    StageForm,
)
from madoguchi.grants.applications.permissions import acting
from madoguchi.grants.models import Subsidy, SubsidyRound
from madoguchi.identity.enums import Service
from madoguchi.identity.roles import Right
from madoguchi.identity.selectors import staff_division_filter


def stage_form_version(subsidy: Subsidy, stage: str) -> Any:
    form = (
        StageForm.objects.filter(subsidy=subsidy, stage=stage)
        .select_related("form_version")
        .first()
    )
    return form.form_version if form else None


def stage_forms_of(subsidy: Subsidy) -> dict[str, StageForm]:
    return {
        f.stage: f
        for f in StageForm.objects.filter(subsidy=subsidy).select_related("form_version__form")
    }


def organisations_acted_for(user: Any) -> list[Any]:
    """The user's own organisation and the principals of active grants mandates to its org."""
    from madoguchi.identity.selectors import mandates_received

    if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
        return []
    result = []
    if acting(user, user.organisation):
        result.append(user.organisation)
        for mandate in mandates_received(user.organisation):
            if mandate.covers(Service.GRANTS) and acting(user, mandate.principal):
                result.append(mandate.principal)
    return result


def _with_relations(qs: QuerySet[Application]) -> QuerySet[Application]:
    return qs.select_related(
        "subsidy", "round", "organisation", "agent_organisation", "created_by"
    ).defer("subsidy__detail", "subsidy__search_text")


def applications_of_user(user: Any, *, status: str = "") -> QuerySet[Application]:
    """My applications: those of every organisation the user may act for in grants."""
    organisations = organisations_acted_for(user)
    qs = _with_relations(Application.objects.filter(organisation__in=organisations))
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-updated_at")


def application_for_applicant(user: Any, pk: Any) -> Application | None:
    """The application if the user may act for its organisation; ``None`` otherwise (404)."""
    application = _with_relations(Application.objects.filter(pk=pk)).first()
    if application is None or not acting(user, application.organisation):
        return None
    return application


def application_for_staff(pk: Any) -> Application | None:
    """Submitted applications only: a draft is the business's own until it is submitted. The
    staff page checks that its right reaches the subsidy's division."""
    return _with_relations(
        Application.objects.filter(pk=pk).exclude(status=ApplicationStatus.DRAFT)
    ).first()


def timeline(application: Application) -> QuerySet[ApplicationEvent]:
    return application.events.select_related("actor", "agent_organisation").order_by(
        "created_at", "id"
    )


def stage_data_of(application: Application) -> list[StageData]:
    return list(
        application.stage_data.select_related("form_version__form")
        .prefetch_related("files")
        .order_by("created_at", "id")
    )


def stage_data_get(application: Application, stage: str) -> StageData | None:
    return (
        StageData.objects.filter(application=application, stage=stage)
        .select_related("form_version")
        .order_by("-number")
        .first()
    )


def staff_applications(subsidy: Subsidy, *, status: str = "", q: str = "") -> QuerySet[Application]:
    qs = _with_relations(Application.objects.filter(subsidy=subsidy)).exclude(
        status=ApplicationStatus.DRAFT
    )
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(
            Q(receipt_number__icontains=q)
            | Q(organisation__name__icontains=q)
            | Q(organisation__corporate_number=q)
            | Q(project_title__icontains=q)
        )
    return qs.order_by("submitted_at", "receipt_number")


def status_counts(subsidy: Subsidy) -> dict[str, int]:
    rows = (
        Application.objects.filter(subsidy=subsidy)
        .exclude(status=ApplicationStatus.DRAFT)
        .values("status")
        .annotate(n=Count("id"))
    )
    return {row["status"]: row["n"] for row in rows}


def subsidies_with_applications(user: Any) -> QuerySet[Subsidy]:
    """Subsidies with submitted applications (or accepting them) of the divisions the user's
    right to read applications reaches."""
    return (
        Subsidy.objects.filter(staff_division_filter(user, Right.APPLICATION_VIEW))
        .select_related("division")
        .annotate(
            application_count=Count(
                "applications", filter=~Q(applications__status=ApplicationStatus.DRAFT)
            )
        )
        .filter(Q(application_count__gt=0) | Q(request_reception_presence=True))
        .order_by("-acceptance_end_datetime", "name")
    )


def window_locked(subsidy_id: str, round_id: str | None) -> tuple[Any, Any, bool]:
    """(start, end, multiple allowed) read under a shared row lock on the subsidy (and round).

    On PostgreSQL ``FOR SHARE``: submissions do not wait for each other, but a staff edit of the
    window (an UPDATE) waits for every submission in flight, and a submission started after such an
    edit sees the new window. On SQLite, writes are serialised by the database itself.
    """
    lock = " FOR SHARE" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT acceptance_start_datetime, acceptance_end_datetime, is_enable_multiple_request "  # noqa: S608
            f"FROM {Subsidy._meta.db_table} WHERE id = %s{lock}",
            [subsidy_id],
        )
        row = cursor.fetchone()
        start, end, multiple = row if row else (None, None, False)
        if round_id:
            cursor.execute(
                "SELECT acceptance_start_datetime, acceptance_end_datetime "  # noqa: S608
                f"FROM {SubsidyRound._meta.db_table} WHERE id = %s{lock}",
                [round_id],
            )
            round_row = cursor.fetchone()
            if round_row:
                start = round_row[0] or start
                end = round_row[1] or end
    return _aware(start), _aware(end), bool(multiple)


def _aware(value: Any) -> Any:
    """Raw SQL on SQLite returns text or naive UTC datetimes; make them aware."""
    import datetime as dt

    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


STAGES = Stage


def application_file_get(*, pk: Any, file_id: Any) -> ApplicationFile | None:
    """An attachment of application ``pk`` with what its read rule looks at (no permission here)."""
    return (
        ApplicationFile.objects.select_related(
            "stage_data__application__organisation", "stage_data__application__subsidy"
        )
        .filter(pk=file_id, stage_data__application_id=pk)
        .first()
    )
