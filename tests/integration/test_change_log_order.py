"""Change-log rows are numbered in commit order on PostgreSQL: a writer
that starts while another is still uncommitted waits for it, so a reader
that resumes after the last id it saw can never skip a row that commits
later with a smaller id."""

import threading
import time

import pytest

from django.db import connection, transaction

from cms.changes.log import change_record
from cms.models import ContentChange
from tests.factories import InterventionPageFactory, OrganisationPageFactory, publish

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _wait_for_a_writer_blocked_on_a_lock(timeout: float = 10.0) -> None:
    """Until PostgreSQL shows a session of this database waiting for a lock
    (the second writer), instead of sleeping and hoping it got there."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)
    raise AssertionError("the second writer never waited for a lock")


def test_a_second_writer_waits_for_the_first_to_commit(region):
    org = OrganisationPageFactory(parent=region, title="Botkyrka kommun")
    first_page = publish(InterventionPageFactory(parent=org, title="Första"))
    second_page = publish(InterventionPageFactory(parent=org, title="Andra"))
    start = ContentChange.objects.order_by("-id").values_list("id", flat=True)[0]

    first_recorded = threading.Event()
    release_first = threading.Event()
    ids = {}

    def first():
        try:
            with transaction.atomic():
                ids["first"] = change_record(page=first_page).id
                first_recorded.set()
                release_first.wait(10)
        finally:
            connection.close()

    def second():
        try:
            first_recorded.wait(10)
            ids["second"] = change_record(page=second_page).id
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    assert first_recorded.wait(10)
    _wait_for_a_writer_blocked_on_a_lock()
    # The first writer has not committed: nothing new is visible, and the
    # second writer is still waiting for its turn.
    assert not ContentChange.objects.filter(id__gt=start).exists()
    assert "second" not in ids

    release_first.set()
    for thread in threads:
        thread.join(10)

    assert ids["first"] < ids["second"]
    assert list(
        ContentChange.objects.filter(id__gt=start).values_list("page_id", flat=True)
    ) == [first_page.pk, second_page.pk]
