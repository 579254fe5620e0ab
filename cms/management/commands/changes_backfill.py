from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.changes.list_membership import served_records_seed
from cms.changes.log import changes_backfill


class Command(BaseCommand):
    help = _(
        "Record in the change log (the changes feed and the sync outbox) every "
        "difference between it and what the public sees now. Safe to repeat."
    )

    def handle(self, *args, **options):
        recorded = changes_backfill()
        # And what each intervention serves, where nothing is recorded yet
        # (cms.changes.list_membership).
        served_records_seed()
        self.stdout.write(
            ngettext(
                "%(count)d change recorded.", "%(count)d changes recorded.", recorded
            )
            % {"count": recorded}
        )
