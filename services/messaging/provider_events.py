"""What email and SMS providers tell us about messages they were given: Twilio's status
callbacks and SendGrid's signed event webhook. Each request is verified over its raw body,
each event stored once by its provider id (services/webhooks.py: a replay is acknowledged
and ignored), and the message's delivery status updated (services/messaging/delivery.py)."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import load_der_public_key
from sqlalchemy.ext.asyncio import AsyncSession
from twilio.request_validator import RequestValidator

from core.errors import AppError
from models import DeliveryStatus
from services import webhooks
from services.messaging import delivery

TWILIO_STATUSES = {
    "delivered": DeliveryStatus.delivered,
    "undelivered": DeliveryStatus.bounced,  # the carrier could not hand it over
    "failed": DeliveryStatus.failed,  # Twilio could not send it at all
}
SENDGRID_EVENTS = {
    "delivered": DeliveryStatus.delivered,
    "bounce": DeliveryStatus.bounced,
    "dropped": DeliveryStatus.failed,
}


@dataclass(frozen=True)
class Applied:
    received: int = 0
    duplicates: int = 0
    applied: int = 0  # events that changed a message's status


def _invalid() -> AppError:
    return AppError("The webhook's signature or payload is not valid.", code="invalid_webhook")


def verify_twilio(auth_token: str, url: str, params: dict[str, str], signature: str) -> None:
    """X-Twilio-Signature: base64 HMAC-SHA1 of the URL Twilio called followed by the sorted
    POST parameters, keyed with the account's auth token."""
    if not auth_token or not RequestValidator(auth_token).validate(url, params, signature):
        raise _invalid()


def verify_sendgrid(public_key: str, signature: str, timestamp: str, raw: bytes) -> None:
    """SendGrid's signed event webhook: an ECDSA (P-256, SHA-256) signature of the timestamp
    header followed by the raw body, checked with the verification key from its settings."""
    if not public_key or not signature or not timestamp:
        raise _invalid()
    try:
        key = load_der_public_key(base64.b64decode(public_key))
        if not isinstance(key, ec.EllipticCurvePublicKey):
            raise _invalid()
        key.verify(base64.b64decode(signature), timestamp.encode() + raw, ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, ValueError, binascii.Error):
        raise _invalid() from None


async def apply_twilio(db: AsyncSession, params: dict[str, str]) -> Applied:
    sid, status = params.get("MessageSid", ""), params.get("MessageStatus", "")
    if not sid or not status:
        raise _invalid()
    # A status callback has no id of its own: each status of a message is reported once.
    row = await webhooks.record_event(db, "twilio", f"{sid}:{status}", status, dict(params))
    if row is None:
        return Applied(received=1, duplicates=1)
    outcome = TWILIO_STATUSES.get(status)
    detail = f"Twilio error {params['ErrorCode']}" if params.get("ErrorCode") else status
    message = None
    if outcome is not None:
        message = await delivery.record_report(
            db, "twilio", outcome, provider_message_id=sid, detail=detail
        )
    await webhooks.mark_processed(
        db, row, "" if outcome is None or message else "no message with this SID"
    )
    return Applied(received=1, applied=int(message is not None))


def _message_id(event: dict[str, Any]) -> int | None:
    value = event.get("simdesk_message_id")  # our custom arg, echoed on every event
    return int(value) if isinstance(value, str) and value.isdigit() else None


async def apply_sendgrid(db: AsyncSession, events: Any) -> Applied:
    if not isinstance(events, list) or not all(
        isinstance(e, dict) and isinstance(e.get("sg_event_id"), str) and e.get("event")
        for e in events
    ):
        raise _invalid()
    duplicates = applied = 0
    for event in events:
        name = str(event["event"])
        row = await webhooks.record_event(db, "sendgrid", event["sg_event_id"], name, event)
        if row is None:
            duplicates += 1
            continue
        outcome = SENDGRID_EVENTS.get(name)
        message = None
        if outcome is not None:
            # sg_message_id is SendGrid's X-Message-Id with a suffix of its own after a dot.
            provider_id = str(event.get("sg_message_id", "")).split(".", 1)[0] or None
            detail = str(event.get("reason") or event.get("response") or name)
            message = await delivery.record_report(
                db, "sendgrid", outcome, message_id=_message_id(event),
                provider_message_id=provider_id, detail=detail,
            )  # fmt: skip
            applied += message is not None
        await webhooks.mark_processed(
            db, row, "" if outcome is None or message else "no message for this event"
        )
    return Applied(received=len(events), duplicates=duplicates, applied=applied)
