"""The login form: allauth's, with the e-mail prefilled from an OpenID Connect ``login_hint``."""

from typing import Any

from allauth.account.forms import LoginForm


class MadoguchiLoginForm(LoginForm):
    """A relying party may name the account it expects (``login_hint``, passed on by /oauth/authorize)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = getattr(self, "request", None)
        if request is None or self.is_bound or "login" not in self.fields:
            return
        hint = request.GET.get("login_hint", "").strip()[:254]
        if hint:
            self.fields["login"].initial = hint
