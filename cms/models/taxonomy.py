from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cms.languages import SOURCE_LANGUAGE, base_language, language_name_in


class InterventionCategory(models.Model):
    """A category of the intervention bank (SFI, civic orientation, ...).
    A managed taxonomy: central administrators edit it."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    # The name and description in the other content languages:
    # {"ar": {"name": "...", "description": "..."}, ...}; edited in the
    # category's form (cms.content.category_form), one field per language.
    translations = models.JSONField(_("translations"), default=dict, blank=True)

    class Meta:
        verbose_name = _("intervention category")
        verbose_name_plural = _("intervention categories")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def _translated(self, field: str, language: str) -> str:
        entry = (self.translations or {}).get(base_language(language or ""))
        value = entry.get(field) if isinstance(entry, dict) else None
        return value.strip() if isinstance(value, str) else ""

    def has_name_in(self, language: str) -> bool:
        return bool(self._translated("name", language))

    def name_in(self, language: str) -> str:
        """The category's name in `language`, else in Swedish."""
        return self._translated("name", language) or self.name

    def description_in(self, language: str) -> str:
        """The description in `language`, else in Swedish."""
        return self._translated("description", language) or self.description

    @property
    def localized_name(self) -> str:
        """The name in the active language (the public page's): what
        templates show."""
        return self.name_in(get_language() or SOURCE_LANGUAGE)


class Language(models.Model):
    """A language an intervention is offered in, by ISO 639-1 code (or
    ISO 639-3 where a language has no two-letter code)."""

    code = models.CharField(_("ISO 639 code"), max_length=3, unique=True)
    name = models.CharField(_("name in Swedish"), max_length=60)
    native_name = models.CharField(_("native name"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def name_in(self, language: str) -> str:
        """The language's name for a reader of a page in `language`.

        Swedish pages keep the name in Swedish (the database's). Elsewhere
        the reader gets the name in the page's interface language where the
        cms ships one (Arabic, English: an Arabic page lists "الصومالية",
        not "Somaliska", as any Arabic text would), else the language's own
        name ("Soomaali"): on a page whose interface falls back to Swedish
        (Somali, Tigrinya...), or for a language we have no name for, a
        newcomer still finds their language by the name they know it by,
        and no Swedish word is put before a reader who came for another
        language."""
        if base_language(language or "") in ("", SOURCE_LANGUAGE):
            return self.name
        return language_name_in(self.code, language) or self.native_name or self.name

    @property
    def localized_name(self) -> str:
        """The name for the active language (the public page's): what
        templates show."""
        return self.name_in(get_language() or SOURCE_LANGUAGE)
