"""The compact COPY encodings: ints in, the exact timestamps and amounts out."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import asyncpg
from sqlalchemy.engine import make_url

from cli.seed.load import compact_codecs, copy_rows
from cli.seed.values import Calendar, iccid, luhn_sum, micros, moment, scramble

AMOUNTS = [0, 1, 50, 99, 100, 101, 999, 1_000, 12_345, 9_999_999, 10_000_00, 123_456_789_01]


async def test_compact_codecs_round_trip(database_url: str) -> None:
    dsn = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute(
            "CREATE TEMP TABLE compact (amount numeric(12, 2), rate numeric(5, 2), at timestamptz)"
        )
        moments = [datetime(2000, 1, 1, tzinfo=UTC), datetime(2026, 3, 4, 5, 6, 7, 891, UTC)]
        rows = [(amount, 750, micros(at)) for amount in AMOUNTS for at in moments]
        async with compact_codecs(connection):
            await copy_rows(connection, "compact", ("amount", "rate", "at"), rows)
        stored = await connection.fetch("SELECT amount, rate, at FROM compact")
    finally:
        await connection.close()
    expected = [(Decimal(a) / 100, Decimal("7.50"), moment(us)) for a, _, us in rows]
    assert sorted(tuple(row) for row in stored) == sorted(expected)


def luhn_valid(digits: str) -> bool:
    """Independent of the generator's table-driven check digit."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        number = int(char) * (2 if position % 2 else 1)
        total += number - 9 if number > 9 else number
    return total % 10 == 0


def test_scramble_is_a_bijection_and_iccids_pass_luhn() -> None:
    assert len({scramble(n, 4) for n in range(10_000)}) == 10_000
    for serial in (0, 1, 42, 99_999_999, 123_456_789_012):
        number = iccid("894410", luhn_sum("894410"), serial)
        assert len(number) == 19
        assert luhn_valid(number)


def test_calendar_years_and_months() -> None:
    start = micros(datetime(2024, 12, 31, tzinfo=UTC))
    calendar = Calendar(start, start + 400 * 86_400_000_000)
    assert calendar.year(start) == 2024
    assert calendar.year(micros(datetime(2025, 1, 1, tzinfo=UTC))) == 2025
    assert calendar.month(micros(datetime(2025, 7, 31, 23, 59, tzinfo=UTC))) == "202507"
