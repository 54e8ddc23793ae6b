"""How allauth fits Madoguchi: e-mail is the login, ``username`` mirrors it; failures are audited;
allauth's e-mails (verification, reset, notices) go through core's outbox with links from SITE_URL."""

from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.http import HttpRequest

from madoguchi.core.mail import email_queue
from madoguchi.identity.services.audit import identity_audit


def rebased_on_site_url(request: HttpRequest | None, value: Any) -> Any:
    """A link allauth built from the request (its Host header) as the same path under SITE_URL."""
    if request is None or not isinstance(value, str):
        return value
    request_base = request.build_absolute_uri("/")
    if value.startswith(request_base):
        return settings.SITE_URL + "/" + value[len(request_base) :]
    return value


class AccountAdapter(DefaultAccountAdapter):
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

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        """Record the failure without telling the person whether the address has an account."""
        from madoguchi.identity.models import User

        email = (credentials.get("email") or credentials.get("username") or "").strip().lower()
        known = User.objects.filter(email__iexact=email).only("id", "organisation_id").first()
        identity_audit(
            action="identity.login_failed",
            request=request,
            actor=None,
            target=known,
            organisation=known.organisation_id if known else None,
            data={"email": email[:254], "known_account": known is not None},
        )
