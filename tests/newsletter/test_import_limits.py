"""The subscriber import refuses a file above its size limit with a clear
message, and imports nothing from it."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from newsletter.forms import MAX_IMPORT_BYTES
from newsletter.models import Subscriber


def test_an_oversized_subscriber_file_is_refused_and_nothing_imported(
    client, central_admin
):
    header = b"email,name,organisation,language,audiences\n"
    row = b"person@example.org,Person,,sv,\n"
    data = header + row * (MAX_IMPORT_BYTES // len(row) + 1)
    client.force_login(central_admin)

    response = client.post(
        reverse("samverkan_newsletter_import"),
        {
            "file": SimpleUploadedFile("s.csv", data, "text/csv"),
            "consent_detail": "Partnerdagen",
        },
    )

    assert response.status_code == 200
    assert "Filen är större än 5,0\xa0MB; dela upp den i mindre filer." in (
        response.content.decode()
    )
    assert not Subscriber.objects.exists()
