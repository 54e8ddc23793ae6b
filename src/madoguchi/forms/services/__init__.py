"""Writes of the forms context, one module per use case (re-exported here)."""

from madoguchi.forms.services.builder import (
    field_delete,
    field_move,
    field_save,
    form_create,
    form_describe,
    form_import,
    form_version_publish,
    form_version_update,
    page_add,
    page_delete,
    page_update,
)
from madoguchi.forms.services.procedures import procedure_save, workflow_step_add
from madoguchi.forms.services.submissions import (
    submission_answers_save,
    submission_assign,
    submission_comment,
    submission_decide,
    submission_file_attach,
    submission_start,
    submission_submit,
)

__all__ = [
    "field_delete",
    "field_move",
    "field_save",
    "form_create",
    "form_describe",
    "form_import",
    "form_version_publish",
    "form_version_update",
    "page_add",
    "page_delete",
    "page_update",
    "procedure_save",
    "submission_answers_save",
    "submission_assign",
    "submission_comment",
    "submission_decide",
    "submission_file_attach",
    "submission_start",
    "submission_submit",
    "workflow_step_add",
]
