"""Reads of the cms app, shared by the admin, the API, sync and newsletter."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from cms.languages import SOURCE_LANGUAGE, base_language
from cms.models import (
    CollaborationGroup,
    GroupMembership,
    OrganisationPage,
    Person,
    RegionPage,
)
from cms.scoping.permissions import editable_pages_q


def organisations_of_region(*, region: RegionPage) -> QuerySet[OrganisationPage]:
    return OrganisationPage.objects.child_of(region).live().order_by("title")


def organisations_current_members(
    *, region: RegionPage, on: datetime.date | None = None
) -> QuerySet[OrganisationPage]:
    day = on or timezone.localdate()
    return organisations_of_region(region=region).filter(
        Q(member_since__lte=day),
        Q(member_until__isnull=True) | Q(member_until__gte=day),
    )


def groups_taken_part_in(
    *, organisations, on: datetime.date | None = None
) -> QuerySet[CollaborationGroup]:
    """Groups in which somebody of one of the organisations holds a seat on
    a day (today by default)."""
    day = on or timezone.localdate()
    return CollaborationGroup.objects.filter(
        Q(memberships__since__isnull=True) | Q(memberships__since__lte=day),
        Q(memberships__until__isnull=True) | Q(memberships__until__gte=day),
        memberships__person__organisation__in=organisations,
    ).distinct()


def _current_q(day: datetime.date, prefix: str = "") -> Q:
    """A membership held on the day (open-ended on either side)."""
    return (
        Q(**{f"{prefix}since__isnull": True}) | Q(**{f"{prefix}since__lte": day})
    ) & (Q(**{f"{prefix}until__isnull": True}) | Q(**{f"{prefix}until__gte": day}))


def group_current_members(
    *, group: CollaborationGroup, on: datetime.date | None = None
) -> QuerySet[GroupMembership]:
    """The group's members on a day (today by default) whom the public may
    see (their organisation is published and public), with person and
    organisation loaded in one query."""
    day = on or timezone.localdate()
    return (
        group.memberships.filter(
            _current_q(day), person__organisation__in=organisations_published()
        )
        .select_related("person", "person__organisation")
        .order_by("sort_order", "pk")
    )


def groups_public() -> QuerySet[CollaborationGroup]:
    """The groups the public may see: those of live, public regions."""
    return CollaborationGroup.objects.filter(
        region__in=RegionPage.objects.live().public()
    ).order_by("pk")


def memberships_public(*, on: datetime.date | None = None) -> QuerySet[GroupMembership]:
    """Seats held on a day (today by default) in public groups by people of
    published, public organisations: what the public may know of who sits
    where."""
    day = on or timezone.localdate()
    return GroupMembership.objects.filter(
        _current_q(day),
        group__in=groups_public(),
        person__organisation__in=organisations_published(),
    )


def people_public(*, on: datetime.date | None = None) -> QuerySet[Person]:
    """The people the public may see: those who hold a seat in a public
    group today (memberships_public). Other people (owners and contacts
    without a seat) are not listed; an intervention shows its own contact."""
    seated = memberships_public(on=on).values("person_id")
    return Person.objects.filter(pk__in=seated).order_by("pk")


def interventions_published(*, language: str | None = None):
    """Every intervention the public may see (in one language when told;
    delivery.api.languages picks the Swedish sources and their translations):
    live, and not behind a view restriction (private or password-protected
    pages and their subtrees), with everything the delivery API shows
    loaded in a fixed number of queries."""
    from django.db.models import Prefetch

    from cms.models import InterventionPage, Language

    public_organisations = OrganisationPage.objects.live().public()
    return (
        InterventionPage.objects.live()
        .public()
        .filter(_in_language(language))
        .select_related("category", "provider", "contact_person", "locale")
        .prefetch_related(
            Prefetch("service_area", queryset=public_organisations.order_by("title")),
            Prefetch("languages", queryset=Language.objects.order_by("name")),
            "locations",
            "opening_times",
            "closures",
        )
    )


def organisations_published(*, language: str | None = None):
    """Public organisation pages (in one language when told)."""
    return OrganisationPage.objects.live().public().filter(_in_language(language))


def news_published(*, region: RegionPage | None = None, language: str | None = None):
    """Public news (live, not behind a view restriction) in one language,
    newest first; of one region when given (then in the region page's
    language unless told: each language has a region page of its own);
    every language when neither is given."""
    from cms.models import NewsPage

    if region is not None:
        language = language or _language_of(region)
    pages = NewsPage.objects.live().public().filter(_in_language(language))
    if region is not None:
        pages = pages.filter(
            path__startswith=_region_path(region=region, language=language)
        )
    return pages.order_by("-date", "-pk")


def _in_language(language: str | None) -> Q:
    """Pages in `language`; every language when None."""
    return Q(locale__language_code=language) if language else Q()


def _language_of(page) -> str:
    return page.locale.language_code if page is not None else SOURCE_LANGUAGE


def _source_region_id(region: RegionPage) -> int:
    """The Swedish region page's id (groups belong to it)."""
    if region.locale.language_code == SOURCE_LANGUAGE:
        return region.pk
    return (
        RegionPage.objects.filter(
            translation_key=region.translation_key,
            locale__language_code=SOURCE_LANGUAGE,
        )
        .values_list("pk", flat=True)
        .first()
    )


