"""Admin viewsets of the cms app (registered in wagtail_hooks.py)."""
