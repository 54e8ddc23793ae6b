"""How allauth fits Madoguchi: e-mail is the login, ``username`` mirrors it; failures are audited."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from madoguchi.identity.services.audit import identity_audit


class AccountAdapter(DefaultAccountAdapter):
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
