"""Who may open which identity page. Pages of another organisation answer 404, not 403."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from madoguchi.identity.enums import AccountStatus
from madoguchi.identity.models import Organisation, User
from madoguchi.identity.roles import Right
from madoguchi.identity.selectors import staff_has


class AuthenticatedRequest(HttpRequest):
    """A request behind login_required: ``user`` is a real account."""

    user: User


def is_active_prime(user: Any) -> bool:
    return bool(
        user.is_authenticated
        and user.is_prime
        and user.account_status == AccountStatus.ACTIVE
        and user.organisation is not None
        and user.organisation.is_verified
    )


def prime_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_active_prime(request.user):
            raise PermissionDenied("プライムアカウントの方だけが開けるページです。")
        return view(request, *args, **kwargs)

    return wrapped


def reviewer_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not staff_has(request.user, Right.IDENTITY_REVIEW):
            raise PermissionDenied("本人確認審査担当の職員だけが開けるページです。")
        return view(request, *args, **kwargs)

    return wrapped


def own_organisation(request: HttpRequest) -> Organisation:
    """The (verified) organisation of the Prime behind ``prime_required``."""
    organisation = getattr(request.user, "organisation", None)
    if organisation is None:
        raise PermissionDenied("事業者に属していません。")
    return organisation
