from sync.models import Target
from sync.services import target_save
from tests.sync.conftest import SECRET


def target_for(region, url, *, secret=SECRET, **fields) -> Target:
    """A saved target of the region (through the service, so the URL check
    runs)."""
    fields.setdefault("name", "Partner")
    return target_save(target=Target(region=region, url=url, **fields), secret=secret)
