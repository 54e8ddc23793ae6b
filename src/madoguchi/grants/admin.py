"""The raw admin, read-only: writes go through the services, from the staff pages (/staff/subsidies/),
so that masks, search text, history and audit stay right."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from madoguchi.grants.models import Subsidy, SubsidyChange, SubsidyDocument, SubsidyRound


class ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class RoundInline(ReadOnly, admin.TabularInline):
    model = SubsidyRound
    extra = 0


class DocumentInline(ReadOnly, admin.TabularInline):
    model = SubsidyDocument
    extra = 0
    readonly_fields = ("size", "content_type", "uploaded_at")


@admin.register(Subsidy)
class SubsidyAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("name", "title", "status", "institution_name", "acceptance_end_datetime")
    list_filter = ("status", "granttype")
    search_fields = ("name", "title", "institution_name")
    readonly_fields = ("status", "published_at", "search_text")
    inlines = (RoundInline, DocumentInline)


@admin.register(SubsidyChange)
class SubsidyChangeAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("subsidy", "changed_at", "summary")
    readonly_fields = ("subsidy", "changed_at", "changed_by", "summary", "fields")
