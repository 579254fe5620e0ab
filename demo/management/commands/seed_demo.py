from django.core.management.base import BaseCommand

from demo.seed import demo_seed


class Command(BaseCommand):
    help = "Load the Södertörn demo data (idempotent: a second run changes nothing)."

    def handle(self, *args, **options):
        region = demo_seed()
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {region.title}"))
