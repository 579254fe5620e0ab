"""Encryption of target credentials at rest (Fernet: AES-128-CBC + HMAC).

Keys, newest first (MultiFernet: the first encrypts, any decrypts):
SAMVERKAN_SYNC_CREDENTIALS_KEY (one key, or several separated by commas),
else keys derived from SECRET_KEY and then from each of
SECRET_KEY_FALLBACKS. So rotating SECRET_KEY the Django way (the old key
moved to SECRET_KEY_FALLBACKS) strands no stored secret; `manage.py
sync_credentials_reencrypt` then encrypts them all with the newest key, after
which the old key can leave the fallbacks."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from django.conf import settings

from sync.conf import conf


def _derived(secret: str) -> bytes:
    digest = hashlib.sha256(b"samverkan-sync-credentials:" + secret.encode()).digest()
    return base64.urlsafe_b64encode(digest)


def credential_keys() -> list[bytes]:
    configured = conf("CREDENTIALS_KEY")
    if configured:
        if isinstance(configured, str):
            configured = configured.split(",")
        return [key.strip().encode() for key in configured if key.strip()]
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [_derived(secret) for secret in secrets if secret]


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in credential_keys()])


def secret_encrypt(plain: str) -> str:
    return _fernet().encrypt(plain.encode()).decode() if plain else ""


def secret_decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ValueError("credentials cannot be decrypted with this key") from error


def secret_reencrypt(token: str) -> str:
    """`token` encrypted again with the newest key (ValueError if no key
    decrypts it)."""
    if not token:
        return ""
    try:
        return _fernet().rotate(token.encode()).decode()
    except InvalidToken as error:
        raise ValueError("credentials cannot be decrypted with this key") from error
