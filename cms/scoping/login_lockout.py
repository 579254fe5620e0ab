"""The page a locked-out admin login gets (django-axes)."""

from django.conf import settings
from django.shortcuts import render


def lockout_response(request, credentials, *args, **kwargs):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "samverkan_cms/login_locked.html",
        {"cooloff_minutes": minutes},
        status=429,
    )
