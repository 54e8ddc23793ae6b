"""Divisions (部署) and who belongs to them, managed by administrators in the admin
(職員メニュー → 部署と所属職員). Each change is an audit record."""

from typing import Any

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from madoguchi.core.audit import audit_record
from madoguchi.identity.models import Division


@admin.register(Division)
class DivisionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "member_count"]
    search_fields = ["name", "code"]
    fields = ["name", "code", "members"]
    filter_horizontal = ["members"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Division]:
        return super().get_queryset(request).annotate(member_count=Count("members"))

    @admin.display(description="所属職員の数", ordering="member_count")
    def member_count(self, obj: Division) -> int:
        return int(getattr(obj, "member_count", 0))

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        before = set(form.instance.members.values_list("pk", flat=True)) if change else set()
        super().save_related(request, form, formsets, change)
        after = set(form.instance.members.values_list("pk", flat=True))
        audit_record(
            action="identity.division_changed" if change else "identity.division_created",
            actor=request.user,
            target=form.instance,
            ip_address=request.META.get("REMOTE_ADDR"),
            data={
                "code": form.instance.code,
                "name": form.instance.name,
                "members_added": sorted(after - before),
                "members_removed": sorted(before - after),
            },
        )