def _region_path(*, region: RegionPage, language: str) -> str:
    """The tree path of the region's page in `language` (its own when there
    is none): each language's pages live in a tree of their own."""
    if region.locale.language_code == language:
        return region.path
    translated = (
        RegionPage.objects.filter(
            translation_key=region.translation_key, locale__language_code=language
        )
        .values_list("path", flat=True)
        .first()
    )
    return translated or region.path


def meetings_upcoming(*, group=None, region=None, now=None, language=None):
    """Live meetings that have not ended, soonest first, cancelled ones
    included (shown as cancelled). In the region page's language when not
    told, else Swedish."""
    if region is not None:
        language = language or _language_of(region)
    meetings = meetings_public(language=language)
    if group is not None:
        meetings = meetings.filter(group=group)
    if region is not None:
        meetings = meetings.filter(group__region_id=_source_region_id(region))
    return meetings.filter(ends_at__gte=now or timezone.now()).order_by("starts_at")


def meetings_past(*, group=None, region=None, now=None, language=None):
    """The archive: live meetings that have ended, latest first (language
    as meetings_upcoming)."""
    if region is not None:
        language = language or _language_of(region)
    meetings = meetings_public(language=language)
    if group is not None:
        meetings = meetings.filter(group=group)
    if region is not None:
        meetings = meetings.filter(group__region_id=_source_region_id(region))
    return meetings.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at")


def meeting_published_minutes(meeting) -> dict | None:
    """The meeting's minutes (text, document, approval date), or None while
    they are not approved."""
    if not meeting.minutes_are_public:
        return None
    return {
        "text": meeting.minutes_text,
        "document": meeting.minutes_document,
        "approved_on": meeting.minutes_approved_on,
    }


def deadlines_coming(*, user):
    """Reporting deadlines not yet done, of the projects the user may
    change (every project of the region for its central administrators),
    soonest first. Overdue ones come first."""
    from cms.models import ReportingDeadline

    return (
        ReportingDeadline.objects.filter(done_on__isnull=True)
        .filter(editable_pages_q(user, field="project"))
        .select_related("project", "responsible", "responsible__organisation")
        .order_by("due_on", "pk")
    )


def news_public(*, language: str | None = None):
    """News the public may see (live, not behind a view restriction), in one
    language when told, newest first, with what the delivery API shows loaded in a
    fixed number of queries: tags, and only the published, public related
    pages."""
    from django.db.models import Prefetch

    from cms.models import InterventionPage

    return news_published(language=language).prefetch_related(
        "tags",
        Prefetch(
            "related_interventions",
            queryset=InterventionPage.objects.live().public().order_by("title"),
        ),
        Prefetch(
            "related_organisations",
            queryset=OrganisationPage.objects.live().public().order_by("title"),
        ),
    )


def meetings_public(*, language: str | None = None):
    """Meetings the public may see (live, not behind a view restriction), in
    one language when told, cancelled ones included, soonest
    first, with group and minutes document loaded. Show minutes only through
    meeting_published_minutes()."""
    from cms.models import MeetingPage

    return (
        MeetingPage.objects.live()
        .public()
        .filter(_in_language(language))
        .select_related("group", "minutes_document")
        .order_by("starts_at", "pk")
    )


