from allauth.mfa.models import Authenticator
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from madoguchi.identity import selectors
from madoguchi.identity.mfa import mfa_required, required_types
from madoguchi.identity.roles import Right
from madoguchi.identity.views._access import AuthenticatedRequest, is_active_prime


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    """マイページ: the account, its organisation, security and what this account may manage."""
    user = request.user
    authenticators = list(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    return render(
        request,
        "identity/home.html",
        {
            "organisation": user.organisation,
            "authenticators": authenticators,
            "mfa_required": mfa_required(user),
            "is_prime": is_active_prime(user),
            "may_review": selectors.staff_has(user, Right.IDENTITY_REVIEW),
            "pending": selectors.pending_application_for(user),
            "mandates": selectors.active_mandates_for(user.organisation)
            if user.organisation is not None
            else [],
        },
    )


@login_required
def mfa_required_page(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "identity/mfa_required.html",
        {"passkey_allowed": Authenticator.Type.WEBAUTHN in required_types(user)},
    )
