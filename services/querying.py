"""Small query building blocks shared by every list."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Executable, Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseElement
from sqlalchemy.sql.visitors import InternalTraversal

EXACT_COUNT_LIMIT = 10_000
# At the 500th page of orders by status, skipping by ids: 2 ms instead of 16 (a million orders).
DEFERRED_OFFSET = 1_000


@dataclass(frozen=True)
class Window:
    """Which rows of an ordered list a page holds: `limit` of them after skipping `offset`, or
    after a keyset position (`after`, a condition on the sort columns: api/cursors.py)."""

    limit: int
    offset: int = 0
    after: ColumnElement[bool] | None = None

    def apply(self, query: Select[Any], *, ids_first: bool = False) -> Select[Any]:
        """The page's rows of `query` (ordered; its rows have an `id`). Past
        `DEFERRED_OFFSET`, or always with `ids_first`, the page's ids are found first and only
        their rows are read whole: passing over rows by their ids alone can stay inside an
        index that holds the filter, the sort and the id, where passing over whole rows reads
        each one from the table."""
        if self.after is not None:
            query = query.where(self.after)
        page = query.offset(self.offset).limit(self.limit)
        if self.offset < DEFERRED_OFFSET and not ids_first:
            return page
        ids = page.with_only_columns(query.selected_columns.id).correlate(None).scalar_subquery()
        return query.where(query.selected_columns.id.in_(ids))

    @property
    def count_limit(self) -> int:
        """Up to how many rows the page's total is counted exactly: a page after a cursor takes
        the planner's estimate at once (its client had the count with the first page), so a
        deep page costs what its rows do."""
        return EXACT_COUNT_LIMIT if self.after is None else 0


def escape_like(text: str) -> str:
    """User text inside a LIKE pattern matches literally: % and _ are not wildcards."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


async def counted_page(
    db: AsyncSession, query: Select[Any], offset: int, limit: int
) -> tuple[list[Any], int]:
    """One page of an ordered query and the exact number of rows it matches: for lists that
    stay small (jobs, logs of one entity, campaigns); millions of rows want count_or_estimate."""
    total = await db.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    rows = await db.scalars(query.offset(offset).limit(limit))
    return list(rows), int(total or 0)


# An estimate this many times the exact-count limit is taken without counting: planners misjudge
# by a few times either way (a search's prefix words are guessed at ~2% of rows), never by this
# much, so no result small enough to count exactly is ever reported as an estimate.
TRUSTED_ESTIMATE_FACTOR = 10.0
# The same for conditions on constant id lists, which the planner estimates from each value's
# frequency: within about twice (a common surname's 2,972 orders were estimated at 5,713).
ID_LIST_ESTIMATE_FACTOR = 2.0


async def count_or_estimate(
    db: AsyncSession,
    query: Select[Any],
    limit: int = EXACT_COUNT_LIMIT,
    *,
    narrow: bool = False,
    trusted_factor: float = TRUSTED_ESTIMATE_FACTOR,
) -> tuple[int, bool]:
    """The number of rows `query` matches: exact up to `limit`, beyond that the planner's
    estimate (flagged inexact), so no page ever counts millions of rows. The estimate comes
    first: when it is `trusted_factor` times above `limit` the bounded count (reading `limit`
    rows) is skipped. A `narrow` query (one the caller knows to match few rows) is counted
    without asking."""
    estimate = None if narrow else await _estimate(db, query)
    if limit and estimate is not None and estimate > limit * trusted_factor:
        return estimate, False
    bounded = select(func.count()).select_from(query.order_by(None).limit(limit + 1).subquery())
    counted = await db.scalar(bounded) or 0
    if counted <= limit:
        return counted, True
    if estimate is None:
        estimate = await _estimate(db, query)
    return max(estimate, counted), False


class _Explain(Executable, ClauseElement):
    """`EXPLAIN (FORMAT JSON)` of a statement: a construct of its own, so its SQL comes from
    SQLAlchemy's statement cache like any other statement's (compiling a list's query anew for
    every estimate cost about 1 ms a request) and its parameters are bound the same way."""

    inherit_cache = True
    _traverse_internals = [("statement", InternalTraversal.dp_clauseelement)]

    def __init__(self, statement: Select[Any]) -> None:
        self.statement = statement

    @property
    def _all_selected_columns(self) -> Any:
        # The explained statement compiles as the outermost SELECT, so its columns are the
        # result's as far as SQLAlchemy knows: a cached compile is matched to them by position.
        return self.statement._all_selected_columns


@compiles(_Explain)
def _compile_explain(element: _Explain, compiler: SQLCompiler, **kw: Any) -> str:
    return f"EXPLAIN (FORMAT JSON) {compiler.process(element.statement, **kw)}"


async def _estimate(db: AsyncSession, query: Select[Any]) -> int:
    """The planner's estimate of how many rows `query` matches (EXPLAIN, nothing is read)."""
    plan = (await db.execute(_Explain(query.order_by(None)))).scalar_one()
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


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
