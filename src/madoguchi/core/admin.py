from django.contrib import admin

from madoguchi.core.models import AuditEvent, Email


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


@admin.register(Email)
class EmailAdmin(admin.ModelAdmin):
    """What was sent and what waits (a failing mail server); never the bodies, which may hold
    sign-in or reset links."""

    list_display = ["created_at", "subject", "sent_at", "attempts", "last_error"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["subject"]
    fields = ["created_at", "to", "subject", "sent_at", "attempts", "last_error"]
    readonly_fields = ["created_at", "to", "subject", "sent_at", "attempts", "last_error"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
