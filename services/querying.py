"""Small query building blocks shared by every list."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, or_
from sqlalchemy.orm import InstrumentedAttribute


def escape_like(text: str) -> str:
    """User text inside a LIKE pattern matches literally: % and _ are not wildcards."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(columns: tuple[InstrumentedAttribute[Any], ...], text: str) -> ColumnElement[bool]:
    """Case-insensitive substring match of `text` in any of `columns`."""
    pattern = f"%{escape_like(text)}%"
    return or_(*(column.ilike(pattern, escape="\\") for column in columns))
