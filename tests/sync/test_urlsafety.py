"""SSRF rules: on save, and at send time against the address connected to
(DNS rebinding), with redirects never followed."""

import socket

import pytest

from sync.http import client_new
from sync.models import Delivery, DeliveryStatus, Target
from sync.services import target_drain, target_save
from sync.urlsafety import UnsafeUrl, url_check
from tests.factories import InterventionPageFactory, publish
from tests.sync.factories import target_for
from tests.sync.partner_stub import PartnerStub


@pytest.fixture
def fake_dns(monkeypatch):
    """Names of our choosing resolve to addresses of our choosing (the one
    outside thing we cannot run here: a public DNS zone)."""
    table = {}
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in table:
            family = socket.AF_INET6 if ":" in table[host] else socket.AF_INET
            return [(family, socket.SOCK_STREAM, 6, "", (table[host], port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return table


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hook",
        "https://[::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://[::ffff:7f00:1]/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://2130706433/hook",  # 127.0.0.1 as a decimal number
        "https://0x7f.0.0.1/hook",
        "https://017700000001/hook",  # octal
        "https://10.0.0.5/hook",
        "https://192.168.1.1/hook",
        "https://172.16.0.1/hook",
        "https://[fd00::1]/hook",
        "https://[fe80::1]/hook",
        "https://0.0.0.0/hook",
        "https://localhost/hook",
        "http://93.184.215.14/hook",  # plain http to a public host
        "ftp://93.184.215.14/hook",
        "https://user:pw@93.184.215.14/hook",
    ],
)
def test_unsafe_urls_are_refused(url):
    with pytest.raises(UnsafeUrl):
        url_check(url)


def test_public_https_url_is_accepted(fake_dns):
    fake_dns["partner.example.se"] = "93.184.215.14"
    url_check("https://partner.example.se/hook")


def test_name_resolving_to_a_private_address_is_refused(fake_dns):
    fake_dns["intranet.example.se"] = "10.1.2.3"
    with pytest.raises(UnsafeUrl):
        url_check("https://intranet.example.se/hook")
    fake_dns["mapped.example.se"] = "::ffff:169.254.169.254"
    with pytest.raises(UnsafeUrl):
        url_check("https://mapped.example.se/hook")


@pytest.mark.django_db
def test_refused_on_save(region):
    with pytest.raises(UnsafeUrl):
        target_save(
            target=Target(region=region, name="x", url="https://169.254.169.254/")
        )
    assert not Target.objects.exists()


@pytest.mark.django_db
def test_http_only_for_hosts_allowed_in_settings(region, sync_settings):
    target_for(region, "http://127.0.0.1:9/hook")  # allowed in the tests' settings
    sync_settings.SAMVERKAN_SYNC = {
        **sync_settings.SAMVERKAN_SYNC,
        "INSECURE_HOSTS": [],
    }
    with pytest.raises(UnsafeUrl):
        target_for(region, "http://127.0.0.1:9/hook")


@pytest.mark.django_db
def test_dns_rebinding_is_caught_at_send_time(
    region, org_a, partner, fake_dns, sync_settings, django_capture_on_commit_callbacks
):
    """The name was public when saved; when sending it points at loopback,
    and the connection is refused before a byte is sent."""
    fake_dns["rebind.example.se"] = "93.184.215.14"
    sync_settings.SAMVERKAN_SYNC = {
        **sync_settings.SAMVERKAN_SYNC,
        "INSECURE_HOSTS": ["rebind.example.se"],
    }
    port = partner.server.server_address[1]
    target = target_for(region, f"http://rebind.example.se:{port}/hook")
    # From now on the name is no longer trusted, and resolves to loopback.
    sync_settings.SAMVERKAN_SYNC = {
        **sync_settings.SAMVERKAN_SYNC,
        "INSECURE_HOSTS": [],
    }
    fake_dns["rebind.example.se"] = "127.0.0.1"
    with django_capture_on_commit_callbacks(execute=False):
        publish(InterventionPageFactory(parent=org_a))

    target_drain(target_id=target.pk, budget_seconds=0.1)

    assert partner.requests == []
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.last_error.startswith("unsafe address")


def test_client_refuses_loopback_connections(sync_settings):
    sync_settings.SAMVERKAN_SYNC = {
        **sync_settings.SAMVERKAN_SYNC,
        "INSECURE_HOSTS": [],
    }
    stub = PartnerStub().start()
    try:
        with pytest.raises(UnsafeUrl):
            client_new().request("POST", stub.url, body=b"{}")
    finally:
        stub.stop()
    assert stub.requests == []


@pytest.mark.django_db
def test_redirect_to_an_internal_address_is_not_followed(
    region, org_a, partner, django_capture_on_commit_callbacks
):
    internal = PartnerStub().start()
    try:
        partner.script.append(f"302:{internal.url}")
        target = target_for(region, partner.url)
        with django_capture_on_commit_callbacks(execute=False):
            publish(InterventionPageFactory(parent=org_a))
        target_drain(target_id=target.pk, budget_seconds=0.1)
    finally:
        internal.stop()
    assert internal.requests == []
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.last_status_code) == ("pending", 302)
