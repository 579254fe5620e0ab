"""The page a locked-out admin login gets (django-axes)."""

from axes.helpers import get_cool_off

from django.shortcuts import render


def lockout_response(request, credentials, *args, **kwargs):
    # AXES_COOLOFF_TIME as a timedelta, hours or a callable (axes' forms);
    # None (axes' default: locked until reset) is reported by cms/checks.py.
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else 0
    return render(
        request,
        "samverkan_cms/login_locked.html",
        {"cooloff_minutes": minutes},
        status=429,
    )
