"""Admin views: the issue's sending page (fill, test send, schedule, send
now with the recipient count, pause/resume/cancel, progress and per-recipient
status) and subscriber import/export for central admins."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from cms.infra.csv_export import csv_response, csv_variant
from cms.scoping.selectors import regions_administered_by
from newsletter.forms import ImportForm, ScheduleForm, TestSendForm
from newsletter.models import Delivery, NewsletterIssue, Subscriber
from newsletter.scoping import (
    newsletter_regions_administered_by,
    newsletter_scoped,
)
from newsletter.selectors import issue_deliveries, issue_progress, issue_recipients
from newsletter.services import issues as service
from newsletter.services.subscribers import (
    subscribers_export_rows,
    subscribers_import_csv,
)

PERMISSION = "samverkan_newsletter.change_newsletterissue"


def _issue_for(request, pk) -> NewsletterIssue:
    """The issue, if the user may send issues and it is of their region."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    issue = get_object_or_404(NewsletterIssue, pk=pk)
    if not newsletter_scoped(
        NewsletterIssue.objects.filter(pk=issue.pk), user=request.user
    ).exists():
        raise PermissionDenied
    return issue


def user_is_central_admin(user) -> bool:
    return user.is_superuser or regions_administered_by(user=user).exists()


def _sending_url(issue) -> str:
    return reverse("samverkan_newsletter_sending", args=[issue.pk])


def issue_sending(request, pk):
    issue = _issue_for(request, pk)
    status_filter = request.GET.get("status", "")
    deliveries = Paginator(
        issue_deliveries(issue=issue, status=status_filter), 100
    ).get_page(request.GET.get("p"))
    confirm_now = request.GET.get("confirm") == "now"
    progress = issue_progress(issue=issue)
    return render(
        request,
        "samverkan_newsletter/admin/sending.html",
        {
            "issue": issue,
            "header_title": issue.subject,
            "recipient_count": issue_recipients(issue=issue).count(),
            "progress": progress,
            "deliveries": deliveries,
            "status_filter": status_filter,
            "statuses": [
                (value, label, progress["counts"][value])
                for value, label in Delivery.Status.choices
            ],
            "test_form": TestSendForm(
                initial={"emails": request.user.email} if request.user.email else None
            ),
            "schedule_form": ScheduleForm(
                initial={"scheduled_at": timezone.localtime(issue.scheduled_at)}
                if issue.scheduled_at
                else None
            ),
            "confirm_now": confirm_now,
            "edit_url": reverse(
                "wagtailsnippets_samverkan_newsletter_newsletterissue:edit",
                args=[issue.pk],
            ),
            "live": issue.status
            in (NewsletterIssue.Status.SENDING, NewsletterIssue.Status.PAUSED),
        },
    )


@require_POST
def issue_fill(request, pk):
    issue = _issue_for(request, pk)
    try:
        counts = service.issue_fill_from_recent(issue=issue)
    except service.IssueStateError as error:
        messages.error(request, str(error))
        return redirect(_sending_url(issue))
    messages.success(
        request,
        _(
            # Counts as "label: n", so that no count meets a noun.
            "Filled from this month: news %(news)d, meetings %(meetings)d, new "
            "interventions %(new_interventions)d, updated interventions "
            "%(updated_interventions)d. Edit the text as you like."
        )
        % counts,
    )
    return redirect(
        reverse(
            "wagtailsnippets_samverkan_newsletter_newsletterissue:edit",
            args=[issue.pk],
        )
    )


@require_POST
def issue_test_send(request, pk):
    issue = _issue_for(request, pk)
    form = TestSendForm(request.POST)
    if form.is_valid():
        sent = service.issue_send_test(issue=issue, emails=form.cleaned_data["emails"])
        messages.success(
            request,
            ngettext(
                "Test sent to %(count)d address.",
                "Test sent to %(count)d addresses.",
                sent,
            )
            % {"count": sent},
        )
    else:
        messages.error(request, "; ".join(form.errors.get("emails", [])))
    return redirect(_sending_url(issue))


@require_POST
def issue_schedule(request, pk):
    issue = _issue_for(request, pk)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(form.errors.get("scheduled_at", [])))
        return redirect(_sending_url(issue))
    try:
        service.issue_schedule(issue=issue, at=form.cleaned_data["scheduled_at"])
    except service.IssueStateError as error:
        messages.error(request, str(error))
    else:
        count = issue_recipients(issue=issue).count()
        messages.success(
            request,
            ngettext(
                "Scheduled for %(when)s, to %(count)d subscriber as of now.",
                "Scheduled for %(when)s, to %(count)d subscribers as of now.",
                count,
            )
            % {
                "when": timezone.localtime(issue.scheduled_at).strftime(
                    "%Y-%m-%d %H:%M"
                ),
                "count": count,
            },
        )
    return redirect(_sending_url(issue))


@require_POST
def issue_action(request, pk, action):
    issue = _issue_for(request, pk)
    actions = {
        "send-now": service.issue_send_now,
        "unschedule": service.issue_unschedule,
        "pause": service.issue_pause,
        "resume": service.issue_resume,
        "cancel": service.issue_cancel,
        "resend-uncertain": service.issue_resend_uncertain,
    }
    if action not in actions:
        raise PermissionDenied
    try:
        actions[action](issue=issue)
    except service.IssueStateError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Done."))
    return redirect(_sending_url(issue))


def subscribers_import(request):
    if not user_is_central_admin(request.user):
        raise PermissionDenied
    report = None
    regions = newsletter_regions_administered_by(user=request.user)
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, regions=regions)
        if form.is_valid():
            content = form.cleaned_data["file"].read().decode("utf-8", "replace")
            report = subscribers_import_csv(
                region=form.cleaned_data["region"],
                content=content,
                consent_detail=form.cleaned_data["consent_detail"],
                default_audiences=list(form.cleaned_data["audiences"]),
            )
            if not report.errors:
                messages.success(
                    request,
                    _("Imported: %(created)d new, %(updated)d updated.")
                    % {"created": report.created, "updated": report.updated},
                )
    else:
        form = ImportForm(regions=regions)
    return render(
        request,
        "samverkan_newsletter/admin/import.html",
        {
            "form": form,
            "report": report,
            "regions": regions,
            "header_title": _("Import subscribers"),
        },
    )


def subscribers_export(request):
    """The subscribers of one region the user administers centrally
    (`?region=<id>`, else their first); a superuser who names no region
    exports every region's."""
    regions = newsletter_regions_administered_by(user=request.user)
    if not user_is_central_admin(request.user) or not regions:
        raise PermissionDenied
    asked = request.GET.get("region", "")
    region = next((r for r in regions if str(r.pk) == asked), None)
    if region is None and not (request.user.is_superuser and not asked):
        region = regions[0]
    subscribers = Subscriber.objects.order_by("email", "pk")
    filename = "subscribers.csv"
    if region is not None:
        subscribers = subscribers.filter(region=region)
        filename = f"subscribers-{region.slug}.csv"
    return csv_response(
        subscribers_export_rows(subscribers=subscribers),
        filename=filename,
        variant=csv_variant(request),
    )
