from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from delivery.access.keys import api_key_revoke
from delivery.models import PartnerApiKey


class Command(BaseCommand):
    help = _("Revoke a partner API key, named by its prefix (svk_<prefix>_...).")

    def add_arguments(self, parser):
        parser.add_argument("prefix")

    def handle(self, *args, **options):
        key = PartnerApiKey.objects.filter(prefix=options["prefix"]).first()
        if key is None:
            raise CommandError(_("No key with that prefix."))
        api_key_revoke(key=key)
        self.stdout.write(_("Revoked: %(key)s") % {"key": key})
