"""The reviewer's pages: their own queue, the scoring form, the conflict-of-interest declaration."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from madoguchi.core.errors import MadoguchiError
from madoguchi.grants.applications.enums import ApplicationStatus
from madoguchi.grants.review import selectors, services
from madoguchi.grants.review.errors import ReviewInvalid


def queue(request: HttpRequest) -> HttpResponse:
    return render(
        request, "grant_review/staff/queue.html", {"items": selectors.reviewer_queue(request.user)}
    )


def score(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = selectors.assignment_for_reviewer(request.user, assignment_id)
    if assignment is None:
        raise Http404("この割当は見つかりません。")
    conflict = selectors.conflict_of(assignment)
    if conflict is not None:
        # Blocked: the reviewer no longer sees the application.
        return render(
            request,
            "grant_review/staff/blocked.html",
            {"assignment": assignment, "conflict": conflict},
            status=403,
        )
    criteria = selectors.criteria_of(assignment.application.subsidy)
    saved = {s.criterion_id: s for s in assignment.scores.all()}
    values: dict[int, dict[str, Any]] = {
        c.pk: {
            "score": saved[c.pk].score if c.pk in saved else "",
            "comment": saved[c.pk].comment if c.pk in saved else "",
        }
        for c in criteria
    }
    comment = assignment.comment
    errors: dict[str, str] = {}
    general: list[str] = []
    status = 200
    if request.method == "POST":
        values = {
            c.pk: {
                "score": request.POST.get(f"score-{c.pk}", ""),
                "comment": request.POST.get(f"comment-{c.pk}", ""),
            }
            for c in criteria
        }
        comment = request.POST.get("comment", "")
        finalise = request.POST.get("action") == "finalise"
        try:
            services.score_submit(
                actor=request.user,
                assignment=assignment,
                scores={pk: (v["score"], v["comment"]) for pk, v in values.items()},
                comment=comment,
                finalise=finalise,
            )
            messages.success(
                request, _("評価を確定しました。") if finalise else _("評価を一時保存しました。")
            )
            return redirect(
                "grant_review_staff:queue" if finalise else "grant_review_staff:score",
                *([] if finalise else [assignment.pk]),
            )
        except ReviewInvalid as error:
            for item in error.errors:
                if item.field and (
                    item.field.startswith(("score-", "comment-")) or item.field == "comment"
                ):
                    errors[item.field] = item.message
                else:
                    general.append(item.message)
            status = 400
        except MadoguchiError as error:
            general.append(error.message)
            status = 400
    rows = [
        {
            "criterion": c,
            "score": values[c.pk]["score"],
            "comment": values[c.pk]["comment"],
            "error": errors.get(f"score-{c.pk}", ""),
            "comment_error": errors.get(f"comment-{c.pk}", ""),
        }
        for c in criteria
    ]
    return render(
        request,
        "grant_review/staff/score.html",
        {
            "assignment": assignment,
            "application": assignment.application,
            "rows": rows,
            "comment": comment,
            "comment_error": errors.get("comment", ""),
            "general_errors": general,
            "error_count": len(errors) + len(general),
            "can_score": assignment.application.status == ApplicationStatus.UNDER_REVIEW,
            "total_weight": sum(c.weight for c in criteria),
        },
        status=status,
    )


@require_POST
def declare_conflict(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = selectors.assignment_for_reviewer(request.user, assignment_id)
    if assignment is None:
        raise Http404("この割当は見つかりません。")
    try:
        services.conflict_declare(
            actor=request.user, assignment=assignment, reason=request.POST.get("reason", "")
        )
    except MadoguchiError as error:
        messages.error(request, error.message)
        return redirect("grant_review_staff:score", assignment.pk)
    messages.success(request, _("利益相反を申告しました。この申請はあなたの審査対象から外れます。"))
    return redirect("grant_review_staff:queue")
