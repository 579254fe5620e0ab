"""The public site in the content languages: /<lang>/ paths (Swedish
unprefixed), lang and dir, a language switcher and hreflang alternates that
name only the languages a page exists in, listings per language, the
sitemap's alternates, cache keys per language; draft translations nowhere."""

import re
import xml.etree.ElementTree as ET

import pytest

from django.core.cache import cache
from django.test import RequestFactory
from django.utils import translation

from tests.factories import InterventionPageFactory, publish, translation_of
from web.caching import page_cache_key

pytestmark = pytest.mark.usefixtures("public_site")


@pytest.fixture
def arabic_site(public_site, org_a):
    """The region's home in Arabic, one intervention in Swedish and Arabic,
    one in Swedish only, and a never-published Arabic draft."""
    translation_of(public_site, "ar", title="إتابليرينغ سودرتورن")
    both = publish(
        InterventionPageFactory(parent=org_a, title="Språkcafé", slug="sprakcafe")
    )
    arabic = translation_of(
        both, "ar", title="مقهى اللغة", summary="تدرّب على السويدية مع متطوعين."
    )
    swedish_only = publish(
        InterventionPageFactory(parent=org_a, title="Cykelskola", slug="cykelskola")
    )
    draft_source = publish(
        InterventionPageFactory(parent=org_a, title="Jobbspår", slug="jobbspar")
    )
    draft = translation_of(draft_source, "ar", live=False, title="HEMLIGUTKAST")
    return {
        "swedish": both,
        "arabic": arabic,
        "swedish_only": swedish_only,
        "draft": draft,
        "draft_source": draft_source,
        "region": public_site,
    }


def _switcher(html: str) -> list[str]:
    nav = re.search(r'<nav class="languages".*?</nav>', html, re.S)
    return re.findall(r'hreflang="([a-z]+)"', nav.group(0)) if nav else []


def _alternates(html: str) -> dict[str, str]:
    return dict(
        re.findall(r'<link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)"', html)
    )


def test_arabic_page_is_rtl_and_lists_only_its_languages(client, arabic_site):
    url = arabic_site["arabic"].url
    assert url.startswith("/ar/")

    response = client.get(url)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in html
    assert "مقهى اللغة" in html
    assert _switcher(html) == ["sv", "ar"]
    assert set(_alternates(html)) == {"sv", "ar", "x-default"}
    assert _alternates(html)["sv"] == "http://testserver" + arabic_site["swedish"].url
    # The interface in Arabic too.
    assert "انتقل إلى المحتوى" in html


def test_swedish_page_names_its_translation_and_swedish_only_pages_none(
    client, arabic_site
):
    swedish = client.get(arabic_site["swedish"].url).content.decode()
    alone = client.get(arabic_site["swedish_only"].url).content.decode()

    assert '<html lang="sv" dir="ltr">' in swedish
    assert _switcher(swedish) == ["sv", "ar"]
    assert _switcher(alone) == []
    assert "hreflang" not in alone


def test_a_page_without_the_language_sends_the_reader_to_swedish(client, arabic_site):
    response = client.get("/ar/botkyrka/cykelskola/")
    assert response.status_code == 302
    assert response["Location"] == arabic_site["swedish_only"].url


def test_draft_translation_is_nowhere(client, arabic_site):
    draft = arabic_site["draft"]
    assert client.get(f"/ar/botkyrka/{draft.slug}/").status_code in (302, 404)
    source = client.get(arabic_site["draft_source"].url).content.decode()
    listing = client.get("/ar/insatser/").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    for html in (source, listing, sitemap):
        assert "HEMLIGUTKAST" not in html
    assert _switcher(source) == []


def test_listing_per_language(client, arabic_site):
    arabic = client.get("/ar/insatser/")
    html = arabic.content.decode()

    assert arabic.status_code == 200
    assert '<html lang="ar" dir="rtl">' in html
    assert "مقهى اللغة" in html
    assert "Cykelskola" not in html
    assert _switcher(html) == ["sv", "ar"]
    # English: the region is not translated, so the Swedish listing.
    english = client.get("/en/insatser/?q=cafe")
    assert english.status_code == 302
    assert english["Location"] == "/insatser/?q=cafe"


def test_sitemap_names_alternates_per_language(client, arabic_site):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    ns = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "x": "http://www.w3.org/1999/xhtml",
    }
    urls = {
        url.find("s:loc", ns).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)
        }
        for url in root.findall("s:url", ns)
    }
    base = "http://testserver"
    arabic_url = base + arabic_site["arabic"].url
    swedish_url = base + arabic_site["swedish"].url
    assert urls[arabic_url] == {"sv": swedish_url, "ar": arabic_url}
    assert urls[swedish_url] == {"sv": swedish_url, "ar": arabic_url}
    assert urls[base + "/ar/insatser/"]["sv"] == base + "/insatser/"
    assert urls[base + arabic_site["swedish_only"].url] == {}


def test_page_cache_keys_vary_by_language(settings):
    request = RequestFactory().get("/insatser/")
    with translation.override("sv"):
        swedish = page_cache_key(request, now=0)[0]
    with translation.override("ar"):
        arabic = page_cache_key(request, now=0)[0]
    assert swedish != arabic


