import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext

from cms.models import OrganisationPage, Person

EDITOR_ORGANISATION_SLUG = "botkyrka"
EDITOR_PERSON_EMAIL = "elin.sandberg@example.se"


class Command(BaseCommand):
    help = (
        "Create or reset the demo's accounts with fresh random passwords and print "
        "them: an administrator (superuser), an editor of one municipality and a "
        "communicator who composes and sends the newsletter."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        admin_password = secrets.token_urlsafe(12)
        admin, _created = User.objects.get_or_create(
            username="admin", defaults={"email": "admin@example.se"}
        )
        admin.is_staff = admin.is_superuser = True
        admin.set_password(admin_password)
        admin.save()

        organisation = OrganisationPage.objects.filter(
            slug=EDITOR_ORGANISATION_SLUG
        ).first()
        if organisation is None or organisation.editors_group is None:
            raise CommandError("Load the demo data first: manage.py seed_demo")
        editor_password = secrets.token_urlsafe(12)
        editor, _created = User.objects.get_or_create(
            username="redaktor.botkyrka",
            defaults={
                "email": EDITOR_PERSON_EMAIL,
                "first_name": "Elin",
                "last_name": "Sandberg",
            },
        )
        editor.set_password(editor_password)
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
        communicator_password = secrets.token_urlsafe(12)
        communicator, _created = User.objects.get_or_create(
            username="kommunikator",
            defaults={
                "email": "kommunikator@example.se",
                "first_name": "Sara",
                "last_name": "Nilsson",
            },
        )
        communicator.set_password(communicator_password)
        communicator.save()
        communicator.groups.add(communicators)

        self.stdout.write("Samverkan demo accounts (passwords are new on every start):")
        self.stdout.write(f"  administrator: admin / {admin_password}")
        self.stdout.write(
            f"  editor of {organisation.title}: redaktor.botkyrka / {editor_password}"
        )
        self.stdout.write(
            f"  communicator (newsletter): kommunikator / {communicator_password}"
        )
