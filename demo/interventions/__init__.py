"""Demo data: the intervention bank ("insatsbanken") of Södertörn. Every
entry, address, mailbox and phone number is invented: mailboxes are under
example.se, phone numbers in the 08 range PTS keeps for fiction.

Each entry is a dict of InterventionPage fields, plus:

- `org`: the owning organisation's slug (demo.sodertorn),
- `responsible_owner`, `contact_person`: the e-mail local part of a person of
  that organisation (demo.sodertorn.PEOPLE),
- `provider`, `service_area`: organisation slugs,
- `languages`: language codes (migration 0003),
- `locations`: dicts of InterventionLocation fields (see PLACES),
- `opening_times`: (weekdays, opens, closes, note) tuples,
- `closures`: dicts of InterventionClosure fields; a date given as an int is
  that many days from today,
- `reviewed_days_ago`: when it was last reviewed (None: never),
- `published_days_ago`: when it was first published (default: a while
  before the last review, or today if never reviewed).

The entries are deliberately uneven: about a third complete, a third
half-filled, a third with only what validation requires.

One module per organisation, in the order they are seeded.
"""

from demo.interventions import (
    af_botkyrka,
    af_haninge,
    af_huddinge,
    botkyrka,
    haninge,
    huddinge,
    nacka,
    nynashamn,
    salem,
    tyreso,
    varmdo,
)

INTERVENTIONS = [
    *botkyrka.INTERVENTIONS,
    *haninge.INTERVENTIONS,
    *huddinge.INTERVENTIONS,
    *nacka.INTERVENTIONS,
    *nynashamn.INTERVENTIONS,
    *salem.INTERVENTIONS,
    *tyreso.INTERVENTIONS,
    *varmdo.INTERVENTIONS,
    *af_haninge.INTERVENTIONS,
    *af_huddinge.INTERVENTIONS,
    *af_botkyrka.INTERVENTIONS,
]
