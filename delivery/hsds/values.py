"""Formatting of values as the HSDS schemas want them."""

import datetime
import re
from html import unescape

from django.utils import timezone
from django.utils.html import strip_tags


def compact(data: dict) -> dict:
    """Leave out unknown values (None, empty strings); callers add back the
    keys the schema requires."""
    return {key: value for key, value in data.items() if value not in (None, "")}


def plain_text(richtext: str) -> str:
    text = re.sub(r"(</(p|h\d|li|blockquote)>|<br\s*/?>)", r"\1\n", richtext or "")
    text = unescape(strip_tags(text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def _date(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return value.isoformat()


def _time(value) -> str:
    return value.strftime("%H:%M")


def _number(value):
    return None if value is None else float(value)
