"""The partner targets in the Wagtail admin: central administrators only,
the URL checked on save, the secret write-only, deliveries, resend, resync,
and the dashboard health panel."""

import datetime
import io

import pytest

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sync.models import Delivery, DeliveryStatus, Target
from sync.services import target_drain
from tests.factories import (
    InterventionPageFactory,
    RegionPageFactory,
    central_admin_of,
    publish,
)
from tests.sync.conftest import SECRET
from tests.sync.factories import target_for

pytestmark = pytest.mark.django_db


def _form(region, **overrides):
    data = {
        "name": "Portal",
        "region": region.pk,
        "adapter": "webhook",
        "url": "http://127.0.0.1:9/hook",
        "send_interventions": "on",
        "enabled": "on",
        "max_per_second": 0,
        "max_concurrency": 2,
        "batch_size": 100,
        "new_secret": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def admin_client(client, central_admin, sync_settings):
    client.force_login(central_admin)
    return client


def test_central_admin_creates_target_and_sees_generated_secret_once(
    admin_client, region
):
    response = admin_client.post(
        reverse("samverkan_sync_target:add"), _form(region), follow=True
    )
    assert response.status_code == 200
    target = Target.objects.get()
    assert target.secret.startswith("whsec_")
    assert target.secret in response.content.decode()  # the success message, once
    edit = admin_client.get(reverse("samverkan_sync_target:edit", args=(target.pk,)))
    assert edit.status_code == 200
    assert target.secret not in edit.content.decode()
    assert target.credentials_encrypted not in edit.content.decode()


def test_editing_keeps_the_secret_unless_a_new_one_is_given(admin_client, region):
    target = target_for(region, "http://127.0.0.1:9/hook")
    url = reverse("samverkan_sync_target:edit", args=(target.pk,))
    admin_client.post(url, _form(region, name="Renamed"))
    target.refresh_from_db()
    assert (target.name, target.secret) == ("Renamed", SECRET)
    new = "whsec_" + "A" * 43 + "="
    admin_client.post(url, _form(region, new_secret=new))
    target.refresh_from_db()
    assert target.secret == new


@pytest.mark.parametrize(
    "url",
    ["https://169.254.169.254/", "https://[::ffff:127.0.0.1]/", "http://example.org/"],
)
def test_unsafe_url_is_refused_on_save(admin_client, region, url):
    response = admin_client.post(
        reverse("samverkan_sync_target:add"), _form(region, url=url)
    )
    assert response.status_code == 200  # the form again, with the error
    assert not Target.objects.exists()


def test_editors_and_other_regions_see_nothing(client, region, editor_a, sync_settings):
    target = target_for(region, "http://127.0.0.1:9/hook", name="Hemlig partner")
    other = central_admin_of(
        RegionPageFactory(title="Norr", slug="norr", short_name="N")
    )
    for user in (editor_a, other):
        client.force_login(user)
        for name in ("edit", "delete", "deliveries"):
            response = client.get(
                reverse(f"samverkan_sync_target:{name}", args=(target.pk,))
            )
            assert response.status_code in (302, 403, 404), (user, name)
        listing = client.get(reverse("samverkan_sync_target:index"))
        assert target.name not in listing.content.decode() or listing.status_code != 200
        client.post(reverse("samverkan_sync_target:resync", args=(target.pk,)))
    assert not Delivery.objects.exists()


def test_deliveries_view_resend_and_resend_failed(
    admin_client, region, org_a, partner, django_capture_on_commit_callbacks
):
    target = target_for(region, partner.url)
    with django_capture_on_commit_callbacks(execute=False):
        first = publish(InterventionPageFactory(parent=org_a))
        publish(InterventionPageFactory(parent=org_a))
    Delivery.objects.update(
        status=DeliveryStatus.FAILED,
        last_status_code=503,
        last_error="HTTP 503",
        attempts=10,
    )
    page = admin_client.get(
        reverse("samverkan_sync_target:deliveries", args=(target.pk,))
    )
    assert page.status_code == 200
    assert "HTTP 503" in page.content.decode()

    one = Delivery.objects.get(object_id=first.uuid)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("samverkan_sync_target:resend", args=(target.pk, one.pk))
        )
    one.refresh_from_db()
    assert one.status == DeliveryStatus.DELIVERED
    assert list(partner.state) == [str(first.uuid)]

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("samverkan_sync_target:resend_failed", args=(target.pk,)),
            {"since": (timezone.localdate() - datetime.timedelta(days=1)).isoformat()},
        )
    assert set(Delivery.objects.values_list("status", flat=True)) == {"delivered"}
    assert len(partner.state) == 2


