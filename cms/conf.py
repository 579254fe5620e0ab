"""The settings of `cms` itself, read when used (never at import time).

Each is a top-level Django setting; a host sets only what it changes, and
every default is here (the capabilities with a settings namespace of their
own keep theirs beside them: cms/reviews/conf.py, cms/importing/conf.py,
cms/deadlines/conf.py, cms/personal_data/conf.py).

- SAMVERKAN_TWO_FACTOR: the admin's two-step login (cms.two_factor), a dict
  whose keys override TWO_FACTOR_DEFAULTS:
  - REQUIRED_FOR: "nobody" (optional for everyone), "central_admins"
    (superusers and the regions' central administrators must set it up
    before they can use the admin; the reference production settings) or
    "everyone".
  - BACKUP_CODES: how many single-use backup codes a user gets.
- SAMVERKAN_MAX_REQUEST_BYTES: the largest body of an upload (multipart)
  request; a larger one gets 413 before it is read (cms.http.request_limits).
  None: the largest file Wagtail accepts (WAGTAILDOCS_MAX_UPLOAD_SIZE,
  WAGTAILIMAGES_MAX_UPLOAD_SIZE; an unlimited one counts as
  UNLIMITED_UPLOAD_BYTES) plus FORM_ROOM_BYTES for the rest of the form.
  Any other body is bounded by Django's DATA_UPLOAD_MAX_MEMORY_SIZE.
- SAMVERKAN_TRUSTED_PROXY_COUNT: how many reverse proxies in front of the
  site append to X-Forwarded-For; 0 means only the socket address counts
  (cms.http.client.client_ip, the one client address of every limit, the
  login lockout and consent records).
- SAMVERKAN_CSP_EXTRA: sources added to the Content-Security-Policy of
  pages, e.g. "img-src https://tiles.example" (cms.http.content_security).
- SAMVERKAN_CENTRAL_ASSIGNABLE_GROUPS: names of installation-wide groups a
  region's central administrators may give their users (besides their
  region's own groups), e.g. the newsletter's "Kommunikatörer".
- SAMVERKAN_DOCS_DIR: the folder of the personas' guides shown in the
  admin under "Hjälp" (cms.content.help); None: no guides.
- SAMVERKAN_COUNTS_SEND_SECONDS: how often a process sends the usage and
  read counts of its requests to the cache, all in one round trip
  (cms.infra.counter_buffer); 0: each request sends its own at once.
"""

from typing import Any

from django.conf import settings

MIB = 1024 * 1024
TWO_FACTOR_DEFAULTS: dict[str, Any] = {
    "REQUIRED_FOR": "nobody",
    "BACKUP_CODES": 10,
}
# SAMVERKAN_MAX_REQUEST_BYTES when it is None (see above).
UNLIMITED_UPLOAD_BYTES = 20 * MIB
FORM_ROOM_BYTES = 1 * MIB

DEFAULTS: dict[str, Any] = {
    "SAMVERKAN_TWO_FACTOR": {},
    "SAMVERKAN_MAX_REQUEST_BYTES": None,
    "SAMVERKAN_TRUSTED_PROXY_COUNT": 0,
    "SAMVERKAN_CSP_EXTRA": "",
    "SAMVERKAN_CENTRAL_ASSIGNABLE_GROUPS": (),
    "SAMVERKAN_DOCS_DIR": None,
    "SAMVERKAN_COUNTS_SEND_SECONDS": 1.0,
}


def cms_setting(name: str) -> Any:
    """The setting `name` (one of DEFAULTS), or its default."""
    return getattr(settings, name, DEFAULTS[name])


def two_factor_setting(key: str) -> Any:
    return {**TWO_FACTOR_DEFAULTS, **(cms_setting("SAMVERKAN_TWO_FACTOR") or {})}[key]


def max_request_bytes() -> int:
    configured = cms_setting("SAMVERKAN_MAX_REQUEST_BYTES")
    if configured is not None:
        return int(configured)
    # Wagtail's own defaults: documents unlimited, images 10 MB.
    largest_file = max(
        getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)
        or UNLIMITED_UPLOAD_BYTES,
        getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * MIB)
        or UNLIMITED_UPLOAD_BYTES,
    )
    return largest_file + FORM_ROOM_BYTES
