"""The admin speaks Swedish: LANGUAGE_CODE is "sv" and every string of our own
apps has a Swedish translation, compiled into the .mo file that ships with
its .po file."""

import ast
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from django.urls import reverse

from tests.factories import PersonFactory

ROOT = Path(__file__).resolve().parents[2]
LOCALE_DIRS = [
    ROOT / name / "locale"
    for name in ("cms", "delivery", "demo", "newsletter", "sync", "config")
]
PO_FILES = sorted(path for d in LOCALE_DIRS for path in d.glob("*/LC_MESSAGES/*.po"))
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{\w*\}")


@pytest.fixture
def central_client(client, central_admin):
    client.force_login(central_admin)
    return client


def test_dashboard_is_swedish(central_client):
    response = central_client.get("/admin/")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'lang="sv"' in content
    assert "Personer och grupper" in content
    assert "People and groups" not in content


def test_person_list_is_swedish(central_client, org_a):
    PersonFactory(organisation=org_a, name="Anna A")
    response = central_client.get(reverse("wagtailsnippets_samverkan_cms_person:list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Anna A" in content
    for swedish in ("Personer", "Namn", "Titel", "E-post"):
        assert swedish in content, swedish
    assert "E-mail" not in content


def test_organisation_edit_form_is_swedish(central_client, org_a):
    response = central_client.get(reverse("wagtailadmin_pages:edit", args=(org_a.pk,)))
    assert response.status_code == 200
    content = response.content.decode()
    for swedish in (
        "Kommunkod",
        "Organisationsnummer",
        "Medlem sedan",
        "Medlem till och med",
        "Medlemskap i samverkan",
    ):
        assert swedish in content, swedish
    assert "Municipality code" not in content
    assert "Member since" not in content


def test_validation_error_is_swedish(central_client, org_a):
    response = central_client.post(
        reverse("wagtailadmin_pages:edit", args=(org_a.pk,)),
        {
            "title": org_a.title,
            "slug": org_a.slug,
            "kind": "municipality",
            "member_since": "2025-01-01",
            "member_until": "2024-12-31",
        },
    )
    assert response.status_code == 200  # the form again, not a redirect
    content = response.content.decode()
    assert "Medlemskapet kan inte upphöra innan det har börjat." in content
    assert "The membership cannot end before it starts." not in content
    org_a.refresh_from_db()
    assert org_a.member_until is None


# The catalogues themselves.


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file: {"flags", "msgid", "msgstr": [...], "obsolete"}.
    Enough of the format for the files makemessages writes."""
    return parse_po_text(path.read_text(encoding="utf-8"))


def parse_po_text(text: str) -> list[dict]:
    entries = []
    for block in re.split(r"\n\s*\n", text):
        entry = {"flags": set(), "msgid": None, "msgstr": [], "obsolete": False}
        current = None
        for line in block.splitlines():
            if line.startswith("#~"):
                entry["obsolete"] = True
            elif line.startswith("#,"):
                entry["flags"].update(f.strip() for f in line[2:].split(","))
            elif line.startswith("#") or not line.strip():
                continue
            elif line.startswith("msgid_plural"):
                entry["msgid_plural"] = ast.literal_eval(line[len("msgid_plural ") :])
                current = "msgid_plural"
            elif line.startswith("msgid "):
                entry["msgid"] = ast.literal_eval(line[len("msgid ") :])
                current = "msgid"
            elif line.startswith("msgstr"):
                entry["msgstr"].append(ast.literal_eval(line.split(" ", 1)[1]))
                current = "msgstr"
            elif line.startswith('"'):
                text = ast.literal_eval(line)
                if current == "msgid":
                    entry["msgid"] += text
                elif current == "msgid_plural":
                    entry["msgid_plural"] += text
                elif current == "msgstr":
                    entry["msgstr"][-1] += text
        if entry["msgid"] is not None or entry["obsolete"]:
            entries.append(entry)
    return entries


def test_every_app_has_a_swedish_catalogue():
    for locale_dir in LOCALE_DIRS:
        assert (locale_dir / "sv" / "LC_MESSAGES" / "django.po").is_file(), locale_dir


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete(po):
    entries = parse_po(po)
    header = next(e for e in entries if e["msgid"] == "")
    language = po.parent.parent.name
    assert f"Language: {language}\n" in header["msgstr"][0]
    if language == "sv":
        assert "Plural-Forms: nplurals=2; plural=(n != 1);\n" in header["msgstr"][0]
    assert "fuzzy" not in header["flags"]
    messages = [e for e in entries if e["msgid"]]
    assert messages, f"{po} has no messages"
    for entry in entries:
        assert not entry["obsolete"], f"obsolete entry in {po}"
    for entry in messages:
        msgid = entry["msgid"]
        assert "fuzzy" not in entry["flags"], f"fuzzy: {msgid!r} in {po}"
        assert entry["msgstr"] and all(entry["msgstr"]), (
            f"untranslated: {msgid!r} in {po}"
        )
        for form, msgstr in enumerate(entry["msgstr"]):
            # The plural forms follow msgid_plural ("One other user" has no
            # number, "%(num_user)s other users" has).
            source = entry.get("msgid_plural") if form else None
            assert sorted(PLACEHOLDER.findall(msgstr)) == sorted(
                PLACEHOLDER.findall(source or msgid)
            ), f"placeholders differ: {msgid!r} -> {msgstr!r} in {po}"


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_compiled_catalogue_is_up_to_date(po):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt (gettext) is not installed")
    mo = po.with_suffix(".mo")
    assert mo.is_file(), f"{mo} is missing: run compilemessages"
    compiled = subprocess.run(
        [msgfmt, "--check-format", "-o", "-", str(po)],
        capture_output=True,
        check=True,
    ).stdout
    assert compiled == mo.read_bytes(), f"{mo} is stale: run compilemessages"


def test_public_labels_are_translated_in_every_shipped_language():
    """The cms labels the public site shows (choices of interventions,
    groups, organisations, meetings, projects) are in every non-Swedish
    catalogue the cms ships (cms/locale/ar: curated, the admin itself is
    Swedish or English)."""
    from cms.models import (
        DeliveryMode,
        EstablishmentProgramme,
        ExchangeTerms,
        Funder,
        GroupKind,
        InterventionStatus,
        MeetingStatus,
        MembershipRole,
        OrganisationKind,
    )

    public = (
        InterventionStatus,
        EstablishmentProgramme,
        DeliveryMode,
        ExchangeTerms,
        GroupKind,
        MembershipRole,
        OrganisationKind,
        MeetingStatus,
        Funder,
    )
    from django.utils import translation

    from cms.languages import LANGUAGE_NAMES

    with translation.override(None):  # the msgids
        labels = {str(label) for choices in public for label in choices.labels}
        # The names of the languages an intervention is given in
        # (Language.name_in: an Arabic page names them in Arabic).
        labels |= {str(name) for name in LANGUAGE_NAMES.values()}
    others = [p for p in PO_FILES if p.parts[-5] == "cms" and p.parts[-3] != "sv"]
    assert others, "the cms ships no catalogue besides Swedish"
    for po in others:
        translated = {e["msgid"] for e in parse_po(po) if e["msgid"] and e["msgstr"]}
        assert labels <= translated, (po, sorted(labels - translated))


# The newsletter's words a subscriber reads that are not in its public and
# e-mail templates (those are found by their locations in the Swedish
# catalogue, see newsletter_public_msgids).
NEWSLETTER_PUBLIC_CODE_STRINGS = {
    # newsletter/forms.py: SubscribeForm, PreferencesForm
    "E-mail",
    "Name",
    "Organisation",
    "Language",
    "What do you want to receive?",
    "I agree that my name and e-mail address are stored to send me the "
    "newsletter, as described in the privacy policy.",
    # newsletter/services/subscribers.py: the confirmation mails' subjects
    "Confirm your subscription to the newsletter",
    "You already subscribe to the newsletter",
    # newsletter/feeds.py: the archive's RSS feed
    "Newsletter",
    "Issues of the collaboration's newsletter.",
}
# Templates a subscriber reads (the editors' reminder is not one of them).
NEWSLETTER_PUBLIC_TEMPLATES = re.compile(
    r"templates/samverkan_newsletter/(public/[\w.]+|email/(confirm|already|issue)\.\w+):"
)


def newsletter_public_msgids() -> set[str]:
    """Every msgid of the Swedish newsletter catalogue used by a public or
    subscriber e-mail template, and the public strings of its code."""
    po = ROOT / "newsletter" / "locale" / "sv" / "LC_MESSAGES" / "django.po"
    found = set()
    for block in re.split(r"\n\s*\n", po.read_text(encoding="utf-8")):
        if NEWSLETTER_PUBLIC_TEMPLATES.search(block):
            (entry,) = parse_po_text(block)
            found.add(entry["msgid"])
    return found | NEWSLETTER_PUBLIC_CODE_STRINGS


def test_newsletter_public_strings_are_in_every_shipped_language():
    """The newsletter ships Arabic and English catalogues holding only what
    a subscriber reads (curated, like cms/locale/ar): every string of the
    public pages and of the mails' own words is in each of them, and
    nothing else (no admin string: the admin is Swedish or English)."""
    public = newsletter_public_msgids()
    swedish = {
        e["msgid"]
        for e in parse_po(
            ROOT / "newsletter" / "locale" / "sv" / "LC_MESSAGES" / "django.po"
        )
        if e["msgid"]
    }
    assert swedish >= NEWSLETTER_PUBLIC_CODE_STRINGS
    assert "Read in the browser" in public and "Subscribe" in public
    assert "Send a test to" not in public  # an admin form's
    others = [
        p for p in PO_FILES if p.parts[-5] == "newsletter" and p.parts[-3] != "sv"
    ]
    assert {p.parts[-3] for p in others} >= {"ar", "en"}
    for po in others:
        translated = {e["msgid"] for e in parse_po(po) if e["msgid"] and e["msgstr"]}
        assert public <= translated, (po, sorted(public - translated))
        assert translated <= public, (po, sorted(translated - public))
