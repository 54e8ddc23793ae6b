"""What every page's layout needs: the main navigation."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

NAVIGATION = (
    ("portal:home", _("ホーム")),
    ("registry:search", _("法人番号を検索")),
    ("portal:developers", _("開発者向け API")),
)


# The staff area's links: (url name, label, permission or None for any staff user). Each context adds
# its own pages here; /staff/ lists those the user may open.
STAFF_NAVIGATION: tuple[tuple[str, Any, str | None], ...] = (
    ("admin:index", _("管理画面（全記録）"), None),
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    items = []
    for name, label in NAVIGATION:
        url = reverse(name)
        current = request.path == url or (url != "/" and request.path.startswith(url))
        items.append({"url": url, "label": label, "current": current})
    return {"main_navigation": items}
