"""Target state: saving (with the SSRF check), health, disabling."""

import logging

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from sync.conf import conf
from sync.models import Target
from sync.urlsafety import url_check

logger = logging.getLogger(__name__)


def target_save(*, target: Target, secret: str | None = None) -> Target:
    """Check the URL (raises UnsafeUrl) and save; a new `secret` replaces
    the stored one (None keeps it)."""
    url_check(target.url)
    if secret is not None:
        target.secret = secret
    if target.enabled:
        target.disabled_reason = ""
        target.disabled_at = None
    target.save()
    return target


def target_record_health(*, target: Target, ok: bool) -> None:
    """A success clears the failing clock; a failure starts it, and a target
    failing for longer than AUTO_DISABLE_AFTER is disabled."""
    now = timezone.now()
    if ok:
        if target.failing_since is not None:
            Target.objects.filter(pk=target.pk).update(failing_since=None)
            target.failing_since = None
        return
    if target.failing_since is None:
        Target.objects.filter(pk=target.pk, failing_since__isnull=True).update(
            failing_since=now
        )
        target.refresh_from_db(fields=["failing_since"])
    elapsed = (now - target.failing_since).total_seconds()
    if elapsed >= conf("AUTO_DISABLE_AFTER"):
        target_disable(
            target=target,
            reason=_("No successful delivery for %(days).1f days.")
            % {"days": elapsed / 86400},
        )


def target_disable(*, target: Target, reason: str) -> bool:
    """Disable the target and e-mail its region's central administrators
    (once: returns False when it was disabled already)."""
    with transaction.atomic():
        updated = Target.objects.filter(pk=target.pk, enabled=True).update(
            enabled=False, disabled_reason=reason[:300], disabled_at=timezone.now()
        )
    target.refresh_from_db()
    if not updated:
        return False
    logger.warning("sync target %s disabled: %s", target.pk, reason)
    recipients = central_admin_emails(target=target)
    if recipients:
        context = {"target": target, "reason": reason}
        send_mail(
            subject=_("Partner target “%(name)s” has been disabled")
            % {"name": target.name},
            message=render_to_string(
                "samverkan_sync/target_disabled_email.txt", context
            ),
            from_email=None,
            recipient_list=recipients,
        )
    return True


def central_admin_emails(*, target: Target) -> list[str]:
    from django.contrib.auth import get_user_model

    group = target.region.central_group
    if group is None:
        return []
    return sorted(
        get_user_model()
        .objects.filter(groups=group, is_active=True)
        .exclude(Q(email="") | Q(email__isnull=True))
        .values_list("email", flat=True)
        .distinct()
    )


def targets_credentials_reencrypt() -> tuple[int, list[str]]:
    """Every target's credentials encrypted again with the newest key:
    (how many, names of targets no key decrypts)."""
    from sync.crypto import secret_reencrypt

    done, failed = 0, []
    for target in Target.objects.exclude(credentials_encrypted=""):
        try:
            token = secret_reencrypt(target.credentials_encrypted)
        except ValueError:
            failed.append(target.name)
            continue
        Target.objects.filter(pk=target.pk).update(credentials_encrypted=token)
        done += 1
    return done, failed
