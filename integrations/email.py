"""Email delivery: SendGrid when SENDGRID_API_KEY is set, otherwise SMTP to SMTP_HOST:SMTP_PORT
(`make run` and the tests run an aiosmtpd sink there).

Neither SendGrid's mail API nor SMTP has an idempotency key. What keeps a message from going
out twice is ours (services/messaging/delivery.py sends under the message's row lock and
never resends one marked sent); each message also carries a stable id of our own
(`Message-ID` by SMTP, `custom_args.simdesk_message_id` by SendGrid, which its event
webhook echoes back) so a duplicate, should a crash ever produce one, is recognisable."""

from __future__ import annotations

import asyncio
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, parseaddr
from typing import Protocol

from python_http_client.exceptions import HTTPError  # type: ignore[import-untyped]
from sendgrid import SendGridAPIClient

from core.settings import Settings

SMTP_TIMEOUT_SECONDS = 30


class DeliveryRefused(Exception):
    """The provider said no for good (a bad address, a rejected sender): retrying cannot help.
    Any other exception is taken as transient and retried."""


@dataclass(frozen=True)
class Outgoing:
    message_id: int
    to: str
    subject: str
    body: str


@dataclass(frozen=True)
class Sent:
    provider: str
    provider_message_id: str


class EmailSender(Protocol):
    provider: str

    async def send(self, message: Outgoing) -> Sent: ...


def is_permanent(status: int) -> bool:
    """4xx is the request's fault, except a timeout or a rate limit, which pass."""
    return 400 <= status < 500 and status not in (408, 429)


class SmtpEmail:
    provider = "smtp"

    def __init__(self, host: str, port: int, sender: str) -> None:
        self._host, self._port, self._sender = host, port, sender

    def _compose(self, message: Outgoing) -> EmailMessage:
        mail = EmailMessage()
        mail["From"] = self._sender
        mail["To"] = message.to
        mail["Subject"] = message.subject
        mail["Date"] = formatdate(localtime=False)
        domain = parseaddr(self._sender)[1].rpartition("@")[2] or "simdesk"
        # Stable, not random: a resend after a crash carries the same id, which mail systems
        # use to drop duplicates.
        mail["Message-ID"] = f"<simdesk-message-{message.message_id}@{domain}>"
        mail.set_content(message.body)
        return mail

    def _send(self, mail: EmailMessage) -> None:
        try:
            with smtplib.SMTP(self._host, self._port, timeout=SMTP_TIMEOUT_SECONDS) as smtp:
                smtp.send_message(mail)
        except smtplib.SMTPRecipientsRefused as refused:
            raise DeliveryRefused(f"the mail server refused the recipient: {refused}") from None
        except smtplib.SMTPResponseException as error:
            if 500 <= error.smtp_code < 600:  # 5xx is final in SMTP; 4xx asks to try later
                raise DeliveryRefused(f"the mail server refused: {error}") from None
            raise

    async def send(self, message: Outgoing) -> Sent:
        mail = self._compose(message)
        await asyncio.to_thread(self._send, mail)
        return Sent(self.provider, str(mail["Message-ID"]))


class SendGridEmail:
    provider = "sendgrid"

    def __init__(self, api_key: str, sender: str, api_base: str) -> None:
        self._client = SendGridAPIClient(api_key, host=api_base)
        name, address = parseaddr(sender)
        self._from = {"email": address, **({"name": name} if name else {})}

    def _payload(self, message: Outgoing) -> dict[str, object]:
        return {
            "personalizations": [{"to": [{"email": message.to}]}],
            "from": self._from,
            "subject": message.subject,
            "content": [{"type": "text/plain", "value": message.body}],
            "custom_args": {"simdesk_message_id": str(message.message_id)},
        }

    def _send(self, payload: dict[str, object]) -> str:
        try:
            response = self._client.client.mail.send.post(request_body=payload)
        except HTTPError as error:
            detail = f"SendGrid answered {error.status_code}: {error.body!r}"
            if is_permanent(int(error.status_code)):
                raise DeliveryRefused(detail) from None
            raise RuntimeError(detail) from None
        return str(response.headers.get("X-Message-Id", ""))

    async def send(self, message: Outgoing) -> Sent:
        provider_id = await asyncio.to_thread(self._send, self._payload(message))
        return Sent(self.provider, provider_id)


def email_sender(settings: Settings) -> EmailSender:
    key = settings.sendgrid_api_key.get_secret_value()
    if key:
        return SendGridEmail(key, settings.email_from, settings.sendgrid_api_base)
    return SmtpEmail(settings.smtp_host, settings.smtp_port, settings.email_from)
