"""What every page's layout needs: the main navigation."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

NAVIGATION = (
    ("portal:home", _("ホーム")),
    ("registry:search", _("法人番号を検索")),
    ("grants:search", _("補助金を探す")),
    ("applications:my", _("補助金の申請")),  # applications: my applications
    ("forms:list", _("手続き")),
    ("portal:developers", _("開発者向け API")),
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    items = []
    for name, label in NAVIGATION:
        url = reverse(name)
        current = request.path == url or (url != "/" and request.path.startswith(url))
        items.append({"url": url, "label": label, "current": current})
    return {"main_navigation": items}
