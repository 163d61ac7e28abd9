"""SMS delivery: Twilio when TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER are
set. Without them there is no SMS provider: the message stays in the outbox, marked
`skipped` with the reason, and is never retried (development reads codes from the outbox).

Twilio's Messages API has no idempotency key; as for email, ours is the row lock and
`sent_at` (services/messaging/delivery.py). Its status callbacks (`POST
/api/webhooks/twilio/`) quote the message SID we store as the provider's id."""

from __future__ import annotations

import asyncio
from typing import Protocol

from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from core.settings import Settings
from integrations.email import DeliveryRefused, Outgoing, Sent, is_permanent

TWILIO_WEBHOOK_PATH = "/api/webhooks/twilio/"


class SmsSender(Protocol):
    provider: str

    async def send(self, message: Outgoing) -> Sent: ...


class TwilioSms:
    provider = "twilio"

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        from_number: str,
        *,
        api_base: str,
        status_callback: str | None,
    ) -> None:
        self._client = Client(account_sid, auth_token)
        # The SDK has no base URL option; its API domain keeps it here (tests point it home).
        self._client.api.base_url = api_base
        self._from = from_number
        self._status_callback = status_callback

    def _send(self, message: Outgoing) -> str:
        extra = {"status_callback": self._status_callback} if self._status_callback else {}
        try:
            created = self._client.messages.create(
                to=message.to, from_=self._from, body=message.body, **extra
            )
        except TwilioRestException as error:
            detail = f"Twilio answered {error.status} ({error.code}): {error.msg}"
            if is_permanent(error.status):
                raise DeliveryRefused(detail) from None
            raise RuntimeError(detail) from None
        return str(created.sid)

    async def send(self, message: Outgoing) -> Sent:
        return Sent(self.provider, await asyncio.to_thread(self._send, message))


def sms_sender(settings: Settings) -> SmsSender | None:
    """None: no SMS provider is configured."""
    token = settings.twilio_auth_token.get_secret_value()
    if not (settings.twilio_account_sid and token and settings.twilio_from_number):
        return None
    # Twilio calls back only a URL it can reach: only when the public URL is configured.
    callback = (
        f"{settings.public_url.rstrip('/')}{TWILIO_WEBHOOK_PATH}" if settings.public_url else None
    )
    return TwilioSms(
        settings.twilio_account_sid,
        token,
        settings.twilio_from_number,
        api_base=settings.twilio_api_base,
        status_callback=callback,
    )
