"""Every response carries a Content-Security-Policy: the strictest one on
data endpoints, a same-origin one on pages and the admin."""

import pytest

from django.urls import reverse


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/interventions/",
        "/api/hsds/services/",
        "/feeds/news.rss",
        "/api/v2/pages/",
    ],
)
def test_data_endpoints_may_run_nothing(client, db, url):
    policy = client.get(url)["Content-Security-Policy"]
    assert policy.startswith("default-src 'none'")
    assert "frame-ancestors 'none'" in policy


@pytest.mark.parametrize("url", ["/admin/login/", "/forslag/", "/api/v1/docs/"])
def test_pages_load_only_from_this_site(client, db, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = dict(
        part.strip().split(" ", 1)
        for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"].split() == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'self'"
    assert policy["form-action"] == "'self'"


def test_the_admin_works_under_the_policy(client, central_admin):
    client.force_login(central_admin)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    # Every script the dashboard loads comes from this site.
    html = response.content.decode()
    assert 'src="http' not in html.replace('src="http://testserver', "")
