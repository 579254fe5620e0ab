"""Stable ids: UUIDv5s of HSDS_NAMESPACE, so they never change between
requests."""

import uuid

# Namespace of every derived id. Never change it: partners store the ids.
HSDS_NAMESPACE = uuid.UUID("77132fe9-c617-4b1a-a529-9857f58186bd")
TAXONOMY_ID = uuid.uuid5(HSDS_NAMESPACE, "taxonomy:samverkan-intervention-categories")


def derived_id(owner, kind: str, key="") -> str:
    """A stable UUIDv5 for a nested object of `kind` under `owner`."""
    return str(uuid.uuid5(HSDS_NAMESPACE, f"{owner}:{kind}:{key}"))


def taxonomy_term_id(category) -> str:
    return str(uuid.uuid5(HSDS_NAMESPACE, f"taxonomy_term:{category.slug}"))