def test_full_resync_in_admin_sends_everything_with_new_ids(
    admin_client, region, org_a, partner, django_capture_on_commit_callbacks
):
    target = target_for(region, partner.url)
    with django_capture_on_commit_callbacks(execute=True):
        pages = [publish(InterventionPageFactory(parent=org_a)) for _ in range(3)]
        pages[0].unpublish()
    first_ids = set(partner.applied)
    partner.state.clear()

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("samverkan_sync_target:resync", args=(target.pk,)))

    assert set(partner.state) == {str(p.uuid) for p in pages[1:]}
    assert not (set(partner.applied) - first_ids) & first_ids
    assert target.deliveries.filter(resync=True).count() == 2


def test_sync_resync_command(
    region, org_a, partner, django_capture_on_commit_callbacks
):
    target = target_for(region, partner.url, name="Portalen")
    with django_capture_on_commit_callbacks(execute=False):
        for _ in range(4):
            publish(InterventionPageFactory(parent=org_a))
    out, err = io.StringIO(), io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("sync_resync", "Portalen", stdout=out, stderr=err)
    assert "Queued 4 deliveries" in out.getvalue()
    assert "4/4" in err.getvalue()  # the progress bar
    assert len(partner.state) == 4
    assert target.deliveries.filter(resync=True, status="delivered").count() == 4


def test_dashboard_shows_sync_health(
    admin_client, region, org_a, partner, django_capture_on_commit_callbacks
):
    target = target_for(region, partner.url, name="Trasig partner")
    with django_capture_on_commit_callbacks(execute=False):
        publish(InterventionPageFactory(parent=org_a))
    Target.objects.filter(pk=target.pk).update(failing_since=timezone.now())
    response = admin_client.get(reverse("wagtailadmin_home"))
    content = response.content.decode()
    assert "samverkan-sync-health-heading" in content
    assert "Trasig partner" in content
    assert "<strong>1</strong>" in content  # one waiting delivery


def test_delivery_view_shows_the_attempt_history(
    admin_client, region, org_a, partner, django_capture_on_commit_callbacks
):
    target = target_for(region, partner.url)
    partner.script.extend(["503", "429:1"])
    with django_capture_on_commit_callbacks(execute=True):
        publish(InterventionPageFactory(parent=org_a))
    delivery = Delivery.objects.get()
    for _ in range(2):
        Delivery.objects.update(next_attempt_at=timezone.now())
        target_drain(target_id=target.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 3)

    listing = admin_client.get(
        reverse("samverkan_sync_target:deliveries", args=(target.pk,))
    )
    url = reverse("samverkan_sync_target:delivery", args=(target.pk, delivery.pk))
    assert url in listing.content.decode()
    content = admin_client.get(url).content.decode()
    for shown in ("HTTP 503", "HTTP 429", str(delivery.message_id)):
        assert shown in content
    assert content.count('class="samverkan-sync-attempt"') == 3


def test_delivery_view_is_for_the_targets_admins_only(
    client, region, org_a, partner, editor_a, django_capture_on_commit_callbacks
):
    target = target_for(region, partner.url)
    with django_capture_on_commit_callbacks(execute=True):
        publish(InterventionPageFactory(parent=org_a))
    delivery = Delivery.objects.get()
    client.force_login(editor_a)
    response = client.get(
        reverse("samverkan_sync_target:delivery", args=(target.pk, delivery.pk))
    )
    assert response.status_code in (302, 403, 404)


def test_delivery_log_says_in_swedish_why_a_delivery_failed(
    admin_client, region, org_a, django_capture_on_commit_callbacks
):
    """The stored summary stays English ("connection error": logs read it);
    the delivery log shows it in the reader's language."""
    target = target_for(region, "http://127.0.0.1:9/hook")  # nothing listens
    with django_capture_on_commit_callbacks(execute=True):
        publish(InterventionPageFactory(parent=org_a))
    target_drain(target_id=target.pk)
    delivery = Delivery.objects.get()
    assert delivery.last_error == "connection error"

    listing = admin_client.get(
        reverse("samverkan_sync_target:deliveries", args=(target.pk,)),
        HTTP_ACCEPT_LANGUAGE="sv",
    ).content.decode()
    detail = admin_client.get(
        reverse("samverkan_sync_target:delivery", args=(target.pk, delivery.pk)),
        HTTP_ACCEPT_LANGUAGE="sv",
    ).content.decode()
    for content in (listing, detail):
        assert "Anslutningen misslyckades" in content
        assert "connection error" not in content


@pytest.mark.parametrize(
    ("summary", "swedish"),
    [
        ("connection error", "Anslutningen misslyckades"),
        ("timeout", "Inget svar i tid"),
        ("HTTP 503", "Mottagaren svarade HTTP 503"),
        ("unsafe address: loopback", "Adressen är inte tillåten: loopback"),
        ("SSLError", "Oväntat fel (SSLError)"),
        ("", ""),
    ],
)
def test_error_summaries_read_in_swedish(summary, swedish):
    from django.utils import translation

    from sync.errors import error_text

    with translation.override("sv"):
        assert error_text(summary) == swedish
