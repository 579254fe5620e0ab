"""Local development and `make demo`: the embedded defaults, debug on."""

import secrets

from config.env import env, env_bool

from .base import *  # noqa: F403
from .base import VAR_DIR


def _local_secret_key() -> str:
    """A random key kept in VAR_DIR, so sessions survive restarts."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = env("DJANGO_SECRET_KEY") or _local_secret_key()
ALLOWED_HOSTS = ["*"]

# The demo's partner receiver (manage.py sync_demo) listens on loopback:
# allowed here, in development only.
SAMVERKAN_SYNC = {  # noqa: F405
    **SAMVERKAN_SYNC,  # noqa: F405
    "INSECURE_HOSTS": [*SAMVERKAN_SYNC["INSECURE_HOSTS"], "127.0.0.1"],  # noqa: F405
}

# Demo data and accounts (`make demo`): the dev settings only.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
