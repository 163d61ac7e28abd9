"""Small query building blocks shared by every list."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute


def escape_like(text: str) -> str:
    """User text inside a LIKE pattern matches literally: % and _ are not wildcards."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(columns: tuple[InstrumentedAttribute[Any], ...], text: str) -> ColumnElement[bool]:
    """Case-insensitive substring match of `text` in any of `columns`."""
    pattern = f"%{escape_like(text)}%"
    return or_(*(column.ilike(pattern, escape="\\") for column in columns))


EXACT_COUNT_LIMIT = 10_000


async def count_or_estimate(
    db: AsyncSession, query: Select[Any], limit: int = EXACT_COUNT_LIMIT
) -> tuple[int, bool]:
    """The number of rows `query` matches: exact up to `limit`, beyond that the planner's
    estimate (flagged inexact), so no page ever counts millions of rows."""
    bounded = select(func.count()).select_from(query.order_by(None).limit(limit + 1).subquery())
    counted = await db.scalar(bounded) or 0
    if counted <= limit:
        return counted, True
    connection = await db.connection()
    compiled = query.order_by(None).compile(dialect=connection.dialect)
    # The statement's own bound parameters go to the driver: user values are never spliced in.
    parameters = tuple(compiled.params[name] for name in compiled.positiontup or ())
    result = await connection.exec_driver_sql(
        f"EXPLAIN (FORMAT JSON) {compiled.string}", parameters
    )
    plan = result.scalar_one()
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return max(int(plan[0]["Plan"]["Plan Rows"]), counted), False


EXPORT_BATCH = 2_000


async def csv_rows(
    db: AsyncSession, query: Select[Any], columns: Sequence[str]
) -> AsyncIterator[str]:
    """The CSV, a batch of rows at a time: memory stays flat however long the log is."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    result = await db.stream_scalars(query.execution_options(yield_per=EXPORT_BATCH))
    async for partition in result.partitions():
        for row in partition:
            writer.writerow(["" if (v := getattr(row, c)) is None else v for c in columns])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()
