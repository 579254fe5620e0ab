"""Usage statistics of the intervention bank: reads of an intervention's
public page and of its API detail are counted per day (no IP address or
cookie stored), flushed to the database, and shown in the admin report and
the quarterly review report, each viewer seeing only their organisations."""

import csv
import io
import re

import pytest

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Site

from cms.models import InterventionReadDay, ReadSource
from cms.reviews.report import quarter_of, review_report
from cms.statistics.counting import intervention_read_count, intervention_reads_flush
from tests.factories import InterventionPageFactory, editor_of

pytestmark = pytest.mark.django_db

BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Safari/537.36"
)
REPORT = "/admin/reports/reads/"


@pytest.fixture(autouse=True)
def fresh_counters(settings):
    # With the public page cache on, as in production.
    settings.SAMVERKAN_WEB = {**settings.SAMVERKAN_WEB, "PAGE_CACHE": True}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def bank(region, org_a, org_b):
    Site.objects.filter(is_default_site=True).update(root_page=region)
    return {
        "A": InterventionPageFactory(parent=org_a, title="Läst insats", slug="last"),
        "B": InterventionPageFactory(parent=org_a, title="Oläst insats"),
        "C": InterventionPageFactory(parent=org_b, title="Haninges insats"),
    }


def reads(page, source) -> int:
    return sum(
        InterventionReadDay.objects.filter(
            intervention=page, source=source
        ).values_list("reads", flat=True)
    )


def report_row(html: str, page) -> list[str]:
    """The cells of the page's row in the report's intervention table."""
    row = re.search(rf'<tr data-intervention="{page.pk}">(.*?)</tr>', html, re.S)
    assert row, f"no row for {page.title}"
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row[1], re.S)
    ]


def test_reads_of_page_and_api_are_counted_and_reported(client, bank, editor_a):
    a, b = bank["A"], bank["B"]
    answers = [client.get(a.url, HTTP_USER_AGENT=BROWSER) for _n in range(3)]
    assert [answer.status_code for answer in answers] == [200, 200, 200]
    # Answers from the page cache are reads too.
    assert answers[-1].get("X-Cache") == "hit"
    # Not reads: HEAD, a crawler, a prefetch, a missing user agent.
    client.head(a.url, HTTP_USER_AGENT=BROWSER)
    client.get(a.url, HTTP_USER_AGENT="Mozilla/5.0 (compatible; Googlebot/2.1)")
    client.get(a.url, HTTP_USER_AGENT=BROWSER, HTTP_SEC_PURPOSE="prefetch")
    client.get(a.url)
    # Through the API: by stable id (twice: the second from the response
    # cache) and by slug; lists and unknown lookups are not reads.
    detail = reverse("api-v1:intervention-detail", args=[a.uuid])
    assert client.get(detail).status_code == 200
    assert client.get(detail)["X-Cache"] == "hit"
    assert (
        client.get(reverse("api-v1:intervention-detail", args=["last"])).status_code
        == 200
    )
    client.get(reverse("api-v1:intervention-list"))
    client.get(reverse("api-v1:intervention-detail", args=["finns-inte"]))
    # The editor's preview is not a read either.
    client.force_login(editor_a)
    assert client.get(f"/admin/pages/{a.pk}/view_draft/").status_code == 200

    assert InterventionReadDay.objects.count() == 0  # counted in the cache
    assert intervention_reads_flush() == 6
    assert reads(a, ReadSource.WEB) == 3
    assert reads(a, ReadSource.API) == 3
    assert reads(b, ReadSource.WEB) + reads(b, ReadSource.API) == 0
    assert intervention_reads_flush() == 0  # nothing counted twice

    html = client.get(REPORT).content.decode()
    assert "Aldrig lästa under kvartalet" in html  # in Swedish
    # Intervention, organisation, public site, API, all reads.
    assert report_row(html, a) == ["Läst insats", "Botkyrka kommun", "3", "3", "6"]
    never = re.search(r'<ul class="reads-never">(.*?)</ul>', html, re.S)[1]
    assert f'data-intervention="{b.pk}"' in never
    assert f'data-intervention="{a.pk}"' not in never
    organisations = re.search(
        r'class="listing reads-organisations">(.*?)</table>', html, re.S
    )[1]
    assert re.search(
        r"<th scope=\"row\">Botkyrka kommun</th><td>2</td><td>3</td><td>3</td><td>6</td><td>1</td>",
        organisations,
    )
    csv_rows = list(
        csv.reader(io.StringIO(client.get(f"{REPORT}?format=csv").content.decode()))
    )
    assert ["Läst insats", "Botkyrka kommun", "3", "3", "6"] in csv_rows
    assert ["Oläst insats", "Botkyrka kommun", "0", "0", "0"] in csv_rows
    # The chart draws a bar of 6 for the organisation, with an axis.
    assert re.search(r"<title>Botkyrka kommun: 6</title>", html)
    assert '<text class="reads-value"' in html and ">6</text>" in html


def test_editors_see_only_their_organisation(client, bank, org_b):
    intervention_read_count(source=ReadSource.WEB, key=bank["C"].pk)
    intervention_read_count(source=ReadSource.WEB, key=bank["A"].pk)
    intervention_reads_flush()
    client.force_login(editor_of(org_b))
    html = client.get(REPORT).content.decode()
    assert "Haninges insats" in html
    assert "Läst insats" not in html and "Botkyrka kommun" not in html
    assert client.get("/admin/").status_code == 200
    client.logout()
    client.force_login(editor_of(org_b, is_active=False))
    assert client.get(REPORT).status_code in (302, 403)


def test_chart_numbers_are_not_localised(client, bank, editor_a):
    for _n in range(1234):
        intervention_read_count(source=ReadSource.API, key=str(bank["A"].uuid))
    intervention_reads_flush()
    client.force_login(editor_a)
    html = client.get(REPORT, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    svg = re.search(
        r"<svg role=\"img\" aria-labelledby=\"reads-chart.*?</svg>", html, re.S
    )[0]
    for value in re.findall(r'\s(?:x|y|width|height|x1|x2|y1|y2)="([^"]+)"', svg):
        assert re.fullmatch(r"-?\d+(\.\d+)?", value), value
    assert ">1234</text>" in svg


def test_review_report_has_reads_and_never_read(bank, region):
    for _n in range(4):
        intervention_read_count(source=ReadSource.WEB, key=bank["A"].pk)
    intervention_reads_flush()
    report = review_report(quarter=quarter_of(timezone.localdate()), region=region)
    rows = {row.organisation: row for row in report.rows}
    assert (rows["Botkyrka kommun"].reads, rows["Botkyrka kommun"].never_read) == (4, 1)
    assert (rows["Haninge kommun"].reads, rows["Haninge kommun"].never_read) == (0, 1)
    assert (report.totals.reads, report.totals.never_read) == (4, 2)


def test_reads_of_deleted_pages_are_dropped(bank):
    page = bank["B"]
    intervention_read_count(source=ReadSource.WEB, key=page.pk)
    page.delete()
    assert intervention_reads_flush() == 0
    assert not InterventionReadDay.objects.exists()
