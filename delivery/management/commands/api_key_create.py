from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from delivery.access.keys import api_key_create


class Command(BaseCommand):
    help = _("Create a partner API key and print it (it is shown only this once).")

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--contact-email", default="")
        parser.add_argument("--requests-per-minute", type=int, default=None)

    def handle(self, *args, **options):
        key, secret = api_key_create(
            name=options["name"],
            contact_email=options["contact_email"],
            requests_per_minute=options["requests_per_minute"],
        )
        self.stderr.write(
            _("Key %(prefix)s for %(name)s; it cannot be shown again:")
            % {"prefix": key.prefix, "name": key.name}
        )
        self.stdout.write(secret)
