"""Settings of personal data handling: `SAMVERKAN_PERSONAL_DATA` in the
Django settings, read when needed (never at import time), over these
defaults."""

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Days a suggester's name and e-mail are kept after the suggestion came
    # in; a daily task (beat) deletes older ones. The draft stays.
    "SUGGESTER_RETENTION_DAYS": 365,
}


def personal_data_setting(name: str) -> Any:
    return {**DEFAULTS, **getattr(settings, "SAMVERKAN_PERSONAL_DATA", {})}[name]
