"""The adapter registry: SAMVERKAN_SYNC["ADAPTERS"] chooses the class that
sends for each kind of target."""

import pytest

from sync.targets.hsds import HsdsAdapter
from sync.targets.registry import adapter_classes
from sync.targets.webhook import WebhookAdapter


class StagingWebhookAdapter(WebhookAdapter):
    """A host project's own variant of an adapter."""


def test_the_built_in_adapters_by_default():
    classes = adapter_classes()
    assert classes["webhook"] is WebhookAdapter
    assert classes["hsds"] is HsdsAdapter
    assert set(classes) == {"webhook", "hsds", "informationsverige"}


def test_a_setting_points_a_name_at_another_class(settings):
    settings.SAMVERKAN_SYNC = {
        **settings.SAMVERKAN_SYNC,
        "ADAPTERS": {
            "webhook": f"{__name__}.StagingWebhookAdapter",
            "hsds": "sync.targets.hsds.HsdsAdapter",
        },
    }
    classes = adapter_classes()
    assert classes["webhook"] is StagingWebhookAdapter
    assert set(classes) == {"webhook", "hsds"}


def test_a_class_that_is_no_adapter_is_refused_with_its_name(settings):
    settings.SAMVERKAN_SYNC = {
        **settings.SAMVERKAN_SYNC,
        "ADAPTERS": {"webhook": "sync.urlsafety.UnsafeUrl"},
    }
    with pytest.raises(TypeError, match=r'\["webhook"\] = "sync.urlsafety.UnsafeUrl"'):
        adapter_classes()
