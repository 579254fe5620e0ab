from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.content.dates import add_months
from cms.content.forms import RegionChoicesPageForm
from cms.content.previews import HeadlessPreviewMixin
from cms.models.regions import FrontEndUrlMixin
from cms.scoping.visibility import VisibilityPageManager

TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class Funder(models.TextChoices):
    STATE_GRANT = "state_grant", _("State grant")
    EU_FUND = "eu_fund", _("EU fund")
    OWN = "own", _("Own funding")


class DeadlineKind(models.TextChoices):
    INTERIM_REPORT = "interim_report", _("Interim report")
    FINAL_REPORT = "final_report", _("Final report")
    OTHER = "other", _("Other")


class ProjectPage(FrontEndUrlMixin, HeadlessPreviewMixin, Page):
    """A joint project, usually grant-funded, under its owner organisation.
    The grant rules set reporting deadlines, derived from the decision date
    and the project period (see project_deadlines_derive below)."""

    # .public() reads the restricted sections from the cache (cms.scoping.visibility).
    objects = VisibilityPageManager()

    description = RichTextField(_("description"), features=TEXT_FEATURES, blank=True)
    partners = ParentalManyToManyField(
        "samverkan_cms.OrganisationPage",
        verbose_name=_("partners"),
        blank=True,
        related_name="partner_in_projects",
    )
    funder = models.CharField(
        _("funder"), max_length=20, choices=Funder.choices, default=Funder.STATE_GRANT
    )
    funder_name = models.CharField(
        _("grant or fund"),
        max_length=200,
        blank=True,
        help_text=_("For example: the county board's §37a grant, ESF+."),
    )
    amount_applied = models.PositiveBigIntegerField(
        _("amount applied for (SEK)"), null=True, blank=True
    )
    amount_granted = models.PositiveBigIntegerField(
        _("amount granted (SEK)"), null=True, blank=True
    )
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    period_start = models.DateField(_("project period starts"), null=True, blank=True)
    period_end = models.DateField(_("project period ends"), null=True, blank=True)

    base_form_class = RegionChoicesPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        FieldPanel("partners"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("funder"), FieldPanel("funder_name")]),
                FieldRowPanel(
                    [FieldPanel("amount_applied"), FieldPanel("amount_granted")]
                ),
                FieldPanel("decision_date"),
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
            ],
            heading=_("Grant"),
        ),
        InlinePanel(
            "deadlines",
            heading=_("Reporting deadlines"),
            label=_("Deadline"),
            help_text=_(
                "The interim report (six months after the decision) and the final "
                "report (two months after the period ends) are filled in when you "
                "save. Change their dates if the decision says otherwise."
            ),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.FilterField("funder"),
    ]

    parent_page_types = ["samverkan_cms.OrganisationPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def clean(self):
        super().clean()
        if (
            self.period_start
            and self.period_end
            and self.period_end < self.period_start
        ):
            raise ValidationError(
                {"period_end": _("The project period cannot end before it starts.")}
            )

    def full_clean(self, *args, **kwargs):
        # Runs on every save and revision, so the derived deadlines follow
        # the decision date and the period.
        project_deadlines_derive(project=self)
        super().full_clean(*args, **kwargs)

    @property
    def owner_organisation(self):
        return self.get_parent().specific


class ReportingDeadline(Orderable):
    """A report owed to the funder. The interim and final reports are derived
    from the grant rules until an editor changes their date."""

    project = ParentalKey(
        ProjectPage,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="deadlines",
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=DeadlineKind.choices,
        default=DeadlineKind.OTHER,
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    due_on = models.DateField(_("due"))
    responsible = models.ForeignKey(
        "samverkan_cms.Person",
        verbose_name=_("responsible person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reporting_deadlines",
    )
    done_on = models.DateField(_("done"), null=True, blank=True)
    # The date the grant rules gave; while due_on equals it, the deadline
    # follows changes to the decision date or the period.
    derived_due_on = models.DateField(null=True, blank=True, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("due_on")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("responsible"), FieldPanel("done_on")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("reporting deadline")
        verbose_name_plural = _("reporting deadlines")

    def __str__(self):
        return f"{self.get_kind_display()} {self.due_on}"

    @property
    def follows_rules(self) -> bool:
        return self.derived_due_on is not None and self.due_on == self.derived_due_on


class DeadlineReminder(models.Model):
    """One reminder about a reporting deadline, recorded before it is sent
    (cms.deadlines). The unique step per deadline and due date stops a
    second run from sending it again; `sent_at` is empty while it is in
    flight, and the next run sends it then."""

    OVERDUE = "overdue"

    deadline = models.ForeignKey(
        ReportingDeadline,
        verbose_name=_("reporting deadline"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    due_on = models.DateField(_("due"))
    # "30", "7", "1" (days before the due date) or "overdue".
    step = models.CharField(_("step"), max_length=20)
    recipients = models.TextField(_("recipients"), blank=True)
    escalated_to = models.TextField(_("escalated to"), blank=True)
    created_at = models.DateTimeField(_("created"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "due_on", "step"],
                name="deadline_reminder_once",
            )
        ]

    def __str__(self):
        return f"{self.deadline_id} {self.due_on} {self.step}"


class DeadlineFeedToken(models.Model):
    """A central administrator's private link to the deadlines calendar
    (cms.deadlines.feed). Only the SHA-256 of the token is stored: the link
    is shown once, when it is made; making a new one or revoking it ends the
    old one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="deadline_feed_token",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("deadline calendar link")
        verbose_name_plural = _("deadline calendar links")

    def __str__(self):
        return str(self.user)


# Grant rules: the interim report is due six months after the decision, the
# final report two months after the project period ends.
INTERIM_REPORT_MONTHS = 6
FINAL_REPORT_MONTHS = 2


def project_deadlines_rules(*, project) -> dict:
    """The deadlines the grant rules give the project, by kind (None when
    the date they derive from is not set)."""
    return {
        DeadlineKind.INTERIM_REPORT: project.decision_date
        and add_months(project.decision_date, INTERIM_REPORT_MONTHS),
        DeadlineKind.FINAL_REPORT: project.period_end
        and add_months(project.period_end, FINAL_REPORT_MONTHS),
    }


def project_deadlines_derive(*, project) -> None:
    """Create or update the interim and final report deadlines from the grant
    rules, in memory (they are saved with the page or its revision). A
    deadline whose date an editor changed, or one that is done, is left
    alone; more deadlines can be added by hand."""
    deadlines = list(project.deadlines.all())
    changed = False
    for kind, rule_date in project_deadlines_rules(project=project).items():
        existing = next((d for d in deadlines if d.kind == kind), None)
        if existing is None:
            if rule_date is not None:
                deadlines.append(
                    ReportingDeadline(
                        kind=kind,
                        due_on=rule_date,
                        derived_due_on=rule_date,
                        sort_order=len(deadlines),
                    )
                )
                changed = True
            continue
        if not existing.follows_rules or existing.done_on is not None:
            continue
        if rule_date is None:
            deadlines.remove(existing)
            changed = True
        elif existing.due_on != rule_date:
            existing.due_on = existing.derived_due_on = rule_date
            changed = True
    if changed:
        project.deadlines = deadlines
