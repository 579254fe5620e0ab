"""HSDS services (our interventions), fully nested."""

from django.utils.translation import gettext as _

from cms.content.prefetching import related
from cms.models import ExchangeTerms
from cms.models.intervention_details import opening_times_shown
from delivery.hsds.conf import conf
from delivery.hsds.ids import derived_id, taxonomy_term_id
from delivery.hsds.services import ServiceListSerializer
from delivery.hsds.taxonomy import TaxonomyTermSerializer
from delivery.hsds.values import _date, _number, _time, compact

BYDAY = {1: "MO", 2: "TU", 3: "WE", 4: "TH", 5: "FR", 6: "SA", 7: "SU"}


class ServiceDetailSerializer(ServiceListSerializer):
    """A fully nested service."""

    def to_representation(self, page):
        data = super().to_representation(page)
        sid = data["id"]
        data["phones"] = self.phones(page, sid)
        data["schedules"] = self.schedules(page, sid)
        data["service_areas"] = [
            {
                "id": derived_id(sid, "service_area", area.translation_key),
                "service_id": sid,
                "name": area.title,
            }
            for area in related(page, "service_area")
        ]
        data["service_at_locations"] = self.service_at_locations(page, sid)
        data["languages"] = [
            compact(
                {
                    "id": derived_id(sid, "language", language.code),
                    "service_id": sid,
                    "name": language.name,
                    "code": language.code,
                }
            )
            for language in related(page, "languages")
        ]
        data["cost_options"] = self.cost_options(page, sid)
        data["contacts"] = self.contacts(page, sid)
        data["attributes"] = [self.category_attribute(page, sid)]
        return data

    def phones(self, page, sid):
        if not page.contact_phone:
            return []
        return [
            {
                "id": derived_id(sid, "phone"),
                "service_id": sid,
                "number": page.contact_phone,
                "type": "voice",
            }
        ]

    def schedules(self, page, sid):
        valid = {
            "valid_from": _date(page.start_date),
            "valid_to": _date(page.end_date),
        }
        attending = {
            "on_site": _("In person"),
            "remote": _("Remotely"),
            "mixed": _("In person or remotely"),
        }.get(page.delivery_mode)
        schedules = []
        for opening in opening_times_shown(related(page, "opening_times")):
            schedules.append(
                compact(
                    {
                        "id": derived_id(sid, "schedule:opening_time", opening.pk),
                        "service_id": sid,
                        **valid,
                        "freq": "WEEKLY",
                        "wkst": "MO",
                        "byday": BYDAY[opening.weekday],
                        "opens_at": _time(opening.opens),
                        "closes_at": _time(opening.closes),
                        "description": opening.note,
                        "attending_type": attending,
                        "notes": page.schedule_note,
                    }
                )
            )
        if not schedules and (page.start_date or page.end_date or page.schedule_note):
            schedules.append(
                compact(
                    {
                        "id": derived_id(sid, "schedule:period"),
                        "service_id": sid,
                        **valid,
                        "description": page.schedule_note,
                        "attending_type": attending,
                    }
                )
            )
        for closure in related(page, "closures"):
            closed = _("Closed every year") if closure.recurs_yearly else _("Closed")
            schedules.append(
                {
                    "id": derived_id(sid, "schedule:closure", closure.pk),
                    "service_id": sid,
                    "valid_from": _date(closure.start_date),
                    "valid_to": _date(closure.end_date),
                    "description": (
                        f"{closed}: {closure.reason}" if closure.reason else closed
                    ),
                }
            )
        return schedules

    def service_at_locations(self, page, sid):
        result = []
        for place in related(page, "locations"):
            location_id = derived_id(sid, "location", place.pk)
            location = compact(
                {
                    "id": location_id,
                    "location_type": "physical",
                    "name": place.name,
                    "latitude": _number(place.latitude),
                    "longitude": _number(place.longitude),
                }
            )
            location["addresses"] = [
                {
                    "id": derived_id(sid, "address", place.pk),
                    "location_id": location_id,
                    "address_1": place.street_address,
                    "city": place.city,
                    "state_province": conf("STATE_PROVINCE"),
                    "postal_code": place.postal_code,
                    "country": conf("COUNTRY"),
                    "address_type": "physical",
                }
            ]
            result.append(
                {
                    "id": derived_id(sid, "service_at_location", place.pk),
                    "service_id": sid,
                    "location_id": location_id,
                    "location": location,
                }
            )
        return result

    def cost_options(self, page, sid):
        buy = (ExchangeTerms.BUY, ExchangeTerms.BUY_OR_SWAP)
        if page.exchange_terms not in buy or page.price_per_participant is None:
            return []
        return [
            {
                "id": derived_id(sid, "cost_option", "price_per_participant"),
                "service_id": sid,
                "option": _("Place bought by another municipality"),
                "currency": conf("CURRENCY"),
                "amount": float(page.price_per_participant),
                "amount_description": _("per participant"),
            }
        ]

    def contacts(self, page, sid):
        person = page.contact_person
        if person is None:
            return []
        contact_id = derived_id(sid, "contact")
        contact = compact(
            {
                "id": contact_id,
                "service_id": sid,
                "name": person.name,
                "title": person.title,
                "email": person.email,
            }
        )
        if person.phone:
            contact["phones"] = [
                {
                    "id": derived_id(sid, "contact:phone"),
                    "contact_id": contact_id,
                    "number": person.phone,
                }
            ]
        return [contact]

    def category_attribute(self, page, sid):
        category = page.category
        term_id = taxonomy_term_id(category)
        return {
            "id": derived_id(sid, "attribute:category"),
            "link_id": sid,
            "link_type": "category",
            "link_entity": "service",
            "taxonomy_term_id": term_id,
            "taxonomy_term": TaxonomyTermSerializer(
                context={"language": page.locale.language_code}
            ).to_representation(category),
        }
