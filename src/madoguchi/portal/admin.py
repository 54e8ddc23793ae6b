"""The admin (/admin/) in Japanese, under the platform's name, for administrators only (the
identity.roles right ``admin_site``): every write of the domain goes through the services and the
staff pages; the admin is where administrators read every record and manage divisions and relying
parties."""

from django.contrib import admin
from django.http import HttpRequest

from madoguchi.identity.roles import Right
from madoguchi.identity.selectors import staff_has

admin.site.site_header = "窓口 Madoguchi 職員メニュー"
admin.site.site_title = "窓口 職員メニュー"
admin.site.index_title = "管理"


def administrators_only(request: HttpRequest) -> bool:
    return staff_has(request.user, Right.ADMIN_SITE)


admin.site.has_permission = administrators_only  # type: ignore[method-assign]
