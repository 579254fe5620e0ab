"""OpenAPI generation hooks (drf-spectacular)."""


def only_delivery_api(endpoints, **kwargs):
    """Describe the delivery API only, not Wagtail's own APIs."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
