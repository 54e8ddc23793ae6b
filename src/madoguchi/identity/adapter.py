"""How allauth fits Madoguchi: e-mail is the login, ``username`` mirrors it; password attempts are
throttled with growing delays (``identity.throttle``, docs/login-throttling.md); failures are audited;
allauth's e-mails (verification, reset, notices) go through core's outbox with links from SITE_URL."""

from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

from madoguchi.core.mail import email_queue
from madoguchi.identity import throttle
from madoguchi.identity.services.audit import identity_audit


def _login_of(credentials: dict[str, Any]) -> str:
    return throttle.normalise(credentials.get("email") or credentials.get("username") or "")


def rebased_on_site_url(request: HttpRequest | None, value: Any) -> Any:
    """A link allauth built from the request (its Host header) as the same path under SITE_URL."""
    if request is None or not isinstance(value, str):
        return value
    request_base = request.build_absolute_uri("/")
    if value.startswith(request_base):
        return settings.SITE_URL + "/" + value[len(request_base) :]
    return value


class AccountAdapter(DefaultAccountAdapter):
    _attempt: throttle.Attempt | None = None  # the password attempt under way (one per instance)

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        request = allauth_context.request
        site = SimpleNamespace(name="窓口 Madoguchi", domain=urlsplit(settings.SITE_URL).netloc)
        ctx = {"request": request, "email": email, "current_site": site}
        ctx.update({key: rebased_on_site_url(request, value) for key, value in context.items()})
        message = self.render_mail(template_prefix, email, ctx)
        html = next(
            (c for c, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"),
            "",
        )
        if message.content_subtype == "html":
            html, body = str(message.body), ""
        else:
            body = str(message.body)
        email_queue(to=message.to, subject=str(message.subject), body=body, html=str(html))

    def populate_username(self, request: HttpRequest, user: Any) -> None:
        user.username = (user.email or "").lower()

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """Replaces allauth's ``login_failed`` lock for passwords (it still guards MFA codes)."""
        email = _login_of(credentials)
        try:
            self._attempt = throttle.attempt_begin(request, email, self.get_client_ip(request))
        except throttle.Throttled as refused:
            self._audit(
                request,
                "identity.login_throttled",
                email,
                {"rule": refused.rule.name, "wait_seconds": refused.wait},
            )
            raise ValidationError(refused.message, code="throttled") from None

    def authenticate(self, request: HttpRequest, **credentials: Any) -> Any:
        self._attempt = None
        user = super().authenticate(request, **credentials)
        if user is not None and self._attempt is not None:
            throttle.attempt_succeeded(self._attempt)
        return user

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        """Record the failure without telling the person whether the address has an account."""
        attempt = self._attempt
        self._audit(
            request,
            "identity.login_failed",
            _login_of(credentials),
            {"trusted_source": bool(attempt and attempt.trusted)},
        )

    def post_login(self, request: HttpRequest, user: Any, **kwargs: Any) -> HttpResponse:
        """A complete login (every stage, MFA included) makes this browser a trusted source."""
        response = super().post_login(request, user, **kwargs)
        if user.email:
            throttle.device_trust(request, response, user.email)
        return response

    def _audit(self, request: HttpRequest, action: str, email: str, data: dict[str, Any]) -> None:
        from madoguchi.identity.models import User

        known = User.objects.filter(email__iexact=email).only("id", "organisation_id").first()
        identity_audit(
            action=action,
            request=request,
            actor=None,
            target=known,
            organisation=known.organisation_id if known else None,
            data={"email": email, "known_account": known is not None, **data},
        )
