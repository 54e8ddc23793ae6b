"""Officers' pages: list, overview, criteria and budget, reviewer assignment, ranked table with
bulk decisions, exports, and notice downloads. Thin: parse, call one service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from madoguchi.core.errors import MadoguchiError
from madoguchi.grants.applications import services as lifecycle
from madoguchi.grants.applications.models import Application
from madoguchi.grants.models import SubsidyRound
from madoguchi.grants.review import downloads, exports, selectors, services
from madoguchi.grants.review.enums import Decision, ReviewErrorCode
from madoguchi.grants.review.errors import ReviewError, ReviewInvalid
from madoguchi.grants.review.models import Assignment, Notice
from madoguchi.grants.review.notices import notice_issue
from madoguchi.grants.review.services import CriterionInput, DecisionItem
from madoguchi.grants.review.services._common import is_reviewer
from madoguchi.grants.review.views._access import subsidy_or_404
from madoguchi.identity.roles import Right
from madoguchi.identity.selectors import staff_may
from madoguchi.identity.staff_pages import require_division

EXTRA_ROWS = 3


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "grant_review/staff/index.html",
        {
            "subsidies": selectors.subsidies_for_review(request.user),
            "is_reviewer": is_reviewer(request.user),
        },
    )


def overview(request: HttpRequest, subsidy_id: str) -> HttpResponse:
    subsidy = subsidy_or_404(request, subsidy_id)
    return render(
        request,
        "grant_review/staff/overview.html",
        {
            "subsidy": subsidy,
            "overview": selectors.overview(subsidy),
            "now": timezone.now(),
            "may_manage": _may_manage(request, subsidy),
        },
    )


def _may_manage(request: HttpRequest, subsidy: Any) -> bool:
    return staff_may(request.user, Right.REVIEW_MANAGE, subsidy.division_id)


def _criteria_rows(request: HttpRequest) -> list[dict[str, Any]]:
    rows = []
    for index in range(int(request.POST.get("criteria-count", "0") or 0)):
        prefix = f"criteria-{index}"
        row = {
            "id": request.POST.get(f"{prefix}-id", ""),
            "name": request.POST.get(f"{prefix}-name", ""),
            "description": request.POST.get(f"{prefix}-description", ""),
            "weight": request.POST.get(f"{prefix}-weight", ""),
            "max_score": request.POST.get(f"{prefix}-max_score", ""),
            "delete": bool(request.POST.get(f"{prefix}-delete")),
        }
        rows.append(row)
    return rows


def setup(request: HttpRequest, subsidy_id: str) -> HttpResponse:
    subsidy = subsidy_or_404(request, subsidy_id)
    rounds = list(subsidy.rounds.all())
    chosen_round = _round(subsidy, request.POST.get("round") or request.GET.get("round"))
    setting = selectors.setting_of(subsidy, chosen_round)
    errors: dict[str, str] = {}
    general: list[str] = []
    if request.method == "POST" and request.POST.get("form") == "criteria":
        rows = _criteria_rows(request)
        kept = [
            r
            for r in rows
            if not r["delete"] and (r["id"] or r["name"].strip() or r["description"].strip())
        ]
        inputs = [
            CriterionInput(
                id=int(r["id"]) if r["id"].isdigit() else None,
                name=r["name"],
                description=r["description"],
                weight=r["weight"],
                max_score=r["max_score"],
            )
            for r in kept
        ]
        try:
            services.criteria_set(actor=request.user, subsidy=subsidy, criteria=inputs)
            messages.success(request, _("評価項目を保存しました。"))
            return redirect("grant_review_staff:setup", subsidy.pk)
        except ReviewInvalid as error:
            # Field names refer to the kept rows; map them back to the rows as shown.
            shown = [rows.index(r) for r in kept]
            for item in error.errors:
                parts = (item.field or "").split("-")
                if len(parts) == 3 and parts[1].isdigit() and int(parts[1]) < len(shown):
                    errors[f"criteria-{shown[int(parts[1])]}-{parts[2]}"] = item.message
                else:
                    general.append(item.message)
        rows += [
            {"id": "", "name": "", "description": "", "weight": "", "max_score": ""}
            for _ in range(1)
        ]
    else:
        rows = [
            {
                "id": str(c.pk),
                "name": c.name,
                "description": c.description,
                "weight": c.weight,
                "max_score": c.max_score,
            }
            for c in selectors.criteria_of(subsidy)
        ] + [
            {"id": "", "name": "", "description": "", "weight": "", "max_score": ""}
            for _ in range(EXTRA_ROWS)
        ]
    budget_values: dict[str, Any] = {
        "budget": setting.budget if setting and setting.budget is not None else "",
        "issuer": setting.issuer if setting else "",
        "conditions": setting.conditions if setting else "",
    }
    budget_errors: dict[str, str] = {}
    if request.method == "POST" and request.POST.get("form") == "setting":
        budget_values = {k: request.POST.get(k, "") for k in ("budget", "issuer", "conditions")}
        try:
            services.review_setting_set(
                actor=request.user,
                subsidy=subsidy,
                budget=budget_values["budget"],
                issuer=budget_values["issuer"],
                conditions=budget_values["conditions"],
                round=chosen_round,
            )
            messages.success(request, _("予算と通知書の設定を保存しました。"))
            suffix = f"?round={chosen_round.pk}" if chosen_round else ""
            return redirect(reverse("grant_review_staff:setup", args=[subsidy.pk]) + suffix)
        except ReviewInvalid as error:
            for item in error.errors:
                budget_errors[item.field or "budget"] = item.message
    for index, row in enumerate(rows):
        row["errors"] = {
            k.rsplit("-", 1)[1]: v for k, v in errors.items() if k.startswith(f"criteria-{index}-")
        }
    return render(
        request,
        "grant_review/staff/setup.html",
        {
            "subsidy": subsidy,
            "rounds": rounds,
            "chosen_round": chosen_round,
            "rows": rows,
            "general_errors": general,
            "budget": budget_values,
            "budget_errors": budget_errors,
            "total_weight": sum(int(r["weight"]) for r in rows if str(r["weight"]).isdigit()),
            "may_manage": True,  # the page's own rule: review_manage
        },
        status=400 if errors or general or budget_errors else 200,
    )


def _round(subsidy: Any, pk: str | None) -> SubsidyRound | None:
    """The subsidy's round chosen in the page (None: the subsidy as a whole)."""
    if not pk:
        return None
    return subsidy.rounds.filter(pk=pk).first()


