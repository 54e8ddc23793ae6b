"""The forms engine: a form definition, its validation and its rendering, free of any procedure.

Other contexts (grants) use it through this module only::

    definition = FormDefinition.from_document(document)
    data = parse_page(definition, page, request.POST, data)
    errors = validate(definition, data, page=page)
    html = render_page(definition, page, data, errors)
"""

from madoguchi.forms.engine.definition import FORMAT, Field, FormDefinition, Page
from madoguchi.forms.engine.lookups import apply_lookup, corporation_facts, postal_address
from madoguchi.forms.engine.render import answer_rows, render_page
from madoguchi.forms.engine.schema import compile_schema, holds
from madoguchi.forms.engine.uploads import CheckedUpload, UploadRejected, check_upload
from madoguchi.forms.engine.validation import (
    clean,
    field_required,
    field_visible,
    validate,
    visible_pages,
)
from madoguchi.forms.engine.values import display_value, parse_page, repeat_totals

__all__ = [
    "FORMAT",
    "CheckedUpload",
    "Field",
    "FormDefinition",
    "Page",
    "UploadRejected",
    "answer_rows",
    "apply_lookup",
    "check_upload",
    "clean",
    "compile_schema",
    "corporation_facts",
    "display_value",
    "field_required",
    "field_visible",
    "holds",
    "parse_page",
    "postal_address",
    "render_page",
    "repeat_totals",
    "validate",
    "visible_pages",
]
