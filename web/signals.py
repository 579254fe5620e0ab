"""Signals of the public site, for other parts to act on."""

from django.dispatch import Signal

# Sent for every public page answered to a visitor (Wagtail pages and the
# web listings; 200 or 304), also when the answer came from the page cache,
# which skips the view and every middleware below web.caching: receivers
# get `request` (no request.user or session on a cache hit), `page_id` (the
# Wagtail page served, None for a listing), `status_code`, and `from_cache`.
# Keep receivers cheap: they run on the fast path (usage counting).
public_page_served = Signal()
