"""An issue in one language: it goes only to the subscribers who chose that
language, and the words around its content are in that language. An issue
without one goes to everybody, in Swedish."""

import pytest

from newsletter.models import Delivery
from newsletter.selectors import issue_recipients
from newsletter.services.issues import issue_fill_from_recent
from newsletter.services.rendering import issue_render
from tests.factories import NewsPageFactory, publish
from tests.newsletter.archive_helpers import issue_started
from tests.newsletter.factories import IssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def readers(audience):
    return {
        language: SubscriberFactory(
            email=f"{language}@example.org", language=language, audiences=[audience]
        )
        for language in ("sv", "en")
    }


@pytest.mark.parametrize(
    ("language", "expected"),
    [("", {"sv", "en"}), ("sv", {"sv"}), ("en", {"en"})],
)
def test_an_issue_goes_to_the_subscribers_of_its_language(
    audience, readers, language, expected
):
    issue = issue_started(IssueFactory(language=language, audiences=[audience]))

    assert {s.language for s in issue_recipients(issue=issue)} == expected
    assert {
        d.subscriber.language for d in Delivery.objects.filter(issue=issue)
    } == expected


def test_the_words_around_the_content_follow_the_issues_language(org_a):
    publish(NewsPageFactory(parent=org_a, title="Språkcafé"))
    english = IssueFactory(language="en")
    swedish = IssueFactory()
    for issue in (english, swedish):
        issue_fill_from_recent(issue=issue)
        issue.refresh_from_db()

    in_english = issue_render(issue=english)
    in_swedish = issue_render(issue=swedish)

    assert '<html lang="en"' in in_english.html
    assert "Read in the browser" in in_english.html and "News" in in_english.text
    assert "Unsubscribe" in in_english.text
    assert '<html lang="sv"' in in_swedish.html
    assert "Läs i webbläsaren" in in_swedish.html and "Nyheter" in in_swedish.text
