"""Who must use two-factor login, and who may reset whose.

SAMVERKAN_TWO_FACTOR["REQUIRED_FOR"] (read on each call, never at import):
"nobody", "central_admins" (superusers and members of a region's central
administrators group) or "everyone".
"""

from django.core.exceptions import ImproperlyConfigured

from cms.conf import two_factor_setting

REQUIRED_FOR_CHOICES = ("nobody", "central_admins", "everyone")


def required_for_setting() -> str:
    value = two_factor_setting("REQUIRED_FOR")
    if value not in REQUIRED_FOR_CHOICES:
        raise ImproperlyConfigured(
            f"SAMVERKAN_TWO_FACTOR['REQUIRED_FOR'] must be one of "
            f"{', '.join(REQUIRED_FOR_CHOICES)}, not {value!r}."
        )
    return value


def backup_code_count() -> int:
    return int(two_factor_setting("BACKUP_CODES"))


def user_is_central_admin(user) -> bool:
    """A superuser, or a member of some region's central administrators."""
    from cms.models import RegionPage

    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return RegionPage.objects.filter(central_group__user=user).exists()


def two_factor_required_for(user) -> bool:
    required_for = required_for_setting()
    if required_for == "everyone":
        return True
    if required_for == "central_admins":
        return user_is_central_admin(user)
    return False


def user_can_reset_two_factor(*, admin, target) -> bool:
    """Anyone whose account the admin may manage (cms.scoping.users: every
    user for a superuser, the users of their own region for a central
    administrator, nobody for an editor), except themselves."""
    from cms.scoping.users import users_manageable_by

    if admin.pk == target.pk or not admin.is_active:
        return False
    return users_manageable_by(admin).filter(pk=target.pk).exists()
