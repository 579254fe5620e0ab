import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cms.models import OrganisationPage, Person

EDITOR_ORGANISATION_SLUG = "botkyrka"
EDITOR_PERSON_EMAIL = "elin.sandberg@example.se"


class Command(BaseCommand):
    help = (
        "Create or reset the demo's accounts with fresh random passwords and print "
        "them: an administrator (superuser) and an editor of one municipality."
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

        self.stdout.write("Samverkan demo accounts (passwords are new on every start):")
        self.stdout.write(f"  administrator: admin / {admin_password}")
        self.stdout.write(
            f"  editor of {organisation.title}: redaktor.botkyrka / {editor_password}"
        )
