"""The newsletter's demo data: invented subscribers in both audiences and
one issue that really goes out (the archive shows it), once."""

import io

from django.core.management import call_command

from newsletter.models import Delivery, NewsletterIssue, Subscriber
from newsletter.selectors import issue_recipients, issues_archived


def test_subscribers_and_one_sent_issue_once(
    region, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "seed_newsletter_demo", "--subscribers", "40", stdout=io.StringIO()
        )

    confirmed = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED)
    assert confirmed.count() == 40
    assert {a.slug for s in confirmed for a in s.audiences.all()} == {
        "internal-partners",
        "external-partners",
    }
    assert all(s.email.endswith(".example.se") for s in confirmed)
    issue = NewsletterIssue.objects.get()
    assert issue.status == NewsletterIssue.Status.SENT
    assert list(issues_archived(region=issue.region)) == [issue]
    assert issue_recipients(issue=issue).count() == 40
    assert (
        Delivery.objects.filter(issue=issue, status=Delivery.Status.SENT).count() == 40
    )

    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "seed_newsletter_demo", "--subscribers", "40", stdout=io.StringIO()
        )
    assert Subscriber.objects.count() == 40
    assert NewsletterIssue.objects.count() == 1
