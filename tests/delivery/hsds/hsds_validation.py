"""Validation against the official HSDS 3 compiled schemas (vendored in
tests/data/hsds-3/), made strict: every property name must be one the schema
declares, and formats (date-time, uri, uuid) are checked."""

import copy
import datetime
import json
import uuid
from pathlib import Path
from urllib.parse import urlparse

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMAS = Path(__file__).resolve().parents[2] / "data" / "hsds-3" / "compiled"


def load(name):
    return json.loads((SCHEMAS / name).read_text())


def strict(schema):
    """The schema with additionalProperties false on every object, so that a
    property name the standard does not declare fails validation."""
    schema = copy.deepcopy(schema)

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("properties"), dict):
                node.setdefault("additionalProperties", False)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return schema


FORMATS = FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def is_datetime(value):
    return not isinstance(value, str) or bool(datetime.datetime.fromisoformat(value))


@FORMATS.checks("uri")
def is_uri(value):
    parsed = urlparse(value)
    return not isinstance(value, str) or bool(parsed.scheme and parsed.netloc)


@FORMATS.checks("uuid", raises=ValueError)
def is_uuid(value):
    return not isinstance(value, str) or bool(uuid.UUID(value))


SERVICE_URI = "urn:hsds:compiled:service_with_definitions"
REGISTRY = Registry().with_resource(
    SERVICE_URI,
    Resource.from_contents(
        strict(load("service_with_definitions.json")),
        default_specification=DRAFT202012,
    ),
)


def validate(instance, schema):
    validator = Draft202012Validator(schema, registry=REGISTRY, format_checker=FORMATS)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
    assert not errors, "\n".join(
        f"{list(error.absolute_path)}: {error.message}" for error in errors
    )


SERVICE = {"$ref": SERVICE_URI}
SERVICE_LIST_ITEM = strict(load("service_list.json"))
ORGANIZATION_LIST_ITEM = strict(load("organization_list.json"))
ORGANIZATION = {"$ref": f"{SERVICE_URI}#/definitions/organization"}
PAGE = {
    "type": "object",
    "required": [
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    ],
    "properties": {
        "total_items": {"type": "integer"},
        "total_pages": {"type": "integer"},
        "page_number": {"type": "integer"},
        "size": {"type": "integer"},
        "first_page": {"type": "boolean"},
        "last_page": {"type": "boolean"},
        "empty": {"type": "boolean"},
        "contents": {"type": "array"},
    },
    "additionalProperties": False,
}


def page_of(item_schema):
    return {
        "allOf": [
            PAGE,
            {"properties": {"contents": {"type": "array", "items": item_schema}}},
        ]
    }
