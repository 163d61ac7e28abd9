"""Human-readable business codes (`ORD-2026-000042`) drawn from PostgreSQL sequences.

A sequence never hands out the same number twice, even across concurrent transactions, and
the year prefix keeps codes readable for support staff on the phone.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import Sequence, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.base import Base


class CodeKind(StrEnum):
    order = "ORD"
    transaction = "TXN"
    ticket = "TKT"


SEQUENCES = {
    CodeKind.order: Sequence("order_number_seq", metadata=Base.metadata),
    CodeKind.transaction: Sequence("transaction_number_seq", metadata=Base.metadata),
    CodeKind.ticket: Sequence("ticket_number_seq", metadata=Base.metadata),
}


def format_code(kind: CodeKind, number: int, year: int) -> str:
    return f"{kind.value}-{year}-{number:06d}"


async def next_code(session: AsyncSession, kind: CodeKind, now: datetime | None = None) -> str:
    number = (await session.execute(select(SEQUENCES[kind].next_value()))).scalar_one()
    return format_code(kind, number, (now or datetime.now(UTC)).year)
