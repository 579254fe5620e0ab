"""Which class sends for each kind of target: SAMVERKAN_SYNC["ADAPTERS"]
maps the name a target stores (SyncTarget.adapter) to the dotted path of an
AdapterBase subclass. A host project may point a name at its own class (for
example a portal's staging variant); the names themselves are the target
model's choices."""

from django.utils.module_loading import import_string

from sync.conf import conf
from sync.targets.base import AdapterBase


def adapter_classes() -> dict[str, type[AdapterBase]]:
    """Every adapter, by the name a target stores."""
    classes = {}
    for name, path in conf("ADAPTERS").items():
        cls = import_string(path)
        if not (isinstance(cls, type) and issubclass(cls, AdapterBase)):
            raise TypeError(
                f'SAMVERKAN_SYNC["ADAPTERS"]["{name}"] = "{path}" is not an AdapterBase subclass'
            )
        classes[name] = cls
    return classes


def adapter_for(*, target, client) -> AdapterBase:
    return adapter_classes()[target.adapter](target=target, client=client)
