"""Field rules shared by request schemas and services."""

from __future__ import annotations

from typing import Any

import phonenumbers

from core.errors import ValidationFailed


def e164(value: str | None) -> str | None:
    """Normalise a phone number to E.164, refusing what is not a real number (an empty string
    included: a phone is cleared with null)."""
    if value is None:
        return None
    try:
        parsed = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        raise ValueError("must be an international phone number, e.g. +14155550123") from None
    if not phonenumbers.is_valid_number(parsed):
        raise ValueError("is not a valid phone number")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def check_range(low: Any, high: Any, start: str, end: str) -> None:
    """Refuse a range (dates, amounts) whose end comes before its start, naming the fields."""
    if low is not None and high is not None and low > high:
        raise ValidationFailed(
            f"The range ends before it starts ({end} is before {start}).",
            details=[{"field": f"query.{end}", "message": f"must not be before {start}"}],
        )
