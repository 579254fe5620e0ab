"""`manage.py sync_demo --port N`: create the demo's webhook target at
http://127.0.0.1:N/ (loopback: allowed by the dev settings only) and queue
the current content for it; `--serve` runs the receiver that answers it."""

from django.core.management.base import BaseCommand, CommandError

from cms.models import RegionPage
from demo.sync import demo_receiver_serve, demo_target_ensure


class Command(BaseCommand):
    help = (
        "Create the demo's partner target on the loopback interface and queue "
        "the content for it (--serve: run the receiver instead)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8079)
        parser.add_argument("--serve", action="store_true")

    def handle(self, *args, port, serve, **options):
        if serve:
            self.stdout.write(f"Demo partner receiver on http://127.0.0.1:{port}/")
            demo_receiver_serve(port=port)
            return
        region = RegionPage.objects.filter(slug="sodertorn").first()
        if region is None:
            raise CommandError("Load the demo data first: manage.py seed_demo")
        target, queued = demo_target_ensure(
            region=region, url=f"http://127.0.0.1:{port}/webhook"
        )
        self.stdout.write(
            f"Demo partner target {target.name}: {queued} deliveries queued"
        )
