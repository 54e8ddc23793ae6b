"""The identity reviewers' queue (本人確認の審査): the application beside the registry record."""

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from madoguchi.core.errors import MadoguchiError
from madoguchi.identity import selectors
from madoguchi.identity.enums import VerificationStatus
from madoguchi.identity.forms import RejectForm, add_domain_error
from madoguchi.identity.models import VerificationRequest
from madoguchi.identity.proofs import proof_download
from madoguchi.identity.services.verification import (
    verification_request_approve,
    verification_request_reject,
)
from madoguchi.identity.views._access import AuthenticatedRequest, reviewer_required


@reviewer_required
def queue(request: AuthenticatedRequest) -> HttpResponse:
    status = request.GET.get("status", VerificationStatus.SUBMITTED)
    if status not in VerificationStatus.values:
        status = VerificationStatus.SUBMITTED
    return render(
        request,
        "identity/review_queue.html",
        {
            "applications": selectors.review_queue(status=status),
            "status": status,
            "statuses": VerificationStatus.choices,
        },
    )


@reviewer_required
def detail(request: AuthenticatedRequest, pk: str) -> HttpResponse:
    application = get_object_or_404(
        VerificationRequest.objects.select_related("applicant", "organisation", "reviewer"), pk=pk
    )
    form = RejectForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "approve":
                verification_request_approve(
                    application=application, reviewer=request.user, request=request
                )
                messages.success(request, "申請を承認しました。事業者は確認済みになりました。")
                return redirect("identity:review-queue")
            if form.is_valid():
                verification_request_reject(
                    application=application,
                    reviewer=request.user,
                    reason=form.cleaned_data["reason"],
                    request=request,
                )
                messages.success(request, "申請を却下しました。申請者に理由をお知らせしました。")
                return redirect("identity:review-queue")
        except MadoguchiError as error:
            add_domain_error(form, error)
    return render(
        request,
        "identity/review_detail.html",
        {
            "application": application,
            "comparison": selectors.registry_comparison(application),
            "form": form,
        },
    )


def proof(request: HttpRequest, pk: str) -> FileResponse:
    """The proof beside the application, for reviewers (everyone else: 404, not 403)."""
    return proof_download(request.user, pk, inline=True)
