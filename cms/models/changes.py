"""The change log behind the changes feed (/api/v1/changes/) and the sync
outbox: one row for every create, update, unpublish and delete of an object
the public may see, written in the transaction that made the change."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeObjectType(models.TextChoices):
    INTERVENTION = "intervention", _("intervention")
    ORGANISATION = "organisation", _("organisation")
    NEWS = "news", _("news")
    EVENT = "event", _("event")


class ChangeAction(models.TextChoices):
    CREATED = "created", _("created")
    UPDATED = "updated", _("updated")
    UNPUBLISHED = "unpublished", _("unpublished")
    DELETED = "deleted", _("deleted")


TOMBSTONES = (ChangeAction.UNPUBLISHED, ChangeAction.DELETED)


class ContentChange(models.Model):
    """One object is one translation key: the change of a translation names
    the object's stable id (its Swedish source's) and its own `locale`; the
    version counts the object's changes in every language.

    Rows are numbered in commit order (writers serialise on a lock held
    until commit), so a reader that resumes after the last id it saw never
    misses a row that commits later with a smaller id."""

    event_id = models.UUIDField(
        _("event id"), default=uuid.uuid4, unique=True, editable=False
    )
    object_type = models.CharField(
        _("object type"), max_length=20, choices=ChangeObjectType.choices
    )
    object_id = models.UUIDField(_("stable id of the object"))
    locale = models.CharField(
        _("language"),
        max_length=16,
        default="",
        help_text=_("The language of the page that changed, e.g. sv or ar."),
    )
    page_id = models.PositiveIntegerField(
        _("page id"), help_text=_("The page at the time of the change; not a key.")
    )
    region_id = models.PositiveIntegerField(
        _("region id"),
        null=True,
        blank=True,
        help_text=_("The page's region at the time of the change; not a key."),
    )
    action = models.CharField(_("action"), max_length=20, choices=ChangeAction.choices)
    version = models.PositiveIntegerField(_("version"))
    modified_at = models.DateTimeField(_("modified at"))
    payload_hash = models.CharField(_("payload hash"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("content change")
        verbose_name_plural = _("content changes")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["object_id", "version"], name="unique_change_version"
            )
        ]
        indexes = [
            models.Index(fields=["page_id", "-id"], name="change_page_latest"),
            models.Index(fields=["object_id", "-id"], name="change_object_latest"),
            models.Index(fields=["region_id", "id"], name="change_region_order"),
        ]

    def __str__(self):
        return f"{self.object_type} {self.object_id} v{self.version} {self.action}"

    @property
    def is_tombstone(self) -> bool:
        return self.action in TOMBSTONES
