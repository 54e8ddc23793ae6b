"""The Content-Security-Policy header: django-csp's middleware with two rules of ours.

- ``form-action`` also governs the redirects that follow a form submission (Chromium enforces it):
  the consent form's POST, and a login or MFA form whose ``next`` is an authorization that the user
  already consented to, end in a redirect to the relying party. On the sign-in and OpenID Connect
  pages (``/accounts/``, ``/oauth/``; HTML only, so the token endpoint makes no extra query) the
  origins registered as redirect URIs are therefore allowed as form targets; everywhere else forms
  post to this site only.
- PDF responses (notices, copies) carry no policy: browsers show them in a plug-in viewer, which
  ``object-src 'none'`` could block, and a PDF runs no page script.
"""

from typing import Any

from csp.middleware import CSPMiddleware, PolicyParts
from django.http import HttpRequest

SIGN_IN_PREFIXES = ("/accounts/", "/oauth/")  # config/urls.py: allauth and the provider


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_response(self, request: HttpRequest, response: Any) -> Any:
        if response.get("Content-Type", "").startswith("application/pdf"):
            response._csp_exempt = True
        return super().process_response(request, response)

    def get_policy_parts(
        self, request: HttpRequest, response: Any, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and request.path_info.startswith(SIGN_IN_PREFIXES)
            and response.get("Content-Type", "").startswith("text/html")
        ):
            from madoguchi.identity.oidc.selectors import redirect_origins

            origins = redirect_origins()
            if origins:
                parts.update = {**(parts.update or {}), "form-action": origins}
        return parts
