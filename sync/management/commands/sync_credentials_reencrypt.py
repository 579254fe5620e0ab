"""Encrypt every partner target's stored credentials with the newest key
(after a SECRET_KEY rotation or a new SAMVERKAN_SYNC_CREDENTIALS_KEY)."""

from django.core.management.base import BaseCommand, CommandError

from sync.services.targets import targets_credentials_reencrypt


class Command(BaseCommand):
    help = (
        "Re-encrypt the partner targets' credentials with the newest key; "
        "then the old key can be removed from SECRET_KEY_FALLBACKS."
    )

    def handle(self, *args, **options):
        done, failed = targets_credentials_reencrypt()
        self.stdout.write(f"{done} target(s) re-encrypted")
        if failed:
            raise CommandError(
                "no key decrypts the credentials of: " + ", ".join(failed)
            )
