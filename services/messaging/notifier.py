"""The one way the system sends email and SMS.

Every message is first recorded in `outbound_messages` (what was sent to whom, and when), in
the caller's transaction. Once that transaction commits, its delivery starts
(services/messaging/dispatch.py): a MessageDelivery workflow sends it through the provider
the settings choose (SendGrid or SMTP, Twilio), so flows like password reset are testable end
to end with no provider at all.

A template overridden in system settings is used in place of the default; an override that
cannot render falls back to the default, so a bad edit never stops a password reset."""

from __future__ import annotations

import logging
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Channel, OutboundMessage
from services.messaging import dispatch, rendering, templates

logger = logging.getLogger("simdesk.messaging")


class Notifier(Protocol):
    async def send_email(
        self,
        db: AsyncSession,
        to: str,
        template: str,
        context: dict[str, str],
        *,
        account_id: int | None = None,
        dedupe_key: str | None = None,
    ) -> OutboundMessage: ...

    async def send_sms(
        self,
        db: AsyncSession,
        to: str,
        template: str,
        context: dict[str, str],
        *,
        account_id: int | None = None,
        dedupe_key: str | None = None,
    ) -> OutboundMessage: ...


class OutboxNotifier:
    async def send_email(
        self,
        db: AsyncSession,
        to: str,
        template: str,
        context: dict[str, str],
        *,
        account_id: int | None = None,
        dedupe_key: str | None = None,
    ) -> OutboundMessage:
        return await self._record(db, Channel.email, to, template, context, account_id, dedupe_key)

    async def send_sms(
        self,
        db: AsyncSession,
        to: str,
        template: str,
        context: dict[str, str],
        *,
        account_id: int | None = None,
        dedupe_key: str | None = None,
    ) -> OutboundMessage:
        return await self._record(db, Channel.sms, to, template, context, account_id, dedupe_key)

    async def _record(
        self,
        db: AsyncSession,
        channel: Channel,
        to: str,
        name: str,
        context: dict[str, str],
        account_id: int | None,
        dedupe_key: str | None,
    ) -> OutboundMessage:
        if dedupe_key is not None:
            sent = await db.scalar(
                select(OutboundMessage).where(OutboundMessage.dedupe_key == dedupe_key)
            )
            if sent is not None:
                return sent
        default = templates.BY_CHANNEL[channel][name]
        template = await templates.effective_template(db, channel, name)
        try:
            subject, body = template.render(context)
        except rendering.RenderFailed:
            if template is default:
                raise
            logger.warning(
                "template override failed to render; default used",
                extra={"channel": channel.value, "template": name},
            )
            subject, body = default.render(context)
        message = OutboundMessage(
            channel=channel,
            recipient=to,
            template=name,
            subject=subject,
            body=body,
            context=context,
            account_id=account_id,
            provider="outbox",
            dedupe_key=dedupe_key,
        )
        db.add(message)
        await db.flush()
        dispatch.after_commit(db, dispatch.Kind.message, str(message.id))
        logger.info(
            "message queued",
            extra={"channel": channel.value, "template": name, "message_id": message.id},
        )
        return message
