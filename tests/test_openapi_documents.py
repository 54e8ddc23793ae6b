"""Every OpenAPI document the project serves validates against the OpenAPI specification, checked by an
independent validator (openapi-spec-validator), not by the library that wrote it.

The documents are found, not listed: every URL pattern without parameters is requested and each JSON
answer that declares ``openapi`` is validated, so an API added later is checked too.
"""

import json

import pytest
from django.test import Client
from jsonschema_path import SchemaPath
from openapi_spec_validator import validate
from openapi_spec_validator.shortcuts import get_validator_cls
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from tests.urlwalk import iter_urls


def served_documents(client: Client) -> dict[str, dict]:
    documents = {}
    for entry in iter_urls():
        if entry.is_regex or entry.parameters:
            continue
        path = entry.fill({}) or "/"
        response = client.get(path)
        if response.status_code != 200 or "json" not in response.get("Content-Type", ""):
            continue
        body = json.loads(response.content)
        if isinstance(body, dict) and "openapi" in body:
            documents[path] = body
    return documents


@pytest.mark.django_db
def test_every_served_openapi_document_validates(client: Client) -> None:
    documents = served_documents(client)
    assert "/api/v1/openapi.json" in documents
    errors = {
        path: [
            f"{error.message[:200]} at {list(error.absolute_path)}"
            for error in get_validator_cls(document)(SchemaPath.from_dict(document)).iter_errors()
        ]
        for path, document in documents.items()
    }
    assert errors == {path: [] for path in documents}


def test_the_validator_catches_a_default_outside_its_own_enum() -> None:
    """The fault this test was written for: ``default: ""`` beside an enum that lacks it."""
    document = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/x": {
                "get": {
                    "parameters": [
                        {
                            "name": "area",
                            "in": "query",
                            "schema": {"type": "string", "enum": ["全国"], "default": ""},
                        }
                    ],
                    "responses": {"200": {"description": "ok"}},
                }
            }
        },
    }
    with pytest.raises(OpenAPIValidationError, match="is not one of"):
        validate(document)
