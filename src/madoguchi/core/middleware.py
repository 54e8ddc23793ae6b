"""The local demo answers only this machine (installed in demo mode only, see config/settings.py).

The demo runs with DEBUG, published logins and TOTP secrets and a readable mail outbox; started with
another address than 127.0.0.1, it would hand all of that to the network. Requests from any address
but the loopback get a 403 in Japanese and English instead.
"""

import ipaddress
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

REFUSAL = (
    "このデモ（MADOGUCHI_MODE=demo）は、起動したコンピューターからのアクセスだけに応えます。\n"
    "This demo (MADOGUCHI_MODE=demo) answers requests from its own machine only.\n"
)


def is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


class LocalDemoOnlyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_loopback(request.META.get("REMOTE_ADDR", "")):
            return HttpResponse(REFUSAL, status=403, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
