from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data and demo accounts (`make demo`): installed by the dev and
    test settings only, never in production."""

    name = "demo"
    label = "samverkan_demo"
    verbose_name = "Samverkan demo"
