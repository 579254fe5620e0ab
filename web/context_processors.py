from django.utils.functional import SimpleLazyObject

from web.regions import region_for_request


def public_site(request):
    """The region of the request, for the public layout's header and footer;
    looked up only when a template uses it."""
    return {"site_region": SimpleLazyObject(lambda: region_for_request(request))}
