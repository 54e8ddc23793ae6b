"""The staff area (Django admin) in Japanese, under the platform's name."""

from django.contrib import admin

admin.site.site_header = "窓口 Madoguchi 職員メニュー"
admin.site.site_title = "窓口 職員メニュー"
admin.site.index_title = "管理"
