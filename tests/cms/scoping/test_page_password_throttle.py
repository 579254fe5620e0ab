"""The page-password form is throttled like the login: after five guesses
from one address at one protected page, further guesses get 429 with
Retry-After for the rest of the window (Wagtail answered 30 wrong guesses in
half a second); the right password still works before that, and another
address is counted on its own."""

from django.urls import reverse

from wagtail.models import PageViewRestriction, Site

from tests.factories import NewsPageFactory, publish


def test_guesses_are_throttled(client, region, org_a):
    Site.objects.filter(is_default_site=True).update(root_page=region)
    page = publish(NewsPageFactory(parent=org_a, title="Skyddad"))
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type="password", password="rätt-lösen"
    )
    url = reverse(
        "wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]
    )

    def guess(password, ip="192.0.2.1"):
        return client.post(
            url, {"password": password, "return_url": "/"}, REMOTE_ADDR=ip
        )

    for n in range(5):
        assert guess(f"fel-{n}").status_code == 200  # the form again
    refused = guess("rätt-lösen")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert guess("rätt-lösen", ip="192.0.2.2").status_code == 302
