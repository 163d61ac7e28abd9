"""How a list's total is found: counted exactly while small, the planner's estimate beyond, the
count skipped when the estimate is far past what could be counted, and the estimate skipped for
a query known to be narrow."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, literal_column, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.querying import EXACT_COUNT_LIMIT, TRUSTED_ESTIMATE_FACTOR, count_or_estimate
from tests.statements import session_statements


def _series(rows: int) -> Any:
    # The planner knows generate_series' row count exactly: an estimate without a table.
    return select(literal_column("n")).select_from(func.generate_series(1, rows).alias("n"))


async def _run(
    db: AsyncSession, rows: int, narrow: bool, factor: float = TRUSTED_ESTIMATE_FACTOR
) -> tuple[tuple[int, bool], list[str]]:
    """count_or_estimate's answer, and the statements it sent."""
    async with session_statements(db) as statements:
        answer = await count_or_estimate(db, _series(rows), narrow=narrow, trusted_factor=factor)
        return answer, statements


@pytest.mark.parametrize(
    ("rows", "expected", "counted"),
    [
        (500, (500, True), True),  # small: counted exactly
        (50_000, (50_000, False), True),  # past the limit: the estimate, once counting passed it
        (2_000_000, (2_000_000, False), False),  # far past it: the estimate alone
    ],
)
async def test_a_total_is_counted_only_while_it_could_be_exact(
    db: AsyncSession, rows: int, expected: tuple[int, bool], counted: bool
) -> None:
    assert EXACT_COUNT_LIMIT < 50_000 < EXACT_COUNT_LIMIT * TRUSTED_ESTIMATE_FACTOR < 2_000_000
    answer, statements = await _run(db, rows, narrow=False)
    assert answer == expected
    assert any(s.startswith("SELECT count(*)") for s in statements) is counted


@pytest.mark.parametrize(
    ("rows", "expected", "estimated"), [(500, (500, True), False), (50_000, (50_000, False), True)]
)
async def test_a_narrow_query_is_counted_before_any_estimate(
    db: AsyncSession, rows: int, expected: tuple[int, bool], estimated: bool
) -> None:
    answer, statements = await _run(db, rows, narrow=True)
    assert answer == expected
    assert statements[0].startswith("SELECT count(*)")
    assert any(s.startswith("EXPLAIN") for s in statements) is estimated


@pytest.mark.parametrize(("factor", "counted"), [(TRUSTED_ESTIMATE_FACTOR, True), (2.0, False)])
async def test_a_well_estimated_query_is_taken_at_its_estimate_sooner(
    db: AsyncSession, factor: float, counted: bool
) -> None:
    """Id-list searches are estimated within about twice: 50,000 is past 2 x 10,000, so it is
    not counted; past the limit but under ten times it, an ordinary query is."""
    answer, statements = await _run(db, 50_000, narrow=False, factor=factor)
    assert answer == (50_000, False)
    assert any(s.startswith("SELECT count(*)") for s in statements) is counted
