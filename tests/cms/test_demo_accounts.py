"""demo_accounts: three accounts with fresh passwords on every run, each
with the rights its role needs."""

import io
import re

from django.contrib.auth import get_user_model
from django.core.management import call_command


def logs_in(username, password) -> bool:
    return get_user_model().objects.get(username=username).check_password(password)


def run_demo_accounts() -> dict:
    out = io.StringIO()
    call_command("demo_accounts", stdout=out)
    return dict(re.findall(r": (\S+) / (\S+)", out.getvalue()))


def test_three_accounts_that_log_in_with_their_roles(org_a):
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


def test_every_run_gives_new_passwords(org_a):
    first = run_demo_accounts()
    second = run_demo_accounts()
    for username in first:
        assert first[username] != second[username]
        assert not logs_in(username, first[username])
