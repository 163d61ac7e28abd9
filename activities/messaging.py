"""Delivery steps: sending outbox messages, and the sweep that starts lost deliveries."""

from __future__ import annotations

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.exceptions import ApplicationError

from models.session import session_scope
from services import outgoing_webhooks
from services.messaging import delivery
from services.messaging.dispatch import Dispatcher, Kind


class MessageFailure(BaseModel):
    message_id: int
    reason: str


class MessageActivities:
    def __init__(
        self, sessionmaker: async_sessionmaker[AsyncSession], senders: delivery.Senders
    ) -> None:
        self._sessionmaker = sessionmaker
        self._senders = senders

    @activity.defn
    async def deliver_message(self, message_id: int) -> str:
        """The message's status after this attempt. A transient failure is saved with the
        attempt (the transaction commits first), then raised for Temporal to retry."""
        async with session_scope(self._sessionmaker) as db:
            attempt = await delivery.deliver(db, self._senders, message_id)
        if attempt.status is None:
            raise ApplicationError(f"message {message_id} does not exist", non_retryable=True)
        if attempt.retry_error:
            raise ApplicationError(attempt.retry_error, type="DeliveryFailed")
        return attempt.status.value

    @activity.defn
    async def give_up_message(self, failure: MessageFailure) -> None:
        async with session_scope(self._sessionmaker) as db:
            await delivery.give_up(db, failure.message_id, failure.reason)


class DeliverySweepActivities:
    def __init__(
        self, sessionmaker: async_sessionmaker[AsyncSession], dispatcher: Dispatcher
    ) -> None:
        self._sessionmaker = sessionmaker
        self._dispatcher = dispatcher

    @activity.defn
    async def start_undelivered(self) -> int:
        """Start the delivery of every message and outgoing webhook still pending a minute
        after its commit (a delivery already running is left alone). How many were found."""
        async with self._sessionmaker() as db:
            messages = await delivery.undelivered(db)
            webhooks = await outgoing_webhooks.undelivered(db)
        await self._dispatcher.start(Kind.message, [str(m) for m in messages])
        await self._dispatcher.start(Kind.webhook, webhooks)
        return len(messages) + len(webhooks)
