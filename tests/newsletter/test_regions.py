"""The newsletter per region, with two regions: audiences, subscribers and
issues belong to a region; a communicator of region A never sees region
B's audiences, subscribers or issues (listings, search, forms, choosers,
the sending page and its delivery log, import and export); "fill from the
month" takes region A's content only; an issue goes to its region's
subscribers only; a central administrator exports their own region's
subscribers; the public pages (subscribe, preferences, archive, its RSS)
are the region's, and the same address may subscribe in both regions."""

import datetime
import re

import pytest

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Site

from newsletter.models import Audience, Delivery, Subscriber
from newsletter.rendering import issue_render
from newsletter.selectors import issue_recipients
from newsletter.services import issues as issue_service
from newsletter.services import sending
from newsletter.services.issues import issue_fill_from_recent
from newsletter.services.reminders import communicators_remind
from newsletter.services.subscribers import subscriber_record_bounce
from tests.factories import UserFactory, central_admin_of, region_with_content
from tests.newsletter.archive_helpers import issue_started
from tests.newsletter.factories import IssueFactory, SubscriberFactory, communicator

pytestmark = pytest.mark.django_db

SNIPPETS = "wagtailsnippets_samverkan_newsletter_"


@pytest.fixture
def two():
    a = region_with_content(slug="sodertorn", title="Södertörn", marker="Alfa")
    b = region_with_content(slug="norrort", title="Norrort", marker="Beta")
    for content in (a, b):
        content["audience"] = Audience.objects.get(
            region=content["region"], slug="internal-partners"
        )
    a["reader"] = SubscriberFactory(
        region=a["region"], email="alfa.lasare@example.org", audiences=[a["audience"]]
    )
    b["reader"] = SubscriberFactory(
        region=b["region"], email="beta.lasare@example.org", audiences=[b["audience"]]
    )
    # One address reads both regions' newsletters: two subscribers.
    for content in (a, b):
        content["both"] = SubscriberFactory(
            region=content["region"],
            email="bada@example.org",
            audiences=[content["audience"]],
        )
    a["issue"] = IssueFactory(
        region=a["region"], subject="Alfa brev", audiences=[a["audience"]]
    )
    b["issue"] = IssueFactory(
        region=b["region"], subject="Beta brev", audiences=[b["audience"]]
    )
    return a, b


def _site_of(region, hostname):
    Site.objects.update_or_create(
        hostname=hostname,
        port=80,
        defaults={"root_page": region, "is_default_site": hostname == "testserver"},
    )


def _refused(response) -> bool:
    """Not found, forbidden, or Wagtail's answer to a denied admin view (back
    to the dashboard with "Sorry, you do not have permission")."""
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def _issue_form(*, region, subject, audience) -> dict:
    """The issue admin form's fields, translations inline empty."""
    return {
        "region": region.pk,
        "subject": subject,
        "audiences": [audience.pk],
        "language": "",
        "body-count": "0",
        **{
            f"translations-{name}": value
            for name, value in (
                ("TOTAL_FORMS", "0"),
                ("INITIAL_FORMS", "0"),
                ("MIN_NUM_FORMS", "0"),
                ("MAX_NUM_FORMS", "1000"),
            )
        },
    }


def test_every_region_gets_its_own_default_audiences(two):
    a, b = two
    for content in (a, b):
        assert set(
            Audience.objects.filter(region=content["region"]).values_list(
                "slug", flat=True
            )
        ) == {"internal-partners", "external-partners"}