# The intervention bank's filters, shared by the delivery API
# (delivery.api.filters) and the public site's listing: one rule per filter.
# Several values of one filter widen the match (any of them); different
# filters narrow it (all of them). Relations are matched by subqueries, so
# a page never appears twice and no DISTINCT is needed.

EXCHANGE_OPEN = "open"  # open to other municipalities on any terms
PROGRAMME_IN = "in"  # for a person in the establishment programme
PROGRAMME_OUT = "out"  # for a person outside it


def interventions_filtered(
    queryset,
    *,
    text: str = "",
    municipalities=(),
    categories=(),
    languages=(),
    age: int | None = None,
    programme: str = "",
    delivery_modes=(),
    exchange=(),
    reader_language: str = "",
):
    """Narrow a queryset of interventions. `municipalities` are slugs or
    municipality codes of the municipalities served, `categories` slugs,
    `languages` ISO 639 codes; `exchange` holds "open" (any terms other than
    none), "buy" and/or "swap"; `programme` is "in" or "out"; `text` matches
    every word (at most eight) in title, summary, description, eligibility,
    the category's name (in Swedish, and in `reader_language` where the
    category has a name in it), a language's name or a served
    municipality's name, case-insensitively on SQLite and PostgreSQL."""
    from cms.models import (
        EstablishmentProgramme,
        ExchangeTerms,
        InterventionPage,
        OrganisationKind,
    )

    if municipalities:
        served = InterventionPage.service_area.through.objects.filter(
            organisationpage__in=OrganisationPage.objects.filter(
                Q(slug__in=municipalities) | Q(municipality_code__in=municipalities),
                kind=OrganisationKind.MUNICIPALITY,
            ).values("pk")
        )
        queryset = queryset.filter(pk__in=served.values("interventionpage_id"))
    if categories:
        queryset = queryset.filter(category__slug__in=categories)
    if languages:
        given_in = InterventionPage.languages.through.objects.filter(
            language__code__in=languages
        )
        queryset = queryset.filter(pk__in=given_in.values("interventionpage_id"))
    if age is not None:
        queryset = queryset.filter(
            Q(min_age__isnull=True) | Q(min_age__lte=age),
            Q(max_age__isnull=True) | Q(max_age__gte=age),
        )
    if programme == PROGRAMME_IN:
        queryset = queryset.exclude(
            establishment_programme=EstablishmentProgramme.NON_PARTICIPANTS
        )
    elif programme == PROGRAMME_OUT:
        queryset = queryset.exclude(
            establishment_programme=EstablishmentProgramme.PARTICIPANTS
        )
    if delivery_modes:
        queryset = queryset.filter(delivery_mode__in=delivery_modes)
    if exchange:
        terms = set()
        if EXCHANGE_OPEN in exchange:
            terms |= set(ExchangeTerms.values) - {ExchangeTerms.NONE}
        if ExchangeTerms.BUY in exchange:
            terms |= {ExchangeTerms.BUY, ExchangeTerms.BUY_OR_SWAP}
        if ExchangeTerms.SWAP in exchange:
            terms |= {ExchangeTerms.SWAP, ExchangeTerms.BUY_OR_SWAP}
        queryset = queryset.filter(exchange_terms__in=terms)
    words = text.split()[:8]
    named_in_reading = _category_names_in(reader_language) if words else {}
    for word in words:
        # SQLite folds only ASCII letters: "ÖPPEN" must find "öppen" and
        # "Öppen" there too, so the word is looked for in three spellings.
        spellings = {word.lower(), word.lower().capitalize(), word.upper()}
        match = Q()
        named_languages, named_municipalities = Q(), Q()
        for spelling in spellings:
            for field in TEXT_FIELDS:
                match |= Q(**{f"{field}__icontains": spelling})
            named_languages |= Q(language__name__icontains=spelling)
            named_municipalities |= Q(organisationpage__title__icontains=spelling)
        # "arabiska" finds what is given in Arabic, "Haninge" what serves it.
        given_in = InterventionPage.languages.through.objects.filter(named_languages)
        serving = InterventionPage.service_area.through.objects.filter(
            named_municipalities
        )
        match |= Q(pk__in=given_in.values("interventionpage_id"))
        match |= Q(pk__in=serving.values("interventionpage_id"))
        # "التعليم" on the Arabic page finds the category named so in Arabic.
        folded = word.casefold()
        named = [pk for pk, name in named_in_reading.items() if folded in name]
        if named:
            match |= Q(category_id__in=named)
        queryset = queryset.filter(match)
    return queryset


