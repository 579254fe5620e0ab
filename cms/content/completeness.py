"""Completeness score of an intervention: 0-100 from which recommended
fields are filled. The weights are the documentation: they add up to 100,
and the fields that matter most to a newcomer or a partner portal (how to
apply, who to contact, who keeps it current) weigh most."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


def _filled(value) -> bool:
    return value not in (None, "", [])


# (key, label, weight, test)
CRITERIA = [
    ("summary", _("summary"), 5, lambda p: _filled(p.summary)),
    ("description", _("description"), 10, lambda p: _filled(p.description)),
    ("eligibility", _("who can take part"), 8, lambda p: _filled(p.eligibility)),
    (
        "age_range",
        _("age range"),
        5,
        lambda p: p.min_age is not None or p.max_age is not None,
    ),
    (
        "service_area",
        _("municipalities served"),
        8,
        lambda p: bool(p.service_area.all()),
    ),
    ("languages", _("languages offered"), 8, lambda p: bool(p.languages.all())),
    (
        "locations",
        _("locations"),
        8,
        lambda p: p.delivery_mode == "remote" or bool(p.locations.all()),
    ),
    (
        "schedule",
        _("schedule"),
        8,
        lambda p: bool(p.start_date or p.schedule_note or p.opening_times.all()),
    ),
    ("capacity", _("places"), 5, lambda p: p.capacity is not None),
    ("how_to_apply", _("how to apply"), 10, lambda p: _filled(p.how_to_apply)),
    ("cost", _("cost for the participant"), 5, lambda p: _filled(p.cost_description)),
    (
        "contact",
        _("contact"),
        10,
        lambda p: p.contact_person_id is not None or _filled(p.contact_email),
    ),
    (
        "responsible_owner",
        _("responsible owner"),
        10,
        lambda p: p.responsible_owner_id is not None,
    ),
]

assert sum(weight for _key, _label, weight, _test in CRITERIA) == 100


@dataclass(frozen=True)
class Completeness:
    score: int
    missing: list = field(default_factory=list)  # [(key, label, weight)]


def intervention_completeness(page) -> Completeness:
    score = 0
    missing = []
    for key, label, weight, test in CRITERIA:
        if test(page):
            score += weight
        else:
            missing.append((key, label, weight))
    return Completeness(score=score, missing=missing)
