"""Audit records for events allauth raises (login, MFA changes, e-mail verification, passwords).

Receivers only record; they hold no business logic (CONVENTIONS rule 7).
"""

from typing import Any

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import signals as auth_signals
from django.dispatch import receiver

from madoguchi.identity.services.audit import identity_audit


@receiver(account_signals.user_logged_in, dispatch_uid="identity-audit-login")
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    identity_audit(action="identity.login", request=request, actor=user, target=user)


@receiver(auth_signals.user_logged_out, dispatch_uid="identity-audit-logout")
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        identity_audit(action="identity.logout", request=request, actor=user, target=user)


@receiver(account_signals.email_confirmed, dispatch_uid="identity-audit-email-confirmed")
def _email_confirmed(sender: Any, request: Any, email_address: Any, **kwargs: Any) -> None:
    user = email_address.user
    identity_audit(
        action="identity.email_verified",
        request=request,
        actor=user,
        target=user,
        data={"email": email_address.email},
    )


@receiver(account_signals.password_changed, dispatch_uid="identity-audit-password-changed")
@receiver(account_signals.password_reset, dispatch_uid="identity-audit-password-reset")
def _password(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    identity_audit(action="identity.password_changed", request=request, actor=user, target=user)


def _mfa(action: str) -> Any:
    def handler(sender: Any, request: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
        identity_audit(
            action=action,
            request=request,
            actor=user,
            target=user,
            data={"type": authenticator.type},
        )

    return handler


_mfa_added = _mfa("identity.mfa_added")
_mfa_removed = _mfa("identity.mfa_removed")
_mfa_reset = _mfa("identity.mfa_reset")
_mfa_failed = _mfa("identity.mfa_failed")
mfa_signals.authenticator_added.connect(_mfa_added, dispatch_uid="identity-audit-mfa-added")
mfa_signals.authenticator_removed.connect(_mfa_removed, dispatch_uid="identity-audit-mfa-removed")
mfa_signals.authenticator_reset.connect(_mfa_reset, dispatch_uid="identity-audit-mfa-reset")
mfa_signals.authentication_failed.connect(_mfa_failed, dispatch_uid="identity-audit-mfa-failed")
