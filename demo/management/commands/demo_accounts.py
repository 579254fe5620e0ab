import json
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext

from cms.models import OrganisationPage, Person
from demo.sodertorn import COLLABORATION_OFFICE

EDITOR_ORGANISATION_SLUG = "botkyrka"
EDITOR_PERSON_EMAIL = "elin.sandberg@example.se"
COMMUNICATOR_PERSON_EMAIL = "sara.nilsson@example.se"
USERNAMES = ("admin", "redaktor.botkyrka", "kommunikator")


def _passwords_file():
    return settings.VAR_DIR / "demo_accounts.json"


def _passwords(*, reset: bool) -> dict[str, str]:
    """The demo passwords kept in VAR_DIR (readable by the owner only), so
    that they survive a restart; new ones on the first run or on reset."""
    path = _passwords_file()
    kept = {}
    if path.exists() and not reset:
        kept = json.loads(path.read_text())
    passwords = {
        name: kept.get(name) or secrets.token_urlsafe(12) for name in USERNAMES
    }
    if passwords != kept:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.chmod(0o600)
        path.write_text(json.dumps(passwords, indent=2))
    return passwords


class Command(BaseCommand):
    help = (
        "Create the demo's accounts and print their passwords: an administrator "
        "(superuser), an editor of one municipality and a communicator who "
        "publishes the collaboration's news and meetings and sends the newsletter. "
        "The passwords are kept in var/demo_accounts.json; --reset makes new ones."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Give every account a new password."
        )

    def handle(self, *args, reset=False, **options):
        passwords = _passwords(reset=reset)
        User = get_user_model()
        admin, _created = User.objects.get_or_create(
            username="admin", defaults={"email": "admin@example.se"}
        )
        admin.is_staff = admin.is_superuser = True
        admin.set_password(passwords["admin"])
        admin.save()

        organisation = OrganisationPage.objects.filter(
            slug=EDITOR_ORGANISATION_SLUG
        ).first()
        if organisation is None or organisation.editors_group is None:
            raise CommandError("Load the demo data first: manage.py seed_demo")
        editor, _created = User.objects.get_or_create(
            username="redaktor.botkyrka",
            defaults={
                "email": EDITOR_PERSON_EMAIL,
                "first_name": "Elin",
                "last_name": "Sandberg",
            },
        )
        editor.set_password(passwords["redaktor.botkyrka"])
        editor.save()
        editor.groups.add(organisation.editors_group)
        Person.objects.filter(email=EDITOR_PERSON_EMAIL, user__isnull=True).update(
            user=editor
        )

        # The group made by the newsletter's migration 0004, under the name
        # it was given there.
        with translation.override(settings.LANGUAGE_CODE):
            communicators = Group.objects.filter(name=gettext("Communicators")).first()
        if communicators is None:
            raise CommandError("Migrate first: manage.py migrate")
        communicator, _created = User.objects.get_or_create(
            username="kommunikator",
            defaults={
                "email": COMMUNICATOR_PERSON_EMAIL,
                "first_name": "Sara",
                "last_name": "Nilsson",
            },
        )
        communicator.set_password(passwords["kommunikator"])
        communicator.save()
        communicator.groups.add(communicators)
        # The collaboration's news, meetings and minutes are published under
        # its own office's page: the communicator edits that organisation.
        office = OrganisationPage.objects.filter(slug=COLLABORATION_OFFICE).first()
        if office is not None and office.editors_group is not None:
            communicator.groups.add(office.editors_group)
            Person.objects.filter(
                email=COMMUNICATOR_PERSON_EMAIL, user__isnull=True
            ).update(user=communicator)

        self.stdout.write(
            f"Samverkan demo accounts (passwords kept in {_passwords_file()}; "
            "manage.py demo_accounts --reset makes new ones):"
        )
        self.stdout.write(f"  administrator: admin / {passwords['admin']}")
        self.stdout.write(
            f"  editor of {organisation.title}: redaktor.botkyrka / "
            f"{passwords['redaktor.botkyrka']}"
        )
        office_note = f", news and meetings of {office.title}" if office else ""
        self.stdout.write(
            f"  communicator (newsletter{office_note}): kommunikator / "
            f"{passwords['kommunikator']}"
        )
