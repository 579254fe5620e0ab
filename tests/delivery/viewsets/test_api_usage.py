"""The API usage report: a chart whose bars have heights in proportion to the
requests of each day, written with decimal points in a Swedish admin, with
axes and labels; endpoints named by their paths; a heading of its own."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone

from delivery.models import ApiUsageDay
from tests.factories import UserFactory


def test_the_chart_is_locale_proof_and_in_proportion(client, db):
    today = timezone.localdate()
    counts = {1: 30, 2: 10, 5: 20}
    for days_ago, requests in counts.items():
        ApiUsageDay.objects.create(
            day=today - datetime.timedelta(days=days_ago),
            client="anonymous",
            endpoint="api-v1:intervention-list",
            requests=requests,
        )
    ApiUsageDay.objects.create(
        day=today,
        client="key:Portal",
        endpoint="api-v1:intervention-detail",
        requests=5,
    )
    client.force_login(UserFactory(is_superuser=True))

    body = client.get(reverse("samverkan_api_usage")).content.decode()

    start = body.index('<svg role="img"')
    svg = body[start : body.index("</svg>", start)]
    numbers = re.findall(r' (?:x|y|width|height|x1|x2|y1|y2)="([^"]*)"', svg)
    assert numbers and not [n for n in numbers if "," in n], numbers
    bars = {
        int(requests): float(height)
        for height, requests in re.findall(
            r'height="([\d.]+)" fill="[^"]*" data-requests="(\d+)"', svg
        )
    }
    assert bars[30] > 0 and bars[0] == 0
    assert abs(bars[10] / bars[30] - 1 / 3) < 0.01
    assert abs(bars[20] / bars[30] - 2 / 3) < 0.01
    assert [int(v) for v in re.findall(r"data-y-tick>(\d+)<", svg)] == [0, 15, 30]
    assert len(re.findall(r"data-x-label>", svg)) == 3
    assert ">Anrop<" in svg and ">Dag<" in svg
    # Endpoints by their paths, not their route names.
    assert "<code>/api/v1/interventions/</code>" in body
    assert "<code>/api/v1/interventions/{pk}/</code>" in body or (
        "/api/v1/interventions/{" in body
    )
    assert "api-v1:intervention-list" not in body
    # The page names itself, not only "Hem".
    breadcrumbs = body[body.index("<nav") : body.index("</nav>")]
    assert "API-användning" in breadcrumbs