def _application(subsidy: Any, pk: str) -> Application | None:
    try:
        return Application.objects.filter(pk=pk, subsidy=subsidy).first()
    except (ValidationError, ValueError):
        return None


def assign(request: HttpRequest, subsidy_id: str) -> HttpResponse:
    subsidy = subsidy_or_404(request, subsidy_id)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "assign":
                application = _application(subsidy, request.POST.get("application", ""))
                if application is None:
                    raise Http404
                services.reviewer_assign(
                    actor=request.user,
                    application=application,
                    reviewer=request.POST.get("reviewer") or 0,
                )
                messages.success(request, _("審査員を割り当てました。"))
            elif action == "unassign":
                assignment = Assignment.objects.filter(
                    pk=request.POST.get("assignment") or 0, application__subsidy=subsidy
                ).first()
                if assignment is None:
                    raise Http404
                services.reviewer_unassign(actor=request.user, assignment=assignment)
                messages.success(request, _("審査員の割当を外しました。"))
            elif action == "start":
                started = 0
                for pk in request.POST.getlist("applications"):
                    application = _application(subsidy, pk)
                    if application is not None:
                        lifecycle.application_review_start(
                            actor=request.user, application=application
                        )
                        started += 1
                messages.success(request, _("%(n)d 件の審査を開始しました。") % {"n": started})
        except MadoguchiError as error:
            messages.error(request, error.message)
        except ValueError:
            messages.error(request, _("選び直してください。"))
        return redirect("grant_review_staff:assign", subsidy.pk)
    return render(
        request,
        "grant_review/staff/assign.html",
        {
            "subsidy": subsidy,
            "board": selectors.assignment_board(subsidy),
            "reviewers": list(selectors.reviewer_candidates()),
            "may_manage": True,  # the page's own rule: review_manage
        },
    )


def ranked(request: HttpRequest, subsidy_id: str) -> HttpResponse:
    subsidy = subsidy_or_404(request, subsidy_id)
    chosen_round = _round(subsidy, request.GET.get("round"))
    outcome = None
    selected: list[str] = []
    status = 200
    if request.method == "POST":
        selected = request.POST.getlist("applications")
        decision = request.POST.get("decision", "")
        try:
            if decision not in Decision.values:
                raise ReviewError(
                    ReviewErrorCode.INVALID, _("採択か不採択のボタンを押してください。")
                )
            outcome = services.decisions_bulk(
                actor=request.user,
                subsidy=subsidy,
                decisions=[DecisionItem(application_id=pk, decision=decision) for pk in selected],
                all_or_nothing=bool(request.POST.get("all_or_nothing")),
            )
        except MadoguchiError as error:
            messages.error(request, error.message)
            status = 400
        if outcome is not None:
            if outcome.rolled_back:
                messages.error(
                    request, _("失敗した申請があったため、すべての決定を取り消しました。")
                )
                status = 400
            elif outcome.succeeded:
                messages.success(
                    request, _("%(n)d 件の採否を決定しました。") % {"n": len(outcome.succeeded)}
                )
            if not outcome.failed:
                suffix = f"?round={chosen_round.pk}" if chosen_round else ""
                return redirect(reverse("grant_review_staff:ranking", args=[subsidy.pk]) + suffix)
    return render(
        request,
        "grant_review/staff/ranking.html",
        {
            "subsidy": subsidy,
            "ranking": selectors.ranking(subsidy, chosen_round),
            "rounds": list(subsidy.rounds.all()),
            "chosen_round": chosen_round,
            "outcome": outcome,
            "selected": selected,
            "may_manage": _may_manage(request, subsidy),
        },
        status=status,
    )


EXPORTS = {
    "applications": ("申請一覧", exports.APPLICATION_HEADER, exports.application_rows),
    "awards": ("交付実績", exports.AWARD_HEADER, exports.award_rows),
}


def export(request: HttpRequest, subsidy_id: str, what: str, fmt: str) -> HttpResponse:
    subsidy = subsidy_or_404(request, subsidy_id)
    if what not in EXPORTS or fmt not in ("csv", "xlsx"):
        raise Http404
    title, header, rows_of = EXPORTS[what]
    rows = rows_of(subsidy)
    stamp = timezone.localtime().strftime("%Y%m%d")
    filename = f"{subsidy.name}_{what}_{stamp}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(
            exports.to_csv(header, rows), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            exports.to_xlsx(title, header, rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
def notice_retry(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = Notice.objects.filter(pk=notice_id).select_related("application__subsidy").first()
    if notice is None:
        raise Http404
    require_division(request, notice.application.subsidy.division_id)
    try:
        notice_issue(application_id=notice.application_id, kind=notice.kind, actor=request.user)
        messages.success(request, _("通知書の作成をやり直しました。"))
    except MadoguchiError as error:
        messages.error(request, error.message)
    return redirect("grant_review_staff:overview", notice.application.subsidy_id)


def staff_notice_download(request: HttpRequest, notice_id: int) -> HttpResponseBase:
    return downloads.notice_download(request.user, notice_id)
