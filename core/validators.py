"""Field rules shared by request schemas and services."""

from __future__ import annotations

import phonenumbers


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
