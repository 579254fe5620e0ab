"""Signed, expiring one-click links bound to a person and the entries of
one digest (Django signing, salted for this purpose only)."""

from django.core import signing

from cms.reviews.ladder import review_settings

SALT = "samverkan.reviews.digest-link"


def digest_token(*, digest) -> str:
    return signing.dumps({"d": digest.pk, "p": digest.recipient_id}, salt=SALT)


class BadLink(Exception):
    pass


def digest_from_token(token: str):
    """The digest the token was made for; BadLink when tampered, expired or
    no longer matching its person."""
    from cms.models import ReviewDigest

    max_age = review_settings()["LINK_MAX_AGE_DAYS"] * 24 * 3600
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise BadLink("expired") from error
    except signing.BadSignature as error:
        raise BadLink("tampered") from error
    digest = (
        ReviewDigest.objects.select_related("recipient")
        .filter(pk=data.get("d"), recipient_id=data.get("p"))
        .first()
    )
    if digest is None:
        raise BadLink("unknown")
    return digest
