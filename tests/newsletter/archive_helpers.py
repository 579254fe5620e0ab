"""Helpers of the newsletter tests that look at what went out."""

from django.utils import timezone

from newsletter.models import NewsletterIssue
from newsletter.services.sending import issue_start_sending


def issue_started(issue: NewsletterIssue) -> NewsletterIssue:
    """The issue scheduled for now and started as the beat task starts it:
    its rendering frozen, so the web archive shows it."""
    NewsletterIssue.objects.filter(pk=issue.pk).update(
        status=NewsletterIssue.Status.SCHEDULED, scheduled_at=timezone.now()
    )
    assert issue_start_sending(issue_id=issue.pk)
    issue.refresh_from_db()
    return issue
