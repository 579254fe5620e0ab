"""Lookups for the intervention import: the organisations, people,
categories, languages and municipalities the rows refer to, each fetched
once per file, and free slugs for new pages."""

from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from cms.importing import values
from cms.importing.values import REQUIRED, CellError
from cms.models import (
    InterventionCategory,
    Language,
    OrganisationKind,
    OrganisationPage,
    Person,
)


class ImportLookups:
    """The references rows make, looked up once per file. With a `scope`
    (primary keys), only those organisations may be named."""

    def __init__(self, *, scope: set[int] | None = None):
        self.scope = scope
        self.categories = list(InterventionCategory.objects.all())
        self.languages_by_code = {
            lang.code.lower(): lang for lang in Language.objects.all()
        }
        self.organisations: dict[str, list[OrganisationPage]] = {}
        self.people: dict[int, dict[str, Person]] = {}
        self.regions: dict[int, dict[str, OrganisationPage]] = {}
        self.slugs: dict[int, set[str]] = {}

    def organisation(self, raw) -> OrganisationPage:
        slug = values.text(raw)
        if not slug:
            raise CellError(REQUIRED)
        if slug.lower() not in self.organisations:
            found = OrganisationPage.objects.filter(slug__iexact=slug)
            self.organisations[slug.lower()] = list(found[:2])
        found = self.organisations[slug.lower()]
        if self.scope is not None and not any(o.pk in self.scope for o in found):
            raise CellError(
                _("Unknown organisation “%(value)s”, or not one you may edit.")
                % {"value": slug}
            )
        if len(found) != 1:
            message = (
                _("Unknown organisation “%(value)s”.")
                if not found
                else _("Several organisations have the slug “%(value)s”.")
            )
            raise CellError(message % {"value": slug})
        return found[0]

    def category(self, raw) -> InterventionCategory | None:
        wanted = values.text(raw).lower()
        if not wanted:
            return None  # full_clean reports the missing category
        for category in self.categories:
            if wanted in (category.slug.lower(), category.name.lower()):
                return category
        raise CellError(
            _("Unknown category “%(value)s”.") % {"value": values.text(raw)}
        )

    def languages(self, raw) -> list[Language]:
        codes = values.split_list(raw)
        unknown = [code for code in codes if code.lower() not in self.languages_by_code]
        if unknown:
            raise CellError(
                _("Unknown language code: %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return list({self.languages_by_code[code.lower()]: None for code in codes})

    def municipalities(self, raw, organisation) -> list[OrganisationPage]:
        region = organisation.get_parent()
        if region.pk not in self.regions:
            found = OrganisationPage.objects.child_of(region).filter(
                kind=OrganisationKind.MUNICIPALITY
            )
            self.regions[region.pk] = {
                key.lower(): page for page in found for key in (page.slug, page.title)
            }
        by_name = self.regions[region.pk]
        names = values.split_list(raw)
        unknown = [name for name in names if name.lower() not in by_name]
        if unknown:
            raise CellError(
                _("Not a municipality of %(region)s: %(names)s.")
                % {"region": region.title, "names": ", ".join(unknown)}
            )
        return list({by_name[name.lower()]: None for name in names})

    def person(self, raw, organisation) -> Person | None:
        email = values.text(raw).lower()
        if not email:
            return None
        if organisation.pk not in self.people:
            people = Person.objects.filter(organisation=organisation).exclude(email="")
            self.people[organisation.pk] = {p.email.lower(): p for p in people}
        if email not in self.people[organisation.pk]:
            raise CellError(
                _("No person with the e-mail “%(email)s” at %(organisation)s.")
                % {"email": values.text(raw), "organisation": organisation.title}
            )
        return self.people[organisation.pk][email]

    def slug(self, organisation, title: str) -> str:
        """A slug for a new page, free among the organisation's pages and the
        new pages of earlier rows."""
        if organisation.pk not in self.slugs:
            children = organisation.get_children().values_list("slug", flat=True)
            self.slugs[organisation.pk] = set(children)
        taken = self.slugs[organisation.pk]
        unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
        base = slugify(title, allow_unicode=unicode)[:240] or "insats"
        slug, suffix = base, 1
        while slug in taken:
            suffix += 1
            slug = f"{base}-{suffix}"
        taken.add(slug)
        return slug
