from web.regions import region_for_request


def public_site(request):
    """The region of the request, for the public layout's header and footer."""
    if request.path.startswith(("/admin/", "/api/", "/feeds/")):
        return {}
    return {"site_region": region_for_request(request)}
