"""Every public template in a real browser: axe-core (WCAG 2.1 A and AA
rules) finds 0 violations, and at 320 px no page scrolls sideways (WCAG
1.4.10 reflow). One browser, one page load per template."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories import public_content

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
