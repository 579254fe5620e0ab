"""Leak test for the newsletter (issue 9): "fill from this month" never takes
drafts, unpublished pages, private (login, group or password restricted)
pages or pages below one, and a page with unpublished changes goes out as
published; the e-mail and the web archive never show any of it, even when
a communicator chose such a page by hand. One line per content type and per
way of hiding a page."""

import datetime
import json

import pytest

from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import PageViewRestriction

from newsletter.rendering import issue_render
from newsletter.services.issues import issue_fill_from_recent
from tests.factories import (
    InterventionPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    publish,
)
from tests.newsletter.archive_helpers import issue_started
from tests.newsletter.factories import IssueFactory

pytestmark = pytest.mark.django_db

# The block each content type fills, its factory, and the text field the
# e-mail shows besides the title.
CONTENT_TYPES = {
    "news": (NewsPageFactory, "lead"),
    "meetings": (MeetingPageFactory, "place"),
    "interventions": (InterventionPageFactory, "summary"),
}


def _page(kind, parent, name, *, live=True):
    factory, text_field = CONTENT_TYPES[kind]
    fields = {"parent": parent, "title": f"{name} rubrik", "slug": name, "live": live}
    fields[text_field] = f"{name} text"
    if kind == "meetings":
        soon = timezone.now() + datetime.timedelta(days=10)
        fields.update(starts_at=soon, ends_at=soon + datetime.timedelta(hours=2))
    page = factory(**fields)
    return publish(page) if live else page


def _restrict(page, restriction_type):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, password="hemligt"
    )
    if restriction_type == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.create(name="Styrgruppen"))


def _draft(kind, org, region):
    return _page(kind, org, "utkast", live=False)


def _unpublished(kind, org, region):
    page = _page(kind, org, "avpublicerad")
    page.unpublish()
    return page


def _restricted(restriction_type):
    def hidden(kind, org, region):
        page = _page(kind, org, "skyddad")
        _restrict(page, restriction_type)
        return page

    return hidden


def _below_a_private_page(kind, org, region):
    private_org = OrganisationPageFactory(parent=region, title="Intern", slug="intern")
    _restrict(private_org, PageViewRestriction.LOGIN)
    return _page(kind, private_org, "underliggande")


HIDDEN = {
    "draft": _draft,
    "unpublished": _unpublished,
    "login": _restricted(PageViewRestriction.LOGIN),
    "groups": _restricted(PageViewRestriction.GROUPS),
    "password": _restricted(PageViewRestriction.PASSWORD),
    "subtree": _below_a_private_page,
}


def _filled_pages(issue) -> set[int]:
    issue.refresh_from_db()
    return {
        page.pk
        for block in issue.body
        if block.block_type != "intro"
        for page in block.value["pages"]
    }


def _chosen_by_hand(kind, pages, audience):
    body = [{"type": kind, "value": {"heading": "", "pages": [p.pk for p in pages]}}]
    return IssueFactory(body=json.dumps(body), audiences=[audience])


def _everything_shown(client, issue) -> str:
    """The e-mail (HTML and text) as rendered now, and the web archive once
    the issue is sent."""
    rendered = issue_render(issue=issue)
    sent = issue_started(issue)
    archive = client.get(f"/newsletter/archive/{sent.pk}/").content.decode()
    return "\n".join([rendered.html, rendered.text, sent.text_frozen, archive])


@pytest.mark.parametrize("hide", HIDDEN.values(), ids=HIDDEN.keys())
@pytest.mark.parametrize("kind", CONTENT_TYPES)
def test_hidden_pages_never_reach_the_fill_the_email_or_the_archive(
    client, region, org_a, audience, kind, hide
):
    shown = _page(kind, org_a, "synlig")
    hidden = hide(kind, org_a, region)

    issue = IssueFactory()
    issue_fill_from_recent(issue=issue)
    assert _filled_pages(issue) == {shown.pk}

    output = _everything_shown(client, _chosen_by_hand(kind, [shown, hidden], audience))
    assert "synlig rubrik" in output and "synlig text" in output
    assert hidden.title not in output
    assert f"{hidden.slug} text" not in output


@pytest.mark.parametrize("kind", CONTENT_TYPES)
def test_a_page_with_unpublished_changes_goes_out_as_published(
    client, org_a, audience, kind
):
    page = _page(kind, org_a, "publicerad")
    _factory, text_field = CONTENT_TYPES[kind]
    page.title = "ändrad rubrik i utkast"
    setattr(page, text_field, "ändrad text i utkast")
    page.save_revision()

    issue = IssueFactory()
    issue_fill_from_recent(issue=issue)
    assert _filled_pages(issue) == {page.pk}

    output = _everything_shown(client, issue)
    assert "publicerad rubrik" in output and "publicerad text" in output
    assert "i utkast" not in output


@pytest.mark.parametrize("hidden_by", ["draft", "login"])
def test_an_intervention_names_its_provider_only_when_that_page_is_public(
    client, region, org_a, org_b, audience, hidden_by
):
    provider = OrganisationPageFactory(
        parent=region, title="Dold utförare", slug="dold", live=hidden_by != "draft"
    )
    if hidden_by == "login":
        _restrict(provider, PageViewRestriction.LOGIN)
    pages = [
        publish(InterventionPageFactory(parent=org_a, provider=organisation))
        for organisation in (provider, org_b)
    ]

    output = _everything_shown(
        client, _chosen_by_hand("interventions", pages, audience)
    )
    assert org_b.title in output
    assert "Dold utförare" not in output
