"""schema.org JSON-LD for detail responses (`?format=jsonld` or
`Accept: application/ld+json`): GovernmentService for interventions,
NewsArticle, Event and GovernmentOrganization. Built from the API's own
serialised data, so JSON-LD can never show more than the JSON does."""

from rest_framework.renderers import JSONRenderer

from cms.models import InterventionPage, MeetingPage, NewsPage, OrganisationPage

CONTEXT = "https://schema.org"
# ISO weekday numbers (as the API gives them) to schema.org DayOfWeek.
WEEKDAYS = {
    1: "Monday",
    2: "Tuesday",
    3: "Wednesday",
    4: "Thursday",
    5: "Friday",
    6: "Saturday",
    7: "Sunday",
}


# Partners put JSON-LD into <script type="application/ld+json">: written as
# JSON escapes, no string can close that element or open a comment there.
SCRIPT_SAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        body = super().render(data, accepted_media_type, renderer_context)
        return body.decode().translate(SCRIPT_SAFE).encode()


def _compact(value):
    """Drop empty values, recursively, so the document says only what we
    know."""
    if isinstance(value, dict):
        items = {key: _compact(item) for key, item in value.items()}
        return {
            key: item for key, item in items.items() if item not in (None, "", [], {})
        }
    if isinstance(value, list):
        return [
            item
            for item in (_compact(item) for item in value)
            if item not in (None, "", [], {})
        ]
    return value


def _organisation_ref(ref):
    if not ref:
        return None
    return {
        "@type": "GovernmentOrganization",
        "identifier": ref["id"],
        "name": ref["name"],
    }


def _address(location):
    return {
        "@type": "PostalAddress",
        "streetAddress": location["street_address"],
        "postalCode": location["postal_code"],
        "addressLocality": location["city"],
        "addressCountry": "SE",
    }


def intervention_jsonld(data: dict, *, url: str) -> dict:
    contact = data["contact"]
    return _compact(
        {
            "@context": CONTEXT,
            "@type": "GovernmentService",
            "@id": url,
            "url": url,
            "identifier": data["id"],
            "name": data["title"],
            "description": data["summary"],
            "serviceType": data["category"]["name"],
            "provider": _organisation_ref(data["provider"] or data["organisation"]),
            "serviceOperator": _organisation_ref(data["organisation"]),
            "areaServed": [
                {"@type": "AdministrativeArea", "name": area["name"]}
                for area in data["service_area"]
            ],
            "availableLanguage": [
                {
                    "@type": "Language",
                    "name": language["name"],
                    "alternateName": language["code"],
                }
                for language in data["languages"]
            ],
            "audience": {
                "@type": "PeopleAudience",
                "suggestedMinAge": data["min_age"],
                "suggestedMaxAge": data["max_age"],
                "audienceType": data["eligibility"],
            },
            "availableChannel": [
                {
                    "@type": "ServiceChannel",
                    "serviceLocation": {
                        "@type": "Place",
                        "name": location["name"],
                        "address": _address(location),
                        "geo": {
                            "@type": "GeoCoordinates",
                            "latitude": location["latitude"],
                            "longitude": location["longitude"],
                        }
                        if location["latitude"] is not None
                        else None,
                    },
                    "servicePhone": contact["phone"],
                    "availableLanguage": [
                        language["code"] for language in data["languages"]
                    ],
                }
                for location in data["locations"]
            ],
            "hoursAvailable": [
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": f"https://schema.org/{WEEKDAYS[time['weekday']]}",
                    "opens": time["opens"],
                    "closes": time["closes"],
                }
                for time in data["opening_times"]
            ],
            "termsOfService": data["cost_description"],
            "dateModified": data["modified_at"],
        }
    )


def news_jsonld(data: dict, *, url: str) -> dict:
    organisation = _organisation_ref(data["organisation"])
    return _compact(
        {
            "@context": CONTEXT,
            "@type": "NewsArticle",
            "@id": url,
            "url": url,
            "identifier": data["id"],
            "headline": data["title"],
            "description": data["lead"],
            "datePublished": data["date"],
            "dateModified": data["modified_at"],
            "author": organisation,
            "publisher": organisation,
            "keywords": [
                tag if isinstance(tag, str) else tag.get("name") for tag in data["tags"]
            ],
            "inLanguage": "sv",
        }
    )


def event_jsonld(data: dict, *, url: str) -> dict:
    cancelled = data["status"] == "cancelled"
    locations = []
    if data["place"]:
        locations.append({"@type": "Place", "name": data["place"]})
    if data["online_url"]:
        locations.append({"@type": "VirtualLocation", "url": data["online_url"]})
    mode = {
        (True, False): "OfflineEventAttendanceMode",
        (False, True): "OnlineEventAttendanceMode",
        (True, True): "MixedEventAttendanceMode",
    }.get((bool(data["place"]), bool(data["online_url"])))
    group = data["group"] or {}
    return _compact(
        {
            "@context": CONTEXT,
            "@type": "Event",
            "@id": url,
            "url": url,
            "identifier": data["id"],
            "name": data["title"],
            "startDate": data["starts_at"],
            "endDate": data["ends_at"],
            "eventStatus": "https://schema.org/EventCancelled"
            if cancelled
            else "https://schema.org/EventScheduled",
            "eventAttendanceMode": f"https://schema.org/{mode}" if mode else None,
            "location": locations,
            "organizer": _organisation_ref(data["organisation"]),
            "about": group.get("name"),
            "dateModified": data["modified_at"],
            "inLanguage": "sv",
        }
    )


def organisation_jsonld(data: dict, *, url: str) -> dict:
    return _compact(
        {
            "@context": CONTEXT,
            "@type": "GovernmentOrganization",
            "@id": url,
            "url": data["website"] or url,
            "identifier": data["id"],
            "name": data["name"],
            "description": data["description"],
            "email": data["email"],
            "telephone": data["phone"],
            "taxID": data["org_number"],
            "dateModified": data["modified_at"],
        }
    )


BUILDERS = {
    InterventionPage: intervention_jsonld,
    NewsPage: news_jsonld,
    MeetingPage: event_jsonld,
    OrganisationPage: organisation_jsonld,
}


# schema.org defines `inLanguage` for creative works and events, not for
# services and organisations (their language is the page's, at `url`).
IN_LANGUAGE_TYPES = ("NewsArticle", "Event")


def jsonld_for(page, data: dict, *, url: str) -> dict:
    for model, build in BUILDERS.items():
        if isinstance(page, model):
            document = build(data, url=url)
            if document.get("@type") in IN_LANGUAGE_TYPES and data.get("locale"):
                document["inLanguage"] = data["locale"]
            return document
    raise TypeError(type(page))
