"""Load the demo translations (demo.translations): the region's home,
ten interventions and three news items in English, Arabic and Somali, made
as an editor makes them (a copy for translation, filled in, published).
Idempotent: a page already translated into a language is left alone; the
deliberately outdated Somali translation is made outdated once."""

from django.utils.translation import override

from wagtail.models import Locale, Page

from cms.languages import SOURCE_LANGUAGE
from cms.models import InterventionPage, NewsPage, RegionPage
from demo import translations

# What the source change of the outdated example says in the languages whose
# translations are brought up to date with it.
UPDATED_IN = {
    "en": {"schedule_note": "New participants start every week from January."},
    "ar": {"schedule_note": "يبدأ مشاركون جدد كل أسبوع ابتداءً من يناير."},
}


def _translate(page: Page, code: str, fields: dict) -> Page | None:
    if page is None or page.get_translations().filter(locale__language_code=code):
        return None
    locale = Locale.objects.get(language_code=code)
    with override(SOURCE_LANGUAGE):
        translated = page.specific.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.draft_title = translated.title
    translated.save_revision().publish()
    return translated


def _source(model, **lookup):
    return model.objects.filter(locale__language_code=SOURCE_LANGUAGE, **lookup).first()


def translations_seed(region: RegionPage) -> None:
    for code, fields in translations.REGION.items():
        _translate(region, code, fields)
    for external_id, languages in translations.INTERVENTIONS.items():
        page = _source(InterventionPage, external_id=external_id)
        for code, fields in languages.items():
            _translate(page, code, fields)
    for slug, languages in translations.NEWS.items():
        page = _source(NewsPage, slug=slug)
        for code, fields in languages.items():
            paragraphs = "".join(f"<p>{text}</p>" for text in fields["paragraphs"])
            _translate(
                page,
                code,
                {
                    "title": fields["title"],
                    "lead": fields["lead"],
                    "body": [("text", paragraphs)],
                },
            )
    _outdate_one()


def _outdate_one() -> None:
    """Change the Swedish source of one translated intervention after its
    translations were made; bring every translation but the Somali one up
    to date with it, so that exactly that one is outdated."""
    external_id, outdated_code = translations.OUTDATED
    source = _source(InterventionPage, external_id=external_id)
    change = translations.OUTDATED_SOURCE_CHANGE
    if source is None or all(getattr(source, k) == v for k, v in change.items()):
        return
    for name, value in change.items():
        setattr(source, name, value)
    source.save_revision().publish()
    for translated in source.get_translations().specific():
        code = translated.locale.language_code
        if code == outdated_code or code not in UPDATED_IN:
            continue
        for name, value in UPDATED_IN[code].items():
            setattr(translated, name, value)
        translated.save_revision().publish()
