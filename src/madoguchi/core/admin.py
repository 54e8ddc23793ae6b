from django.contrib import admin

from madoguchi.core.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["occurred_at", "action", "actor", "target_type", "target_id", "ip_address"]
    list_filter = ["action"]
    search_fields = ["action", "target_id"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
