"""The newsletter in the subscribers' languages: a subscriber picks one of
the configured content languages, an issue may have translations, and each
subscriber receives their language's translation, else the Swedish issue
(over a real SMTP server)."""

import datetime
import email.header
import re

import pytest

from django.urls import reverse
from django.utils import timezone

from newsletter.models import NewsletterIssueTranslation, Subscriber
from newsletter.services import issues, sending
from tests.newsletter.factories import IssueFactory, SubscriberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("arabic_configured")]


def _subject(message) -> str:
    return str(email.header.make_header(email.header.decode_header(message["Subject"])))


def _html(message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/html":
            return part.get_payload(decode=True).decode()
    raise AssertionError("no HTML part")


def _issue_with_arabic(audience):
    """ "Marsnytt" with its Arabic translation."""
    issue = IssueFactory(subject="Marsnytt", audiences=[audience])
    NewsletterIssueTranslation.objects.create(
        issue=issue,
        language="ar",
        subject="أخبار مارس",
        body='[{"type": "intro", "value": "<p>مرحبا بكم في النشرة.</p>"}]',
    )
    return issue


def test_each_subscriber_gets_their_language_else_swedish(
    smtp_sink, audience, django_capture_on_commit_callbacks
):
    SubscriberFactory(email="arabic@example.org", language="ar", audiences=[audience])
    SubscriberFactory(email="swedish@example.org", language="sv", audiences=[audience])
    # No English translation: the English reader gets the Swedish issue.
    SubscriberFactory(email="english@example.org", language="en", audiences=[audience])
    issue = _issue_with_arabic(audience)
    issues.issue_schedule(issue=issue, at=timezone.now() + datetime.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        later = timezone.now() + datetime.timedelta(hours=2)
        assert sending.issue_tick(now=later)["started"] == 1

    messages = {m["To"]: m for m in smtp_sink.wait_for(3)}
    arabic = messages["arabic@example.org"]
    assert _subject(arabic) == "أخبار مارس"
    html = _html(arabic)
    assert "مرحبا بكم في النشرة." in html
    assert 'lang="ar"' in html and 'dir="rtl"' in html
    assert "Hej!" not in html
    for address in ("swedish@example.org", "english@example.org"):
        assert _subject(messages[address]) == "Marsnytt"
        assert "Hej!" in _html(messages[address])
        assert "مرحبا" not in _html(messages[address])
    # The translation was rendered once and frozen with the issue.
    translation = issue.translations.get()
    assert "مرحبا بكم في النشرة." in translation.html_frozen


def test_subscriber_chooses_among_configured_languages_only(client, audience):
    page = client.get(reverse("samverkan_newsletter:subscribe")).content.decode()
    assert 'value="ar"' in page and 'value="so"' not in page
    answer = client.post(
        reverse("samverkan_newsletter:subscribe"),
        {
            "email": "ny@example.org",
            "language": "so",
            "audiences": [audience.pk],
            "consent": "on",
        },
    )
    assert answer.status_code == 400  # the form again, with its error
    assert "so" not in dict(answer.context["form"].fields["language"].choices)
    assert not Subscriber.objects.filter(email="ny@example.org").exists()


def test_preferences_change_the_language(client, audience):
    reader = SubscriberFactory(language="sv", audiences=[audience])
    url = reverse("samverkan_newsletter:preferences", args=[reader.token])
    assert 'value="ar"' in client.get(url).content.decode()
    client.post(
        url, {"name": reader.name, "language": "ar", "audiences": [audience.pk]}
    )
    reader.refresh_from_db()
    assert reader.language == "ar"


def _switcher(html: str) -> list[str]:
    nav = re.search(r"<nav aria-label=.*?</nav>", html, re.S)
    return re.findall(r'hreflang="([a-z]+)"', nav.group(0)) if nav else []


def test_archive_shows_each_translation_at_its_language_address(client, audience):
    from tests.newsletter.archive_helpers import issue_started

    issue = _issue_with_arabic(audience)
    lone = IssueFactory(subject="Aprilnytt", audiences=[audience])
    issue, lone = issue_started(issue), issue_started(lone)

    swedish = client.get(f"/newsletter/archive/{issue.pk}/").content.decode()
    arabic = client.get(f"/ar/newsletter/archive/{issue.pk}/")
    html = arabic.content.decode()

    assert arabic.status_code == 200
    assert "مرحبا بكم في النشرة." in html and "Hej!" not in html
    assert 'lang="ar"' in html and 'dir="rtl"' in html
    assert "Hej!" in swedish and "مرحبا" not in swedish
    # Only the languages the issue went out in (no English translation).
    assert _switcher(swedish) == _switcher(html) == ["sv", "ar"]
    alternate = f'<link rel="alternate" hreflang="ar" href="[^"]*/ar/newsletter/archive/{issue.pk}/">'
    assert re.search(alternate, html) and re.search(alternate, swedish)
    assert f'/ar/newsletter/archive/{issue.pk}/"' in swedish
    # The translation's "read in the browser" link leads to its own page.
    frozen = issue.translations.get().html_frozen
    assert f'/ar/newsletter/archive/{issue.pk}/"' in frozen
    # A language without a translation leads to the Swedish issue.
    english = client.get(f"/en/newsletter/archive/{issue.pk}/")
    assert english.status_code == 302
    assert english["Location"] == f"/newsletter/archive/{issue.pk}/"
    # An issue in Swedish only has no switcher.
    assert (
        _switcher(client.get(f"/newsletter/archive/{lone.pk}/").content.decode()) == []
    )
    assert client.get(f"/ar/newsletter/archive/{lone.pk}/").status_code == 302


def test_arabic_subscriber_reads_the_confirmation_mail_and_pages_in_arabic(
    client, audience, mailoutbox
):
    """The confirmation mail and the subscriber's own pages speak the
    subscriber's language (newsletter/locale/ar), right to left; an English
    subscriber's pages speak English."""
    from newsletter.services.subscribers import subscriber_send_subscription_mail

    reader = SubscriberFactory(
        language="ar", status=Subscriber.Status.PENDING, audiences=[audience]
    )
    subscriber_send_subscription_mail(subscriber=reader, kind="confirm")

    (mail,) = mailoutbox
    assert mail.subject == "أكّد اشتراكك في النشرة الإخبارية"
    assert mail.body.startswith("مرحبًا،")
    assert "أكّد ذلك بفتح هذا الرابط:" in mail.body
    assert "Hej" not in mail.body and "Hello" not in mail.body
    confirm_path = re.search(r"https?://[^/]+(/newsletter/confirm/\S+/)", mail.body)

    page = client.get(confirm_path.group(1)).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "أكّد اشتراكك" in page and "Bekräfta" not in page
    done = client.post(confirm_path.group(1)).content.decode()
    assert "شكرًا لك، لقد اشتركت" in done

    preferences = reverse("samverkan_newsletter:preferences", args=[reader.token])
    page = client.get(preferences).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "تفضيلاتك للنشرة الإخبارية" in page and "إلغاء الاشتراك" in page
    unsubscribe = reverse("samverkan_newsletter:unsubscribe", args=[reader.token])
    assert "لن تتلقى" in client.post(unsubscribe).content.decode()

    english = SubscriberFactory(language="en", audiences=[audience])
    url = reverse("samverkan_newsletter:erase", args=[english.token])
    page = client.get(url).content.decode()
    assert '<html lang="en" dir="ltr">' in page and "Delete my data" in page
    assert "Radera" not in page


def test_subscribe_page_and_archive_in_the_language_of_their_address(client, audience):
    from tests.newsletter.archive_helpers import issue_started

    issue = issue_started(_issue_with_arabic(audience))

    subscribe = client.get("/ar/newsletter/subscribe/").content.decode()
    assert '<html lang="ar" dir="rtl">' in subscribe
    assert "اشترك في النشرة الإخبارية" in subscribe and "أوافق" in subscribe
    assert re.search(r'value="ar"[^>]*selected|selected[^>]*value="ar"', subscribe)
    assert 'href="/ar/newsletter/archive/"' in subscribe
    archive = client.get("/ar/newsletter/archive/").content.decode()
    assert "أرشيف النشرة الإخبارية" in archive and "Nyhetsbrevsarkiv" not in archive
    assert 'href="/ar/newsletter/subscribe/"' in archive
    # Swedish stays unprefixed and Swedish.
    swedish = client.get("/newsletter/subscribe/").content.decode()
    assert '<html lang="sv" dir="ltr">' in swedish
    assert 'href="/newsletter/archive/"' in swedish

    # The archived Arabic issue: its own words around the content in Arabic.
    html = client.get(f"/ar/newsletter/archive/{issue.pk}/").content.decode()
    assert 'dir="rtl"' in html
    assert "تصلك هذه النشرة الإخبارية لأنك اشتركت فيها." in html
    assert 'aria-label="لغات هذا العدد"' in html
    assert "Du får det här nyhetsbrevet" not in html
