"""What the activities of orders and refunds share: a session per attempt, the payment gateway,
the notifier, and the row an attempt works on, locked for its transaction."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.exceptions import ApplicationError

from integrations.payments import PaymentGateway
from models.base import Base
from services.messaging.notifier import Notifier

RowT = TypeVar("RowT", bound=Base)


class MoneyActivities:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        gateway: PaymentGateway,
        notifier: Notifier,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._gateway = gateway
        self._notifier = notifier

    @staticmethod
    async def _locked(db: AsyncSession, model: type[RowT], row_id: int, noun: str) -> RowT:
        """The row, locked until the attempt commits (a retry never runs beside its earlier
        attempt); a missing one fails the activity for good."""
        row = await db.get(model, row_id, with_for_update=True)
        if row is None:
            raise ApplicationError(f"{noun} {row_id} does not exist", non_retryable=True)
        return row
