"""Sending an outbox message through its provider, exactly once, and what providers report
about it afterwards.

`deliver` runs in a Temporal activity (activities/messaging.py), one transaction per attempt:
it locks the message's row, so two attempts can never send it at the same time, and a message
already sent is never sent again. Each attempt counts in `attempts`; a transient failure keeps
the message pending with its error (the activity then asks Temporal to retry), a refusal
fails it for good."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from integrations.email import DeliveryRefused, EmailSender, Outgoing
from integrations.sms import SmsSender
from models import Channel, DeliveryStatus, OutboundMessage
from services.messaging import dispatch

NO_SMS_PROVIDER = "no SMS provider configured (TWILIO_ACCOUNT_SID, _AUTH_TOKEN, _FROM_NUMBER)"
# What providers report that settles a message; anything else (queued, processed...) is news
# on the way there and changes nothing.
FINAL = {DeliveryStatus.delivered, DeliveryStatus.bounced, DeliveryStatus.failed}


@dataclass(frozen=True)
class Senders:
    email: EmailSender
    sms: SmsSender | None


@dataclass(frozen=True)
class Attempt:
    status: DeliveryStatus | None  # None: the message does not exist
    retry_error: str = ""  # set: a transient failure, worth another attempt


async def deliver(db: AsyncSession, senders: Senders, message_id: int) -> Attempt:
    message = await db.get(OutboundMessage, message_id, with_for_update=True)
    if message is None:
        return Attempt(None)
    if message.sent_at is not None or message.delivery_status is not DeliveryStatus.pending:
        return Attempt(message.delivery_status)
    sender = senders.email if message.channel is Channel.email else senders.sms
    if sender is None:
        message.delivery_status, message.error = DeliveryStatus.skipped, NO_SMS_PROVIDER
        return Attempt(message.delivery_status)
    message.attempts += 1
    message.provider = sender.provider
    outgoing = Outgoing(message.id, message.recipient, message.subject, message.body)
    try:
        sent = await sender.send(outgoing)
    except DeliveryRefused as refused:
        message.delivery_status, message.error = DeliveryStatus.failed, str(refused)
        return Attempt(message.delivery_status)
    except Exception as error:  # anything else may pass: the workflow retries with backoff
        message.error = f"{type(error).__name__}: {error}"[:2000]
        return Attempt(message.delivery_status, retry_error=message.error)
    message.provider_message_id = sent.provider_message_id or None
    message.sent_at = datetime.now(UTC)
    message.delivery_status, message.error = DeliveryStatus.sent, ""
    return Attempt(message.delivery_status)


async def give_up(db: AsyncSession, message_id: int, reason: str) -> None:
    """The last attempt failed: the message is failed with the last error (or `reason`)."""
    message = await db.get(OutboundMessage, message_id, with_for_update=True)
    if message is not None and message.delivery_status is DeliveryStatus.pending:
        message.delivery_status = DeliveryStatus.failed
        message.error = message.error or reason


async def record_report(
    db: AsyncSession,
    provider: str,
    status: DeliveryStatus,
    *,
    message_id: int | None = None,
    provider_message_id: str | None = None,
    detail: str = "",
) -> OutboundMessage | None:
    """A provider's word on a message it was given, found by our id (which SendGrid echoes)
    or by the provider's own. None when the report is not about any message of ours."""
    query = select(OutboundMessage).where(OutboundMessage.provider == provider)
    if message_id is not None:
        query = query.where(OutboundMessage.id == message_id)
    elif provider_message_id:
        query = query.where(OutboundMessage.provider_message_id == provider_message_id)
    else:
        return None
    message = (await db.scalars(query.with_for_update())).first()
    if message is None or status not in FINAL:
        return message
    message.delivery_status = status
    if status is DeliveryStatus.delivered:
        message.delivered_at = datetime.now(UTC)
    elif detail:
        message.error = detail[:2000]
    return message


async def undelivered(db: AsyncSession, now: datetime | None = None) -> list[int]:
    """Messages whose delivery should have started by now, oldest first."""
    pending = OutboundMessage.delivery_status == DeliveryStatus.pending
    return await dispatch.undelivered(
        db, OutboundMessage.id, pending, OutboundMessage.created_at, now
    )