def test_a_communicator_sees_only_their_regions_newsletter(client, two):
    a, b = two
    client.force_login(communicator(region=a["region"], username="kommunikator.a"))
    subscribers = reverse(f"{SNIPPETS}subscriber:list")
    issues = reverse(f"{SNIPPETS}newsletterissue:list")
    audiences = reverse(f"{SNIPPETS}audience:list")

    listing = client.get(subscribers).content.decode()
    assert "alfa.lasare@example.org" in listing
    assert "beta.lasare@example.org" not in listing
    # Region A's one subscriber of the address, as often as any other.
    assert listing.count("bada@example.org") == listing.count("alfa.lasare@")
    issue_listing = client.get(issues).content.decode()
    assert "Alfa brev" in issue_listing and "Beta brev" not in issue_listing
    audience_listing = client.get(audiences).content.decode()
    assert f"/audience/edit/{a['audience'].pk}/" in audience_listing
    assert f"/audience/edit/{b['audience'].pk}/" not in audience_listing
    search = client.get(subscribers, {"q": "beta"}).content.decode()
    assert "beta.lasare@example.org" not in search
    # The audience chooser offers region A's audiences only.
    chooser = client.get(
        reverse("wagtailsnippetchoosers_samverkan_newsletter_audience:choose")
    ).content.decode()
    assert a["audience"].name in chooser
    assert f'data-chooser-modal-choice="{b["audience"].pk}"' not in chooser
    assert f"/chosen/{b['audience'].pk}/" not in chooser

    # Region B's objects by URL: refused, whatever the view.
    for name, pk in (
        (f"{SNIPPETS}newsletterissue:edit", b["issue"].pk),
        (f"{SNIPPETS}newsletterissue:delete", b["issue"].pk),
        (f"{SNIPPETS}newsletterissue:history", b["issue"].pk),
        (f"{SNIPPETS}subscriber:edit", b["reader"].pk),
        (f"{SNIPPETS}subscriber:delete", b["reader"].pk),
        (f"{SNIPPETS}audience:edit", b["audience"].pk),
        (
            "wagtailsnippetchoosers_samverkan_newsletter_audience:chosen",
            b["audience"].pk,
        ),
        ("samverkan_newsletter_sending", b["issue"].pk),
    ):
        assert _refused(client.get(reverse(name, args=[pk]))), name
    for name, args in (
        ("samverkan_newsletter_fill", [b["issue"].pk]),
        ("samverkan_newsletter_action", [b["issue"].pk, "send-now"]),
        ("samverkan_newsletter_test", [b["issue"].pk]),
    ):
        assert _refused(client.post(reverse(name, args=args))), name
    assert b["issue"].deliveries.count() == 0
    # Subscribers are the central administrators' to import and export.
    assert _refused(client.get(reverse("samverkan_newsletter_export")))
    assert _refused(client.get(reverse("samverkan_newsletter_import")))

    # The issue form offers region A and its audiences only; region B's
    # audience smuggled into a POST is refused.
    form = client.get(reverse(f"{SNIPPETS}newsletterissue:add")).content.decode()
    assert f'value="{a["audience"].pk}"' in form
    assert f'value="{b["audience"].pk}"' not in form
    assert "Norrort" not in form
    client.post(
        reverse(f"{SNIPPETS}newsletterissue:add"),
        _issue_form(region=a["region"], subject="Smugglat", audience=b["audience"]),
    )
    assert not b["audience"].issues.filter(subject="Smugglat").exists()


def test_a_communicator_writes_an_issue_of_their_region(client, two):
    """The whole add form (translations inline included) saves for the
    communicator's own region."""
    a, b = two
    client.force_login(communicator(region=a["region"], username="kommunikator.a"))
    response = client.post(
        reverse(f"{SNIPPETS}newsletterissue:add"),
        _issue_form(region=a["region"], subject="Egen", audience=a["audience"]),
    )
    assert response.status_code == 302
    issue = a["audience"].issues.get(subject="Egen")
    assert issue.region == a["region"]
    # Moving a subscriber of A into region B is no choice either.
    client.post(
        reverse(f"{SNIPPETS}subscriber:edit", args=[a["reader"].pk]),
        {"region": b["region"].pk, "email": a["reader"].email, "status": "confirmed"},
    )
    a["reader"].refresh_from_db()
    assert a["reader"].region == a["region"]


def test_the_delivery_log_and_sending_are_the_regions(
    client, two, smtp_sink, django_capture_on_commit_callbacks
):
    a, b = two
    issue = a["issue"]
    assert set(issue_recipients(issue=issue)) == {a["reader"], a["both"]}
    with django_capture_on_commit_callbacks(execute=True):
        issue_service.issue_schedule(
            issue=issue, at=timezone.now() + datetime.timedelta(minutes=5)
        )
        sending.issue_tick(now=timezone.now() + datetime.timedelta(minutes=10))
    smtp_sink.wait_for(2)
    assert sorted(r for _f, rcpts in smtp_sink.envelopes for r in rcpts) == [
        "alfa.lasare@example.org",
        "bada@example.org",
    ]
    assert set(Delivery.objects.values_list("subscriber__region", flat=True)) == {
        a["region"].pk
    }
    client.force_login(communicator(region=a["region"], username="kommunikator.a"))
    log = client.get(
        reverse("samverkan_newsletter_sending", args=[issue.pk])
    ).content.decode()
    assert "alfa.lasare@example.org" in log
    assert "beta.lasare@example.org" not in log


def test_fill_from_the_month_takes_the_regions_own_content(two):
    a, b = two
    counts = issue_fill_from_recent(issue=a["issue"])
    assert counts["news"] == 1 and counts["meetings"] == 1
    chosen = {
        page_id
        for block in a["issue"].body.raw_data
        if isinstance(block["value"], dict)
        for page_id in block["value"].get("pages", [])
    }
    assert chosen == {a["news"].pk, a["meeting"].pk, a["intervention"].pk}


