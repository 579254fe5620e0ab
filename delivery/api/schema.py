"""OpenAPI generation hooks (drf-spectacular)."""


def only_delivery_api(endpoints, **kwargs):
    """Describe the delivery API only, not Wagtail's own APIs; the
    per-region roots repeat it (described by the `region` parameter)."""
    return [
        endpoint
        for endpoint in endpoints
        if endpoint[0].startswith("/api/v1/")
        and not endpoint[0].startswith("/api/v1/regions/")
    ]


ERROR_RESPONSES = {
    "400": "Invalid parameters: an object naming each bad parameter and why.",
    "401": 'Unknown or revoked API key: `{"detail": ...}`.',
    "404": 'No such object, or an unknown `format`: `{"detail": ...}`.',
    "429": 'Too many requests; wait `Retry-After` seconds: `{"detail": ...}`.',
}


def error_responses(result, **kwargs):
    """Add the endpoints drf-spectacular does not generate (HSDS, feeds),
    then document the error answers every operation may give (the partner
    access layer answers 401 and 429 before any view, in JSON)."""
    from delivery.api.openapi_paths import outside_drf_paths

    result.setdefault("paths", {}).update(outside_drf_paths())
    error = {
        "type": "object",
        "additionalProperties": True,
        "description": "`detail`, or the names of the parameters that were wrong.",
    }
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = error
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            # Errors come in the media type asked for (JSON, or JSON-LD); a
            # feed's in JSON, and only from the access layer.
            media_types = responses.get("200", {}).get("content") or {}
            statuses = ERROR_RESPONSES
            if not any("json" in media_type for media_type in media_types):
                media_types = {"application/json": {}}
                statuses = {key: ERROR_RESPONSES[key] for key in ("401", "429")}
            for status, description in statuses.items():
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {
                            media_type: {
                                "schema": {"$ref": "#/components/schemas/Error"}
                            }
                            for media_type in media_types
                        },
                    },
                )
    return result
