"""Keyset ("cursor") paging for the lists that reach millions of rows.

Page N by offset makes PostgreSQL walk and discard every row before it (page 500 of a status
filter: 10,000 rows read for 20 shown). A cursor names the last row shown instead, by its sort
values and id, and the next page starts right after it through the same index: every page
costs what the first does, and rows inserted meanwhile never shift a page.

A cursor is opaque to clients: base64url of the JSON list of those values. It is only valid
with the ordering it was made for, and only for orderings of non-null columns (NULLs would need
their own branch in the comparison); anything else is a 422, never a wrong page."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, tuple_
from sqlalchemy.sql import operators

from core.errors import ValidationFailed


def _columns(order_by: Sequence[Any]) -> list[tuple[Any, bool]]:
    """(column, descending) of each ORDER BY clause; refused when a column may be null."""
    columns = []
    for clause in order_by:
        column = clause.element
        if getattr(column, "nullable", False):
            raise ValidationFailed(
                f"Cursor paging cannot order by {column.key!r} (it may be empty); use page.",
                code="cursor_unsupported_ordering",
                details=[{"field": "query.ordering", "message": "not with a cursor"}],
            )
        columns.append((column, clause.modifier is operators.desc_op))
    return columns


def _dump(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    return value


def _load(column: Any, raw: Any) -> Any:
    kind = column.type.python_type
    if kind is datetime:
        return datetime.fromisoformat(raw)
    if kind is date:
        return date.fromisoformat(raw)
    if kind is Decimal:
        return Decimal(raw)
    if isinstance(kind, type) and issubclass(kind, Enum | int | str):
        return kind(raw)
    raise TypeError(f"no cursor form for {kind}")


def after_last(rows: Sequence[Any], order_by: Sequence[Any], page_size: int) -> str | None:
    """The cursor of the page after `rows`; None when this page was the last."""
    if len(rows) < page_size:
        return None
    last = rows[-1]
    values = [_dump(getattr(last, column.key)) for column, _ in _columns(order_by)]
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def rows_after(cursor: str, order_by: Sequence[Any]) -> ColumnElement[bool]:
    """The rows that come after the cursor's row in `order_by`: (a > x) or (a = x and b > y)…,
    each comparison turned round for a descending column."""
    columns = _columns(order_by)
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(raw, list) or len(raw) != len(columns):
            raise ValueError("wrong length")
        values = [_load(column, value) for (column, _), value in zip(columns, raw, strict=True)]
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise ValidationFailed(
            "This cursor is not valid for this list and ordering; start again from page 1.",
            code="bad_cursor",
            details=[{"field": "query.cursor", "message": "not a cursor of this ordering"}],
        ) from None
    if len({descending for _, descending in columns}) == 1:
        # One direction: a row comparison, which a b-tree index over these columns (or a prefix
        # of them) serves as the start of its scan.
        key, start = tuple_(*(c for c, _ in columns)), tuple_(*values)
        return key < start if columns[0][1] else key > start
    branches = []
    for position, (column, descending) in enumerate(columns):
        equal = [c == v for (c, _), v in zip(columns[:position], values, strict=False)]
        beyond = column < values[position] if descending else column > values[position]
        branches.append(and_(*equal, beyond))
    return or_(*branches)