def test_cached_pages_keep_their_language(client, arabic_site, settings):
    settings.SAMVERKAN_WEB = {**settings.SAMVERKAN_WEB, "PAGE_CACHE": True}
    cache.clear()
    for _round in range(2):
        arabic = client.get("/ar/insatser/").content.decode()
        swedish = client.get("/insatser/").content.decode()
        assert '<html lang="ar" dir="rtl">' in arabic
        assert '<html lang="sv" dir="ltr">' in swedish
    cache.clear()


def test_privacy_page_and_cms_labels_in_arabic_and_english(client, arabic_site):
    """The privacy notice and the cms labels a page shows (an intervention's
    status, its municipality kind) come in the page's language: Arabic from
    web/locale/ar and cms/locale/ar, English from the source strings."""
    arabic = client.get("/ar/integritet/").content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic
    assert "سياسة الخصوصية" in arabic
    assert "حقوقك" in arabic
    assert "Integritetspolicy" not in arabic and "Dina rättigheter" not in arabic

    translation_of(arabic_site["region"], "en", title="Establishment Södertörn")
    english = client.get("/en/integritet/").content.decode()
    assert '<html lang="en" dir="ltr">' in english
    assert "Privacy policy" in english and "Your rights" in english

    page = arabic_site["arabic"]
    page.status = "temporarily_closed"
    page.save_revision().publish()
    detail = client.get(page.url).content.decode()
    assert "مغلقة مؤقتًا" in detail
    assert "Tillfälligt stängd" not in detail


def test_languages_are_named_for_the_reader_of_each_page(client, arabic_site):
    """Swedish pages name the languages an intervention is given in in
    Swedish; Arabic ones in Arabic (the filter, the listing, the detail
    page, with the language's own name beside it), a language the cms has no
    Arabic name for by its own name; never the Swedish name on an Arabic
    page."""
    from cms.models import Language

    given_in = Language.objects.filter(code__in=["so", "ar", "vi"])
    for page in (arabic_site["swedish"], arabic_site["arabic"]):
        page.languages.set(given_in)
        page.save_revision().publish()

    listing = client.get("/ar/insatser/").content.decode()
    detail = client.get(arabic_site["arabic"].url).content.decode()
    swedish = client.get("/insatser/").content.decode()

    # What the reader sees (the JSON-LD keeps the API's Swedish names).
    listing, detail = (
        re.sub(
            r"<script type=\"application/ld\+json\">.*?</script>", "", html, flags=re.S
        )
        for html in (listing, detail)
    )
    for html in (listing, detail):
        assert "الصومالية" in html and "العربية" in html
        assert "Tiếng Việt" in html  # no Arabic name shipped: its own name
        for swedish_name in ("Somaliska", "Arabiska", "Vietnamesiska"):
            assert swedish_name not in html, swedish_name
    # The filter offers them by those names.
    assert re.search(
        r'value="so" id="(\w+)"><label for="\1">الصومالية</label>', listing
    )
    assert 'lang="so" dir="auto">(Soomaali)</span>' in detail
    for swedish_name in ("Somaliska", "Arabiska", "Vietnamesiska"):
        assert swedish_name in swedish
    assert "الصومالية" not in swedish


def test_language_names_per_interface_language():
    """English pages get the English name, pages whose interface falls back
    to Swedish (Somali) the language's own name, Swedish pages the Swedish."""
    from cms.models import Language

    somali = Language.objects.get(code="so")
    kurdish = Language.objects.get(code="ku")  # no name of ours: its own
    assert somali.name_in("en") == "Somali"
    assert somali.name_in("ar") == "الصومالية"
    assert somali.name_in("sv") == "Somaliska"
    assert somali.name_in("so") == "Soomaali"
    assert Language.objects.get(code="ar").name_in("ti") == "العربية"
    assert kurdish.name_in("ar") == kurdish.native_name == "Kurdî"
    with translation.override("en"):
        assert somali.localized_name == "Somali"


def test_search_finds_the_category_by_its_name_in_the_readers_language(
    client, arabic_site
):
    """The bank's words match a category's name in the page's language as
    well as in Swedish; its names in other languages match nothing there."""
    from cms import selectors
    from cms.models import InterventionCategory, InterventionPage

    meeting_places = InterventionCategory.objects.create(
        name="Mötesplatser",
        slug="motesplatser",
        translations={
            "ar": {"name": "أماكن اللقاء"},
            "en": {"name": "Meeting places"},
        },
    )
    for page in (arabic_site["swedish"], arabic_site["arabic"]):
        page.category = meeting_places
        page.save_revision().publish()

    def found(path: str) -> bool:
        html = client.get(path).content.decode()
        return "مقهى اللغة" in html.split('id="results-heading"')[-1]

    assert found("/ar/insatser/?q=اللقاء")
    assert found("/ar/insatser/?q=mötesplatser")  # Swedish still matches
    assert not found("/ar/insatser/?q=الرياضة")
    swedish = client.get("/insatser/?q=اللقاء").content.decode()
    assert "Språkcafé" not in swedish.split('id="results-heading"')[-1]

    everything = InterventionPage.objects.all()
    in_english = selectors.interventions_filtered(
        everything, text="PLACES", reader_language="en"
    )
    assert arabic_site["swedish"] in in_english
    assert not selectors.interventions_filtered(
        everything, text="places", reader_language="sv"
    ).exists()
    assert not selectors.interventions_filtered(
        everything,
        text="places",
        reader_language="so",  # no Somali name
    ).exists()
