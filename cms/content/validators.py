"""Validators for Swedish identifiers."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORG_NUMBER_RE = re.compile(r"^\d{6}-?\d{4}$")


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def validate_org_number(value: str) -> None:
    """A Swedish organisation number: ten digits, NNNNNN-NNNN, Luhn checksum."""
    if not ORG_NUMBER_RE.match(value):
        raise ValidationError(
            _("Enter the organisation number as NNNNNN-NNNN."), code="format"
        )
    if not luhn_is_valid(value.replace("-", "")):
        raise ValidationError(
            _("The organisation number's check digit is wrong."), code="checksum"
        )


def validate_municipality_code(value: str) -> None:
    """The four-digit municipality code of Statistics Sweden (e.g. 0127)."""
    if not re.fullmatch(r"\d{4}", value):
        raise ValidationError(
            _("A municipality code has four digits, e.g. 0127."), code="format"
        )
