from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from madoguchi.core.errors import MadoguchiError
from madoguchi.identity import selectors
from madoguchi.identity.forms import PrimeApplicationForm, add_domain_error
from madoguchi.identity.models import VerificationRequest
from madoguchi.identity.proofs import proof_download
from madoguchi.identity.services.verification import (
    ApplicationData,
    verification_request_submit,
    verification_request_withdraw,
)
from madoguchi.identity.views._access import AuthenticatedRequest


@login_required
def apply(request: AuthenticatedRequest) -> HttpResponse:
    """プライムの申請: new Prime, Entry→Prime upgrade, or a new representative."""
    pending = selectors.pending_application_for(request.user)
    form = PrimeApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "proof"}
        try:
            verification_request_submit(
                applicant=request.user,
                data=ApplicationData(**data),
                proof=form.cleaned_data["proof"],
                request=request,
            )
        except MadoguchiError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                "プライムアカウントの申請を受け付けました。審査の結果はこのページとメールでお知らせします。",
            )
            return redirect("identity:application-status")
    return render(request, "identity/apply.html", {"form": form, "pending": pending})


@login_required
def application_status(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "identity/application_status.html",
        {"applications": selectors.applications_of(request.user)},
    )


@login_required
@require_POST
def withdraw(request: AuthenticatedRequest, pk: str) -> HttpResponse:
    application = get_object_or_404(VerificationRequest, pk=pk, applicant=request.user)
    try:
        verification_request_withdraw(
            application=application, applicant=request.user, request=request
        )
    except MadoguchiError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "申請を取り下げました。")
    return redirect("identity:application-status")


def proof(request: HttpRequest, pk: str) -> FileResponse:
    """The applicant's own proof, as uploaded (everyone else: 404)."""
    return proof_download(request.user, pk, inline=False)
