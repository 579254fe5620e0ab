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
