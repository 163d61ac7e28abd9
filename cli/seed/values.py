"""Cheap value building blocks for millions of rows.

Timestamps are integer microseconds since PostgreSQL's epoch and money is integer hundredths:
both are plain int arithmetic while generating, and `load.compact_codecs` sends them to the
server without building a datetime or Decimal per value (those dominate asyncpg's COPY cost).
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TypeVar

T = TypeVar("T")

PG_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
SECOND = 1_000_000
MINUTE = 60 * SECOND
HOUR = 60 * MINUTE
DAY = 24 * HOUR


def micros(moment: datetime) -> int:
    return (moment - PG_EPOCH) // timedelta(microseconds=1)


def moment(us: int) -> datetime:
    return PG_EPOCH + timedelta(microseconds=us)


@dataclass(frozen=True)
class Timeline:
    """The seeded period. Activity grows over it: `at` maps a share of the rows to a moment with
    a concave curve, so later months are busier than earlier ones."""

    start: int
    end: int

    def at(self, fraction: float) -> int:
        return self.start + int((self.end - self.start) * fraction**0.75)

    @property
    def month_start_ordinal(self) -> int:
        return moment(self.end).date().replace(day=1).toordinal()


class Calendar:
    """Year and month of a timestamp by indexing a per-day table: no datetime per row."""

    def __init__(self, first: int, last: int) -> None:
        self._first = first - first % DAY
        day = moment(self._first).date()
        self._days: list[tuple[int, str]] = []
        for _ in range((last - self._first) // DAY + 1):
            self._days.append((day.year, f"{day.year}{day.month:02d}"))
            day += timedelta(days=1)

    def year(self, us: int) -> int:
        return self._days[(us - self._first) // DAY][0]

    def month(self, us: int) -> str:
        """The month as batch references write it (202507): SIMs arrive in monthly batches."""
        return self._days[(us - self._first) // DAY][1]


def wheel(weights: Mapping[T, int]) -> tuple[T, ...]:
    """Expand integer weights into a tuple, so a weighted draw is one `pick`."""
    return tuple(value for value, weight in weights.items() for _ in range(weight))


def pick(random: Callable[[], float], options: Sequence[T]) -> T:
    """`random.choice` for hot loops: about four times cheaper, and uniform enough here."""
    return options[int(random() * len(options))]


_POWERS_OF_TEN = tuple(int(10**digits) for digits in range(20))


def scramble(n: int, digits: int) -> int:
    """A bijection on [0, 10**digits): distinct ids give distinct, unsequential-looking numbers."""
    # The multiplier (2**63 / golden ratio, made odd and not a multiple of 5) is coprime with
    # 10, so multiplication permutes the residues; its size scatters neighbouring ids.
    return (n * 5_700_357_409_661_598_721 + 4_129_871) % _POWERS_OF_TEN[digits]


def luhn_sum(digits: str) -> int:
    """Luhn contribution of `digits` when a check digit will follow them."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total


# A 4-digit block sits at an even distance from the check digit wherever it is in a 12-digit
# serial, so one table serves all three blocks.
_LUHN4 = tuple(luhn_sum(f"{block:04d}") for block in range(10_000))


def iccid(prefix: str, prefix_sum: int, serial: int) -> str:
    """19-digit ICCID: 6-digit prefix, 12-digit serial and the Luhn check digit."""
    high, low = divmod(serial, 100_000_000)
    mid, low = divmod(low, 10_000)
    total = prefix_sum + _LUHN4[high % 10_000] + _LUHN4[mid] + _LUHN4[low]
    return f"{prefix}{serial:012d}{(10 - total % 10) % 10}"


def numeric_binary(hundredths: int) -> bytes:
    """PostgreSQL's binary `numeric` for hundredths/100: base-10000 digits, weight, sign, scale."""
    whole, fraction = divmod(abs(hundredths), 100)
    digits: list[int] = []
    while whole:
        whole, digit = divmod(whole, 10_000)
        digits.insert(0, digit)
    weight = len(digits) - 1 if digits else -1
    if fraction:
        digits.append(fraction * 100)
    if not digits:
        weight = 0
    sign = 0x4000 if hundredths < 0 else 0
    return struct.pack(f"!hhHH{len(digits)}h", len(digits), weight, sign, 2, *digits)


class NumericCache(dict[int, bytes]):
    """Money takes few distinct values, so each is encoded once and then looked up."""

    def __missing__(self, hundredths: int) -> bytes:
        encoded = self[hundredths] = numeric_binary(hundredths)
        return encoded