def test_a_central_administrator_exports_their_regions_subscribers(client, two):
    a, b = two
    client.force_login(central_admin_of(a["region"], username="strateg.a"))
    export = reverse("samverkan_newsletter_export")
    own = client.get(export)
    asked_for_b = client.get(export, {"region": b["region"].pk, "csv": "excel-sv"})
    assert 'filename="subscribers-sodertorn.csv"' in own["Content-Disposition"]
    for text in (own.content.decode(), asked_for_b.content.decode("utf-8-sig")):
        assert "alfa.lasare@example.org" in text
        assert "beta.lasare@example.org" not in text
        assert text.count("bada@example.org") == 1
    page = client.get(reverse("samverkan_newsletter_import")).content.decode()
    assert "Norrort" not in page
    assert f'value="{b["audience"].pk}"' not in page

    # A superuser exports one region, or every region with its column.
    client.force_login(UserFactory(username="root", is_superuser=True))
    import_page = client.get(reverse("samverkan_newsletter_import")).content.decode()
    assert "Exportera alla regioners prenumeranter (CSV)" in import_page
    assert f"{export}?region={b['region'].pk}" in import_page
    every = client.get(export).content.decode()
    assert every.count("bada@example.org") == 2
    assert "norrort" in every and "sodertorn" in every
    only_b = client.get(export, {"region": b["region"].pk}).content.decode()
    assert "alfa.lasare" not in only_b and "beta.lasare" in only_b
    # Their issue form: a choice of the regions (no page chooser) and each
    # audience named with its region.
    form = client.get(reverse(f"{SNIPPETS}newsletterissue:add")).content.decode()
    assert '<select name="region"' in form
    assert "Interna partner (Norrort)" in form


def test_a_central_administrator_imports_into_their_region(client, two):
    from django.core.files.uploadedfile import SimpleUploadedFile

    a, b = two
    client.force_login(central_admin_of(a["region"], username="strateg.a"))
    response = client.post(
        reverse("samverkan_newsletter_import"),
        {
            "region": b["region"].pk,  # not theirs: not offered, not taken
            "consent_detail": "Partnerdagen",
            "audiences": [b["audience"].pk],
            "file": SimpleUploadedFile(
                "lista.csv", b"email,name\nbeta.lasare@example.org,Ny\n"
            ),
        },
    )
    assert response.status_code == 200
    assert Subscriber.objects.get(pk=b["reader"].pk).name != "Ny"
    assert not Subscriber.objects.filter(region=a["region"], name="Ny").exists()

    client.post(
        reverse("samverkan_newsletter_import"),
        {
            "consent_detail": "Partnerdagen",
            "audiences": [a["audience"].pk],
            "file": SimpleUploadedFile(
                "lista.csv", b"email,name\nbeta.lasare@example.org,Ny\n"
            ),
        },
    )
    imported = Subscriber.objects.get(
        region=a["region"], email="beta.lasare@example.org"
    )
    assert list(imported.audiences.all()) == [a["audience"]]
    assert Subscriber.objects.get(pk=b["reader"].pk).name != "Ny"


def test_the_public_form_subscribes_to_the_sites_region(
    client, two, django_capture_on_commit_callbacks
):
    a, b = two
    _site_of(b["region"], "testserver")
    url = reverse("samverkan_newsletter:subscribe")
    form = client.get(url).content.decode()
    assert f'value="{b["audience"].pk}"' in form
    assert f'value="{a["audience"].pk}"' not in form
    data = {"email": "ny@example.org", "language": "sv", "consent": "on"}
    response = client.post(url, {**data, "audiences": [a["audience"].pk]})
    assert response.status_code == 400  # region A's audience is no choice here
    with django_capture_on_commit_callbacks(execute=True):  # the task records it
        client.post(url, {**data, "audiences": [b["audience"].pk]})
    # The same address subscribes in region A too, on A's form (named by
    # ?region= where A has no site of its own): a second subscriber.
    a_form = client.get(url, {"region": "sodertorn"}).content.decode()
    assert f'value="{a["audience"].pk}"' in a_form
    assert "Nyhetsbrevet från Södertörn." in a_form
    assert 'href="/newsletter/archive/?region=sodertorn"' in a_form
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"{url}?region=sodertorn", {**data, "audiences": [a["audience"].pk]}
        )
    in_b, in_a = (
        Subscriber.objects.get(email="ny@example.org", region=content["region"])
        for content in (b, a)
    )
    assert list(in_b.audiences.all()) == [b["audience"]]
    assert list(in_a.audiences.all()) == [a["audience"]]
    assert in_a.token != in_b.token
    assert client.get(url, {"region": "okand"}).status_code == 404

    # Each reader's preferences offer their own region's audiences.
    preferences = client.get(
        reverse("samverkan_newsletter:preferences", args=[in_a.token])
    ).content.decode()
    assert f'value="{a["audience"].pk}"' in preferences
    assert f'value="{b["audience"].pk}"' not in preferences
    client.post(
        reverse("samverkan_newsletter:unsubscribe", args=[in_a.token]),
    )
    in_a.refresh_from_db(), in_b.refresh_from_db()
    assert in_a.status == Subscriber.Status.UNSUBSCRIBED
    assert in_b.status == Subscriber.Status.PENDING


