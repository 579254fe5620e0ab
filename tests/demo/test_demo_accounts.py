"""demo_accounts: three accounts, each with the rights its role needs, whose
passwords are kept in VAR_DIR across runs until asked to reset them."""

import io
import re
import stat

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command

from demo.sodertorn import COLLABORATION_OFFICE
from tests.factories import OrganisationPageFactory, PersonFactory, publish


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def logs_in(username, password) -> bool:
    return get_user_model().objects.get(username=username).check_password(password)


def run_demo_accounts(*args) -> dict:
    out = io.StringIO()
    call_command("demo_accounts", *args, stdout=out)
    return dict(re.findall(r": (\S+) / (\S+)", out.getvalue()))


def test_three_accounts_that_log_in_with_their_roles(org_a, region):
    office = publish(
        OrganisationPageFactory(
            parent=region, title="Samordningen", slug=COLLABORATION_OFFICE
        )
    )
    sara = PersonFactory(organisation=office, email="sara.nilsson@example.se")

    passwords = run_demo_accounts()

    assert set(passwords) == {"admin", "redaktor.botkyrka", "kommunikator"}
    for username, password in passwords.items():
        assert logs_in(username, password)
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    editor = User.objects.get(username="redaktor.botkyrka")
    assert editor.groups.filter(pk=org_a.editors_group_id).exists()
    communicator = User.objects.get(username="kommunikator")
    assert not communicator.is_superuser
    assert communicator.has_perm("samverkan_newsletter.change_newsletterissue")
    assert not communicator.has_perm("samverkan_newsletter.change_subscriber")
    # The collaboration's own news and meetings: an editor of its office.
    assert communicator.groups.filter(pk=office.editors_group_id).exists()
    assert not communicator.groups.filter(pk=org_a.editors_group_id).exists()
    sara.refresh_from_db()
    assert sara.user == communicator


def test_passwords_are_kept_until_reset(org_a, var_dir):
    first = run_demo_accounts()
    second = run_demo_accounts()
    assert first == second
    kept = var_dir / "demo_accounts.json"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    for username, password in second.items():
        assert logs_in(username, password)

    reset = run_demo_accounts("--reset")

    for username in first:
        assert first[username] != reset[username]
        assert not logs_in(username, first[username])
        assert logs_in(username, reset[username])
    assert run_demo_accounts() == reset
