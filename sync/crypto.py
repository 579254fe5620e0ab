"""Encryption of target credentials at rest (Fernet: AES-128-CBC + HMAC)."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken

from django.conf import settings

from sync.conf import conf


def _fernet() -> Fernet:
    key = conf("CREDENTIALS_KEY")
    if not key:
        digest = hashlib.sha256(
            b"samverkan-sync-credentials:" + settings.SECRET_KEY.encode()
        ).digest()
        key = base64.urlsafe_b64encode(digest)
    return Fernet(key)


def secret_encrypt(plain: str) -> str:
    return _fernet().encrypt(plain.encode()).decode() if plain else ""


def secret_decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ValueError("credentials cannot be decrypted with this key") from error
