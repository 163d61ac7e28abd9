"""Outgoing webhook delivery: one signed POST per attempt, its outcome saved before Temporal
is asked to retry."""

from __future__ import annotations

from datetime import timedelta

import httpx
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.exceptions import ApplicationError

from core.crypto import FieldCipher
from models.session import session_scope
from services import outgoing_webhooks


class WebhookAttempt(BaseModel):
    delivery_id: str
    # The retry policy, to tell the log when the next attempt comes.
    initial_seconds: float
    max_attempts: int
    max_interval_seconds: float


class WebhookFailure(BaseModel):
    delivery_id: str
    reason: str


class WebhookActivities:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        cipher: FieldCipher,
        timeout_seconds: float,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._cipher = cipher
        self._timeout = timeout_seconds

    @activity.defn
    async def deliver_webhook(self, request: WebhookAttempt) -> str:
        number = activity.info().attempt
        next_in = (
            timedelta(
                seconds=min(
                    request.initial_seconds * 2 ** (number - 1), request.max_interval_seconds
                )
            )
            if number < request.max_attempts
            else None
        )
        # Redirects are not followed: a signed delivery goes where it was registered, only.
        async with (
            httpx.AsyncClient(timeout=self._timeout, follow_redirects=False) as http,
            session_scope(self._sessionmaker) as db,
        ):
            attempt = await outgoing_webhooks.attempt(
                db, self._cipher, http, request.delivery_id, next_in
            )
        if attempt.status is None:
            raise ApplicationError(
                f"webhook delivery {request.delivery_id} does not exist", non_retryable=True
            )
        if attempt.retry_error:
            raise ApplicationError(attempt.retry_error, type="WebhookFailed")
        return attempt.status.value

    @activity.defn
    async def give_up_webhook(self, failure: WebhookFailure) -> None:
        async with session_scope(self._sessionmaker) as db:
            await outgoing_webhooks.give_up(db, failure.delivery_id, failure.reason)
