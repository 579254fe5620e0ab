"""Parsing single cells of an intervention import file.

Cells come as text from CSV files or as text, numbers and dates from XLSX
files. These functions turn a cell into the value a model field takes, or
raise `CellError` with a message for the report. They do not touch the
database; lookups (organisations, categories, people) are in cms.importing.lookups.
"""

import datetime
import re
from decimal import Decimal

from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from cms.models import (
    DeliveryMode,
    EstablishmentProgramme,
    ExchangeTerms,
    InterventionStatus,
)


class CellError(ValueError):
    """A cell's value cannot be used; str(error) is the report message."""


REQUIRED = _("A value is required.")


# Each choice with the Swedish words accepted for it besides its own value.
STATUS_WORDS = {
    InterventionStatus.ACTIVE: ["aktiv"],
    InterventionStatus.TEMPORARILY_CLOSED: ["tillfälligt stängd"],
    InterventionStatus.ENDED: ["avslutad"],
}
PROGRAMME_WORDS = {
    EstablishmentProgramme.PARTICIPANTS: ["ja"],
    EstablishmentProgramme.NON_PARTICIPANTS: ["nej"],
    EstablishmentProgramme.BOTH: ["båda"],
}
DELIVERY_WORDS = {
    DeliveryMode.ON_SITE: ["på plats"],
    DeliveryMode.REMOTE: ["distans"],
    DeliveryMode.MIXED: ["blandat"],
}
EXCHANGE_WORDS = {
    ExchangeTerms.NONE: ["nej"],
    ExchangeTerms.BUY: ["köpa"],
    ExchangeTerms.SWAP: ["byta"],
    ExchangeTerms.BUY_OR_SWAP: ["köpa eller byta"],
}


def text(value) -> str:
    """The cell as stripped text with Unix line ends ("" for an empty cell)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def integer(value) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raw = text(value)
    if not raw:
        return None
    cleaned = re.sub(r"\s", "", raw)
    if not re.fullmatch(r"[+-]?\d+", cleaned):
        raise CellError(_("Not a whole number: “%(value)s”.") % {"value": raw})
    return int(cleaned)


def decimal(value) -> Decimal | None:
    """An amount such as 1250.5, "1250,50", "1 250,50" or "1 250,50 kr"."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(str(value))
    raw = text(value)
    if not raw:
        return None
    cleaned = re.sub(r"(?i)(kr|sek)$", "", re.sub(r"\s", "", raw))
    if "," in cleaned and "." in cleaned:
        # Whichever comes last separates the decimals; the other groups digits.
        grouping = "." if cleaned.rfind(",") > cleaned.rfind(".") else ","
        cleaned = cleaned.replace(grouping, "")
    cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", cleaned):
        raise CellError(_("Not an amount: “%(value)s”.") % {"value": raw})
    return Decimal(cleaned)


def date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raw = text(value)
    if not raw:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            raise ValueError(raw)
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise CellError(
            _("Not a date in the form YYYY-MM-DD: “%(value)s”.") % {"value": raw}
        ) from None


def past_day_start(value) -> datetime.datetime | None:
    """A date that is not in the future, as the start of that day."""
    day = date(value)
    if day is None:
        return None
    if day > timezone.localdate():
        raise CellError(_("The date cannot be in the future."))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def within(value, limit: int | None):
    """The value, if text, checked against a maximum length."""
    if isinstance(value, str) and limit and len(value) > limit:
        raise CellError(
            _("Too long: %(length)d characters, at most %(limit)d.")
            % {"length": len(value), "limit": limit}
        )
    return value


def _word(value) -> str:
    return re.sub(r"[\s_-]+", " ", text(value).lower()).strip()


def choice(value, words: dict, default: str) -> str:
    """A choice given by its value (e.g. "temporarily_closed") or one of its
    Swedish words (e.g. "tillfälligt stängd"), in any case; empty: `default`."""
    wanted = _word(value)
    if not wanted:
        return default
    for choice_value, swedish in words.items():
        if wanted in {_word(choice_value), *(_word(word) for word in swedish)}:
            return str(choice_value)
    accepted = [str(v) for v in words] + [w for ws in words.values() for w in ws]
    raise CellError(
        _("Unknown value “%(value)s”; use one of: %(choices)s.")
        % {"value": text(value), "choices": ", ".join(accepted)}
    )


def split_list(value) -> list[str]:
    """The items of a cell listing several values separated by ';'."""
    return [item.strip() for item in text(value).split(";") if item.strip()]


def rich_text(value) -> str:
    """Plain text as rich text: paragraphs (separated by blank lines) become
    <p> elements, single line breaks <br/>, and HTML in the text is escaped."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text(value)) if p.strip()]
    return "".join(
        "<p>{}</p>".format("<br/>".join(escape(line.strip()) for line in p.split("\n")))
        for p in paragraphs
    )
