from django.contrib import admin
from django.utils.html import format_html

from madoguchi.registry.models import (
    Corporation,
    CorporationVersion,
    ImportRejection,
    ImportRun,
    WebApiApplication,
)


@admin.register(Corporation)
class CorporationAdmin(admin.ModelAdmin):
    list_display = [
        "corporate_number",
        "name",
        "kind",
        "prefecture_name",
        "city_name",
        "close_date",
    ]
    list_filter = ["kind", "prefecture_code", "hihyoji"]
    search_fields = ["=corporate_number", "name"]
    show_full_result_count = False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CorporationVersion)
class CorporationVersionAdmin(admin.ModelAdmin):
    list_display = ["corporate_number", "update_date", "process", "name", "latest"]
    search_fields = ["=corporate_number"]
    show_full_result_count = False

    def has_change_permission(self, request, obj=None):
        return False


class ImportRejectionInline(admin.TabularInline):
    model = ImportRejection
    extra = 0
    can_delete = False
    readonly_fields = ["line_number", "reason", "raw"]


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = [
        "file_name",
        "status",
        "lines_done",
        "rows_inserted",
        "rows_rejected",
        "created_at",
    ]
    list_filter = ["status"]
    inlines = [ImportRejectionInline]
    readonly_fields = [f.name for f in ImportRun._meta.fields]


@admin.register(WebApiApplication)
class WebApiApplicationAdmin(admin.ModelAdmin):
    """Staff issue application ids here; a client sends one as ``id`` to /4/num, /4/diff, /4/name.

    An id is generated on save and never edited; to withdraw one, untick 有効 (the API then answers 404).
    """

    list_display = ["name", "copyable_id", "is_active", "last_used_at", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "application_id", "contact_email"]
    fields = ["name", "contact_email", "is_active", "copyable_id", "example_request"]
    fields += ["last_used_at", "created_at", "updated_at"]
    readonly_fields = ["copyable_id", "example_request", "last_used_at", "created_at", "updated_at"]

    @admin.display(description="アプリケーションID", ordering="application_id")
    def copyable_id(self, obj: WebApiApplication) -> str:
        # user-select: all selects the whole id with one click, ready to copy.
        if not obj.pk:
            return "保存すると発行されます"
        return format_html(
            '<code style="user-select: all; font-size: 1.1em">{}</code>', obj.application_id
        )

    @admin.display(description="リクエストの例")
    def example_request(self, obj: WebApiApplication) -> str:
        if not obj.pk:
            return "-"
        url = f"/4/num?id={obj.application_id}&number=7000012050002&type=12"
        return format_html('<code style="user-select: all">{}</code>', url)
