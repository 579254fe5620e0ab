"""OpenAPI descriptions of the public endpoints that drf-spectacular does
not generate: the HSDS 3 view (/api/hsds/) and the syndication feeds
(/feeds/). delivery.api.schema.error_responses adds them to /api/v1/schema/, so
that one document describes every public endpoint.

HSDS responses are described by their envelope and the fields partners
rely on; each item's full shape is the official compiled HSDS 3.0 schema
named in its description (tests/delivery/hsds/test_hsds.py validates against it
strictly). Feeds are described by their media type and filters."""

HSDS_SCHEMAS = (
    "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/compiled/"
)


def _query(name: str, description: str, schema: dict | None = None) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or {"type": "string"},
    }


def _id_path(description: str) -> dict:
    return {
        "name": "id",
        "in": "path",
        "required": True,
        "description": description,
        "schema": {"type": "string"},
    }


PAGE = _query("page", "Page number, from 1.", {"type": "integer", "minimum": 1})
PER_PAGE = _query(
    "per_page",
    "Items per page (default 50, at most 100).",
    {"type": "integer", "minimum": 1},
)
SEARCH = _query("search", "Free-text search (up to eight words, all must match).")
LOCALE = _query(
    "locale",
    "The language to serve, a content language's code (e.g. ar): published "
    "translations in it, Swedish where there is none. Without it "
    "Accept-Language chooses, else Swedish. An unknown code is a 400 that "
    "lists the codes (docs/partners/languages.md).",
)
UNKNOWN_LOCALE = {
    "description": (
        "Unknown `locale`: the codes to choose from (text); or an address "
        'with a character that is not allowed (JSON, `{"detail": ...}`).'
    ),
    "content": {
        "text/plain": {"schema": {"type": "string"}},
        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}},
    },
}

HSDS_PAGE = {
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
        "size": {"type": "integer", "description": "Items on this page."},
        "first_page": {"type": "boolean"},
        "last_page": {"type": "boolean"},
        "empty": {"type": "boolean"},
        "contents": {"type": "array", "items": {}},
    },
}


def _hsds_item(kind: str, compiled: str | None) -> dict:
    where = f" Its full shape: {HSDS_SCHEMAS}{compiled}." if compiled else ""
    return {
        "type": "object",
        "required": ["id"],
        "properties": {"id": {"type": "string"}},
        "additionalProperties": True,
        "description": f"An HSDS 3.0 {kind}.{where}",
    }


def _hsds_page_of(item: dict) -> dict:
    page = {**HSDS_PAGE, "properties": {**HSDS_PAGE["properties"]}}
    page["properties"]["contents"] = {"type": "array", "items": item}
    return page


def _json(description: str, schema: dict) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": schema}},
    }


def _get(summary: str, parameters: list, responses: dict, tag: str) -> dict:
    return {
        "get": {
            "operationId": summary.lower().replace(" ", "_").replace("'", ""),
            "summary": summary,
            "tags": [tag],
            "parameters": parameters,
            "responses": responses,
        }
    }


SERVICE = _hsds_item("service", "service_list.json")
SERVICE_FULL = _hsds_item("service, fully nested", "service_with_definitions.json")
ORGANIZATION = _hsds_item("organization", "organization_list.json")
TAXONOMY = _hsds_item("taxonomy", None)
TAXONOMY_TERM = _hsds_item("taxonomy term", None)


def hsds_paths() -> dict:
    return {
        "/api/hsds/": _get(
            "HSDS about",
            [],
            {
                "200": _json(
                    "The HSDS version, profile and official OpenAPI description.",
                    {
                        "type": "object",
                        "required": ["version"],
                        "properties": {
                            "version": {"type": "string"},
                            "profile": {"type": "string"},
                            "openapi_url": {"type": "string"},
                        },
                    },
                )
            },
            "hsds",
        ),
        "/api/hsds/services": _get(
            "HSDS services",
            [
                SEARCH,
                PAGE,
                PER_PAGE,
                _query(
                    "modified_after",
                    "Services published on or after this moment (ISO 8601 date "
                    "or date and time).",
                ),
                _query("taxonomy_term_id", "A category, by its taxonomy term id."),
                _query("taxonomy_id", "Our one taxonomy's id; another gives none."),
                _query(
                    "organization_id",
                    "Services this organization provides (its provider, else "
                    "its owner), by id.",
                ),
                LOCALE,
            ],
            {"200": _json("Services, one-to-one fields.", _hsds_page_of(SERVICE))},
            "hsds",
        ),
        "/api/hsds/services/{id}": _get(
            "HSDS service",
            [_id_path("The service's id (the intervention's stable id)."), LOCALE],
            {"200": _json("A fully nested service.", SERVICE_FULL)},
            "hsds",
        ),
        "/api/hsds/organizations": _get(
            "HSDS organizations",
            [SEARCH, PAGE, PER_PAGE, LOCALE],
            {"200": _json("Organizations.", _hsds_page_of(ORGANIZATION))},
            "hsds",
        ),
        "/api/hsds/organizations/{id}": _get(
            "HSDS organization",
            [_id_path("The organization's id."), LOCALE],
            {"200": _json("An organization.", ORGANIZATION)},
            "hsds",
        ),
        "/api/hsds/taxonomies": _get(
            "HSDS taxonomies",
            [PAGE, PER_PAGE],
            {"200": _json("The one taxonomy of categories.", _hsds_page_of(TAXONOMY))},
            "hsds",
        ),
        "/api/hsds/taxonomies/{id}": _get(
            "HSDS taxonomy",
            [_id_path("The taxonomy's id.")],
            {"200": _json("The taxonomy.", TAXONOMY)},
            "hsds",
        ),
        "/api/hsds/taxonomy_terms": _get(
            "HSDS taxonomy terms",
            [
                SEARCH,
                PAGE,
                PER_PAGE,
                _query("taxonomy_id", "Our one taxonomy's id; another gives none."),
                LOCALE,
            ],
            {"200": _json("The categories.", _hsds_page_of(TAXONOMY_TERM))},
            "hsds",
        ),
        "/api/hsds/taxonomy_terms/{id}": _get(
            "HSDS taxonomy term",
            [_id_path("The term's id."), LOCALE],
            {"200": _json("A category.", TAXONOMY_TERM)},
            "hsds",
        ),
    }


def _feed(description: str, media_type: str) -> dict:
    return {
        "description": description,
        "content": {media_type: {"schema": {"type": "string"}}},
    }


def feed_paths() -> dict:
    return {
        "/feeds/news.rss": _get(
            "News RSS",
            [LOCALE],
            {
                "200": _feed(
                    "Public news, newest first (RSS 2.0).", "application/rss+xml"
                ),
                "400": UNKNOWN_LOCALE,
            },
            "feeds",
        ),
        "/feeds/news.atom": _get(
            "News Atom",
            [LOCALE],
            {
                "200": _feed(
                    "Public news, newest first (Atom 1.0).", "application/atom+xml"
                ),
                "400": UNKNOWN_LOCALE,
            },
            "feeds",
        ),
        "/feeds/events.ics": _get(
            "Meetings calendar",
            [
                _query("group", "Only this group's meetings, by the group's slug."),
                LOCALE,
            ],
            {
                "200": _feed(
                    "Public meetings (iCalendar, RFC 5545); cancelled ones as "
                    "STATUS:CANCELLED.",
                    "text/calendar",
                ),
                "400": UNKNOWN_LOCALE,
                "404": {"description": "No group has this slug."},
            },
            "feeds",
        ),
    }


def outside_drf_paths() -> dict:
    return {**hsds_paths(), **feed_paths()}
