"""Every public template in a real browser: axe-core (WCAG 2.1 A and AA
rules) finds 0 violations, and at 320 px no page scrolls sideways (WCAG
1.4.10 reflow). One browser, one page load per template; then a reader
switches an intervention to Arabic."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories import (
    InterventionPageFactory,
    public_content,
    publish,
    translation_of,
)

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


@pytest.fixture
def content(region, public_site, org_a):
    return public_content(region, org_a)


def _violations(results) -> list[str]:
    return [
        f"{violation['id']}: {node['target']} {node.get('failureSummary', '')}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]


def test_every_public_template_is_accessible_and_reflows(page, content):
    urls = {
        "home": "/",
        "listing with filters": "/insatser/?category=sfi&language=ar&municipality="
        + content["organisation"].slug,
        "intervention": content["intervention"].url,
        "organisation": content["organisation"].url,
        "news list": "/nyheter/",
        "news": content["news"].url,
        "calendar": "/moten/",
        "meeting with minutes": content["held"].url,
        "groups": "/grupper/",
        "group": f"/grupper/{content['group'].slug}/",
        "person": f"/personer/{content['group'].memberships.first().person.uuid}/",
        "project": content["project"].url,
        "accessibility statement": "/tillganglighet/",
        "privacy policy": "/integritet/",
        "subscribe": "/newsletter/subscribe/",
        "suggestion form": "/forslag/",
    }
    axe = Axe()
    problems = {}
    for name, url in urls.items():
        page.set_viewport_size({"width": 1280, "height": 900})
        response = page.goto(url)
        assert response.status == 200, (name, url, response.status)
        assert page.locator("html").get_attribute("lang") == "sv"
        violations = _violations(axe.run(page, options=WCAG_AA))
        page.set_viewport_size({"width": 320, "height": 640})
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            violations.append(f"scrolls sideways by {overflow} px at 320 px")
        if violations:
            problems[name] = violations
    assert problems == {}


def test_reader_switches_an_intervention_to_arabic(page, public_site, org_a):
    """The switcher on a Swedish intervention offers the languages it exists
        in (not English, which only the region's home has); the Arabic page is
        right to left, in Arabic (its category too), and accessible, and so are
    the Arabic listing (naming the languages in Arabic), privacy notice and
    newsletter subscribe page."""
    from cms.models import Language

    translation_of(public_site, "ar", title="التأسيس في سودرتورن")
    translation_of(public_site, "en", title="Establishment Södertörn")
    swedish = publish(
        InterventionPageFactory(
            parent=org_a,
            title="Språkcafé på biblioteket",
            summary="Träna svenska i samtal med volontärer.",
        )
    )
    swedish.languages.set(Language.objects.filter(code__in=["so", "ti"]))
    swedish.save_revision().publish()
    translation_of(
        swedish,
        "ar",
        title="مقهى اللغة في المكتبة",
        summary="تدرّب على السويدية في محادثات مع متطوعين.",
    )
    axe = Axe()

    page.goto(swedish.url)
    switcher = page.locator("nav.languages a")
    assert switcher.all_inner_texts() == ["Svenska", "العربية"]
    switcher.get_by_text("العربية").click()

    page.wait_for_url("**/ar/**")
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    assert page.locator("h1").inner_text() == "مقهى اللغة في المكتبة"
    assert switcher.all_inner_texts() == ["Svenska", "العربية"]
    assert (
        page.locator('nav.languages a[aria-current="true"]').inner_text() == "العربية"
    )
    # The category in Arabic (the standard categories ship Arabic names).
    assert "اللغة السويدية للمهاجرين (SFI)" in page.locator("main").inner_text()
    problems = {"detail": _violations(axe.run(page, options=WCAG_AA))}

    page.goto("/ar/insatser/")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    assert "مقهى اللغة في المكتبة" in page.locator("main").inner_text()
    assert "الصومالية" in page.locator("main").inner_text()
    assert "Somaliska" not in page.locator("main").inner_text()
    assert switcher.all_inner_texts() == ["Svenska", "English", "العربية"]
    problems["listing"] = _violations(axe.run(page, options=WCAG_AA))
    for width in (1280, 320):
        # Right to left: nothing may stick out to the left (it would scroll).
        page.set_viewport_size({"width": width, "height": 800})
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            problems["listing"].append(f"scrolls sideways by {overflow} px at {width}")
    page.goto("/ar/integritet/")
    assert page.locator("h1").inner_text() == "سياسة الخصوصية"
    problems["privacy"] = _violations(axe.run(page, options=WCAG_AA))
    page.goto("/ar/newsletter/subscribe/")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    assert page.locator("h1").inner_text() == "اشترك في النشرة الإخبارية"
    problems["subscribe"] = _violations(axe.run(page, options=WCAG_AA))
    assert problems == {"detail": [], "listing": [], "privacy": [], "subscribe": []}
