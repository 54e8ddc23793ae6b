"""The admin shows the review records read-only: writes go through the services and pages."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from madoguchi.grants.review.models import (
    Assignment,
    ConflictDeclaration,
    Criterion,
    Notice,
    ReviewSetting,
    Score,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Criterion)
class CriterionAdmin(ReadOnlyAdmin):
    list_display = ["subsidy", "position", "name", "weight", "max_score"]


@admin.register(ReviewSetting)
class ReviewSettingAdmin(ReadOnlyAdmin):
    list_display = ["subsidy", "round", "budget", "issuer"]


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ["application", "reviewer", "assigned_by", "assigned_at", "submitted_at"]


@admin.register(ConflictDeclaration)
class ConflictDeclarationAdmin(ReadOnlyAdmin):
    list_display = ["application", "reviewer", "declared_at"]


@admin.register(Score)
class ScoreAdmin(ReadOnlyAdmin):
    list_display = ["assignment", "criterion", "score"]


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    list_display = ["number", "kind", "application", "issued_at", "status"]
    list_filter = ["kind", "status"]
    exclude = ["file"]  # a private file: downloaded through its permission-checked view only