def _category_names_in(language: str) -> dict[int, str]:
    """{category pk: its name in `language`, case-folded} of the categories
    named in that language (none for Swedish: the database's names are
    searched there). The taxonomy is a short list, read in one query and
    compared in Python, where case folding knows every alphabet."""
    from cms.models import InterventionCategory

    if base_language(language or "") in ("", SOURCE_LANGUAGE):
        return {}
    return {
        category.pk: category.name_in(language).casefold()
        for category in InterventionCategory.objects.only("pk", "name", "translations")
        if category.has_name_in(language)
    }


TEXT_FIELDS = ("title", "summary", "description", "eligibility", "category__name")


def languages_in_bank(*, region: RegionPage) -> list[str]:
    """The codes of the languages the region's bank has interventions in."""
    from cms.models import Language

    in_bank = interventions_in_bank(region=region).values("pk")
    return list(
        Language.objects.filter(interventions__in=in_bank)
        .distinct()
        .order_by("code")
        .values_list("code", flat=True)
    )


def interventions_in_bank(*, region: RegionPage):
    """The region's public bank: published, public interventions that have
    not ended, with what a listing shows (category, provider, municipalities
    served, languages) loaded in a fixed number of queries."""
    from django.db.models import Prefetch

    from cms.models import InterventionPage, InterventionStatus, Language

    return (
        InterventionPage.objects.live()
        .public()
        .descendant_of(region)
        .exclude(status=InterventionStatus.ENDED)
        .select_related("category", "provider")
        .prefetch_related(
            Prefetch(
                "service_area",
                queryset=OrganisationPage.objects.live().public().order_by("title"),
            ),
            Prefetch("languages", queryset=Language.objects.order_by("name")),
        )
    )


def organisations_owning(pages) -> dict[str, OrganisationPage]:
    """The owning organisation (the parent in the tree) of each page, by the
    page's path, in one query."""
    paths = {page.path[: -page.steplen] for page in pages}
    by_path = {
        organisation.path: organisation
        for organisation in OrganisationPage.objects.filter(path__in=paths)
    }
    return {page.path: by_path.get(page.path[: -page.steplen]) for page in pages}


def intervention_categories_in_use(*, region: RegionPage):
    """The categories that have public interventions in the region, with
    their number (`intervention_count`), in the categories' order."""
    from django.db.models import Count

    from cms.models import InterventionCategory

    published = (
        interventions_published(language=region.locale.language_code)
        .descendant_of(region)
        .values("pk")
    )
    return (
        InterventionCategory.objects.filter(interventions__in=published)
        .annotate(intervention_count=Count("interventions", distinct=True))
        .order_by("sort_order", "name")
    )


def organisation_public_content(*, organisation: OrganisationPage) -> dict:
    """What the public may see of one organisation: its interventions (by
    title), latest news, coming meetings and projects."""
    from cms.models import InterventionPage, ProjectPage

    language = organisation.locale.language_code
    return {
        "interventions": InterventionPage.objects.child_of(organisation)
        .live()
        .public()
        .select_related("category")
        .order_by("title"),
        "news": news_published(language=language).child_of(organisation)[:5],
        "meetings": meetings_upcoming(language=language).child_of(organisation)[:5],
        "projects": ProjectPage.objects.child_of(organisation)
        .live()
        .public()
        .order_by("title"),
    }


def pages_public(*, pages) -> list:
    """Those of `pages` the public may see (live, not behind a view
    restriction, their own or an ancestor's), in the order given; one
    query. For names and links a public page shows of other pages."""
    from wagtail.models import Page

    pages = [page for page in pages if page is not None and page.pk]
    if not pages:
        return []
    visible = set(
        Page.objects.live()
        .public()
        .filter(pk__in=[page.pk for page in pages])
        .values_list("pk", flat=True)
    )
    return [page for page in pages if page.pk in visible]
