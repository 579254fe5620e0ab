"""Addresses of the HSDS view and a helper its tests share."""

from django.urls import reverse

ROOT = reverse("api-hsds:root")
SERVICES = reverse("api-hsds:service-list")
ORGANIZATIONS = reverse("api-hsds:organization-list")


def service_url(id):
    return reverse("api-hsds:service-detail", args=(str(id),))


def organization_url(id):
    return reverse("api-hsds:organization-detail", args=(str(id),))


def names(response):
    assert response.status_code == 200, response.content
    return {item["name"] for item in response.json()["contents"]}