def test_the_archive_and_its_links_are_the_regions(client, two):
    a, b = two
    _site_of(a["region"], "testserver")
    _site_of(b["region"], "norrort.example.se")
    for content in (a, b):
        issue_started(content["issue"])
    archive = reverse("samverkan_newsletter:archive")
    listing = client.get(archive).content.decode()
    assert "Alfa brev" in listing and "Beta brev" not in listing
    listing_b = client.get(archive, HTTP_HOST="norrort.example.se").content.decode()
    assert "Beta brev" in listing_b and "Alfa brev" not in listing_b
    feed = client.get(reverse("samverkan_newsletter:archive_feed")).content.decode()
    assert "Alfa brev" in feed and "Beta brev" not in feed
    b_url = reverse("samverkan_newsletter:archive_issue", args=[b["issue"].pk])
    assert client.get(b_url).status_code == 404  # not on region A's site
    assert client.get(b_url, HTTP_HOST="norrort.example.se").status_code == 200

    # The e-mail's "read in the browser" and subscribe links lead to the
    # issue's own region's site.
    rendered = issue_render(issue=b["issue"])
    assert rendered.archive_url == f"http://norrort.example.se{b_url}"
    assert "http://norrort.example.se/newsletter/subscribe/" in (
        rendered.html_for_archive()
    )


def test_a_bounce_counts_in_every_region_of_the_address(two):
    a, b = two
    assert subscriber_record_bounce(email="bada@example.org", kind="hard")
    for content in (a, b):
        content["both"].refresh_from_db()
        assert content["both"].status == Subscriber.Status.BOUNCED
    a["reader"].refresh_from_db()
    assert a["reader"].status == Subscriber.Status.CONFIRMED


def test_the_monthly_reminder_goes_to_the_communicators_of_an_unplanned_region(
    two,
):
    a, b = two
    communicator(region=a["region"], username="kommunikator.a", email="a@example.se")
    communicator(region=b["region"], username="kommunikator.b", email="b@example.se")
    today = datetime.date(2026, 11, 20)
    IssueFactory(
        region=a["region"],
        status="scheduled",
        scheduled_at=timezone.make_aware(datetime.datetime(2026, 12, 3, 9)),
    )

    assert communicators_remind(today=today) == 1
    assert [message.to for message in mail.outbox] == [["b@example.se"]]


def test_a_subscription_queued_before_regions_goes_to_its_audiences_region(
    two, django_capture_on_commit_callbacks
):
    from newsletter import tasks

    a, b = two
    asked = {
        "email": "i.kon@example.org",
        "name": "",
        "organisation": "",
        "language": "sv",
        "ip": None,
        "requested_at": timezone.now().isoformat(),
    }
    with django_capture_on_commit_callbacks(execute=True):
        tasks.subscribe(audience_ids=[b["audience"].pk], **asked)
        # Named region A with region B's audience: A, without B's audience.
        tasks.subscribe(
            region_id=a["region"].pk, audience_ids=[b["audience"].pk], **asked
        )
    in_b = Subscriber.objects.get(region=b["region"], email="i.kon@example.org")
    in_a = Subscriber.objects.get(region=a["region"], email="i.kon@example.org")
    assert list(in_b.audiences.all()) == [b["audience"]]
    assert list(in_a.audiences.all()) == []


def test_the_subscriber_listing_filters_by_the_regions_own_audiences(client, two):
    a, b = two
    other = Audience.objects.create(region=a["region"], name="Alfa annan", slug="aa")
    SubscriberFactory(region=a["region"], email="annan@example.org", audiences=[other])
    client.force_login(communicator(region=a["region"], username="kommunikator.a"))
    subscribers = reverse(f"{SNIPPETS}subscriber:list")

    listing = client.get(subscribers).content.decode()
    choices = re.search(r'<select name="audiences".*?</select>', listing, re.S)[0]
    offered = {int(pk) for pk in re.findall(r'<option value="(\d+)"', choices)}
    assert {a["audience"].pk, other.pk} <= offered
    assert not offered & set(
        Audience.objects.filter(region=b["region"]).values_list("pk", flat=True)
    )
    filtered = client.get(subscribers, {"audiences": other.pk}).content.decode()
    assert "annan@example.org" in filtered
    assert "alfa.lasare@example.org" not in filtered
    # Another region's audience is no valid choice: nothing of B shows.
    forged = client.get(subscribers, {"audiences": b["audience"].pk}).content.decode()
    assert "beta.lasare@example.org" not in forged
