"""Audiences of a region."""

from newsletter.models import Audience

# Every region starts with these two (slug, name, description).
DEFAULT_AUDIENCES = [
    ("internal-partners", "Interna partner", "Medarbetare hos samverkansparterna."),
    ("external-partners", "Externa partner", "Civilsamhälle, myndigheter och andra."),
]


def audiences_provide_defaults(*, region) -> list[Audience]:
    """The region's default audiences, made if missing."""
    return [
        Audience.objects.get_or_create(
            region=region,
            slug=slug,
            defaults={"name": name, "description": description},
        )[0]
        for slug, name, description in DEFAULT_AUDIENCES
    ]
