"""Admin views of the forms context: read-mostly (writes go through the builder and services)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from madoguchi.forms.models import (
    Form,
    FormVersion,
    Procedure,
    Submission,
    SubmissionEvent,
    SubmissionFile,
    WorkflowStep,
)


class FormVersionInline(admin.TabularInline):
    model = FormVersion
    fields = ["number", "status", "published_at"]
    readonly_fields = ["number", "status", "published_at"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Form)
class FormAdmin(admin.ModelAdmin):
    list_display = ["title", "created_by", "created_at"]
    search_fields = ["title"]
    readonly_fields = ["created_by"]
    inlines = [FormVersionInline]


class WorkflowStepInline(admin.TabularInline):
    model = WorkflowStep
    extra = 0


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "version", "opens_at", "closes_at", "is_listed"]
    search_fields = ["title", "slug"]
    readonly_fields = ["next_serial"]
    inlines = [WorkflowStepInline]


class SubmissionEventInline(admin.TabularInline):
    model = SubmissionEvent
    fields = ["created_at", "kind", "actor", "step_name", "comment", "to_applicant"]
    readonly_fields = ["created_at", "kind", "actor", "step_name", "comment", "to_applicant"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SubmissionFileInline(admin.TabularInline):
    model = SubmissionFile
    fields = ["field", "name", "size", "content_type", "uploaded_at"]
    readonly_fields = ["field", "name", "size", "content_type", "uploaded_at"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["reference", "procedure", "status", "step", "organisation", "submitted_at"]
    list_filter = ["status", "procedure"]
    search_fields = ["reference", "organisation__name", "contact_email"]
    list_select_related = ["procedure", "organisation"]
    # The PDF copy is a private file: linked to its permission-checked view, never to a storage URL.
    exclude = ["pdf"]
    readonly_fields = [f.name for f in Submission._meta.fields if f.name != "pdf"] + ["pdf_link"]
    inlines = [SubmissionFileInline, SubmissionEventInline]

    @admin.display(description=_("申請内容の PDF"))
    def pdf_link(self, obj: Submission) -> str:
        if not obj.reference:
            return "—"
        url = reverse("forms:staff-pdf", args=[obj.pk])
        return format_html('<a href="{}">{}.pdf</a>', url, obj.reference)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
