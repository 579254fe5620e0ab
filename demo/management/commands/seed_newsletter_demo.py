from django.core.management.base import BaseCommand

from demo.newsletter import newsletter_demo_seed


class Command(BaseCommand):
    help = (
        "Load the newsletter's demo data: invented subscribers in the audiences "
        "and one issue sent by the worker. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--subscribers", type=int, default=300)

    def handle(self, *args, subscribers=300, **options):
        result = newsletter_demo_seed(subscribers=subscribers)
        self.stdout.write(
            f"Newsletter demo: {result['subscribers']} subscribers added"
            + (", one issue sent to them by the worker" if result["issue_sent"] else "")
        )
