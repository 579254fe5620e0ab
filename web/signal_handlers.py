"""Receivers of the public site's signals."""

from django.dispatch import receiver

from cms.models import ReadSource
from cms.statistics.counting import intervention_read_count, request_is_a_read
from web.signals import public_page_served


@receiver(public_page_served, dispatch_uid="samverkan_web_count_read")
def count_intervention_read(sender, request, page_id, **kwargs):
    """A page answered to a visitor (from the page cache or not, 200 or
    304) is a read for the usage statistics: one cache increment, no IP
    address, cookie or user agent stored."""
    if page_id is not None and request_is_a_read(request):
        intervention_read_count(source=ReadSource.WEB, key=page_id)
