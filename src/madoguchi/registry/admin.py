from django.contrib import admin

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
    list_display = ["name", "application_id", "is_active", "last_used_at", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "application_id", "contact_email"]
    readonly_fields = ["application_id", "last_used_at", "created_at", "updated_at"]
