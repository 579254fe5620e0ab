"""An import of interventions started in the admin (cms.importing.services):
the uploaded file until it is imported, the state of the run, and its rows
for the preview and the report."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRunStatus(models.TextChoices):
    WAITING_CHECK = "waiting_check", _("Waiting to be checked")
    CHECKING = "checking", _("Checking")
    CHECKED = "checked", _("Checked")
    WAITING_SAVE = "waiting_save", _("Waiting to be imported")
    SAVING = "saving", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class ImportRowAction(models.TextChoices):
    NEW = "new", _("New")
    UPDATE = "update", _("Updated")
    UNCHANGED = "unchanged", _("Unchanged")
    ERROR = "error", _("Error")
    HEADER = "header", _("Header row")


class ImportRun(models.Model):
    # Statuses in which a worker has (or should have) the run in hand.
    WAITING = (ImportRunStatus.WAITING_CHECK, ImportRunStatus.WAITING_SAVE)
    WORKING = (ImportRunStatus.CHECKING, ImportRunStatus.SAVING)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file_name = models.CharField(_("file"), max_length=255)
    # The uploaded file (at most cms.importing.files.MAX_FILE_BYTES), kept in
    # the database so that a worker on another machine reads it; emptied
    # when the run is done or given up (cms.importing.services).
    content = models.BinaryField(null=True, editable=False)
    has_file = models.BooleanField(default=True)  # content is kept
    size = models.PositiveIntegerField(_("size"), default=0)
    language = models.CharField(max_length=10, default="sv")
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ImportRunStatus.choices,
        default=ImportRunStatus.WAITING_CHECK,
    )
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    # When the current step was queued, taken by a worker, ended.
    queued_at = models.DateTimeField(null=True)
    started_at = models.DateTimeField(null=True)
    finished_at = models.DateTimeField(null=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    errors = models.PositiveIntegerField(_("errors"), default=0)
    warnings = models.PositiveIntegerField(_("warnings"), default=0)
    created = models.PositiveIntegerField(_("new"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return self.file_name

    @property
    def is_in_progress(self) -> bool:
        return self.status in (*self.WAITING, *self.WORKING)

    @property
    def may_confirm(self) -> bool:
        return (
            self.status == ImportRunStatus.CHECKED and not self.errors and self.has_file
        )

    @property
    def may_retry(self) -> bool:
        return self.status == ImportRunStatus.FAILED and self.has_file


class ImportRunRow(models.Model):
    """A row of the file as the last step of the run saw it."""

    run = models.ForeignKey(
        ImportRun, on_delete=models.CASCADE, related_name="file_rows"
    )
    number = models.PositiveIntegerField(_("row"))  # the header is row 1
    external_id = models.CharField(_("external id"), max_length=100, blank=True)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    title = models.CharField(_("title"), max_length=255, blank=True)
    action = models.CharField(
        _("action"), max_length=10, choices=ImportRowAction.choices
    )
    # [{"column": ..., "message": ..., "error": bool}, ...]
    issues = models.JSONField(default=list)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("import row")
        verbose_name_plural = _("import rows")
        ordering = ["run", "number"]
        indexes = [models.Index(fields=["run", "action", "number"])]

    def __str__(self):
        return f"{self.run_id}:{self.number}"
