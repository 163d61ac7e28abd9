"""Twilio and SendGrid delivery reports: signed ones settle the message once, forged ones are
refused and change nothing, replays are acknowledged and ignored."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import AsyncIterator
from urllib.parse import urlencode

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from fastapi import FastAPI
from httpx import AsyncClient
from pydantic import SecretStr
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from twilio.request_validator import RequestValidator

from core.settings import Settings
from models import Channel, DeliveryStatus, OutboundMessage, WebhookEvent

TWILIO_TOKEN = "twilio-auth-token-for-tests"
SID = "SM" + "a" * 32
SENDGRID_KEY = ec.generate_private_key(ec.SECP256R1())
PUBLIC_KEY = base64.b64encode(
    SENDGRID_KEY.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
).decode()


@pytest.fixture
async def providers(app: FastAPI, settings: Settings) -> AsyncIterator[Settings]:
    configured = settings.model_copy(
        update={
            "twilio_auth_token": SecretStr(TWILIO_TOKEN),
            "sendgrid_webhook_public_key": PUBLIC_KEY,
        }
    )
    app.state.resources.settings = configured
    yield configured


async def _message(db: AsyncSession, provider: str, provider_id: str) -> OutboundMessage:
    message = OutboundMessage(
        channel=Channel.sms if provider == "twilio" else Channel.email,
        recipient="+14155550100" if provider == "twilio" else "pat@example.org",
        template="order_confirmed", subject="", body="simdesk: order confirmed.",
        provider=provider, provider_message_id=provider_id,
        delivery_status=DeliveryStatus.sent,
    )  # fmt: skip
    db.add(message)
    # Committed (a savepoint here): a refused request's rollback must leave it in place.
    await db.commit()
    return message


async def _status(db: AsyncSession, message: OutboundMessage) -> DeliveryStatus | None:
    return await db.scalar(
        select(OutboundMessage.delivery_status).where(OutboundMessage.id == message.id)
    )


async def _events(db: AsyncSession, provider: str) -> int:
    count = await db.scalar(
        select(func.count()).select_from(WebhookEvent).where(WebhookEvent.provider == provider)
    )
    return count or 0


def _twilio(
    settings: Settings, params: dict[str, str], token: str = TWILIO_TOKEN
) -> dict[str, str]:
    url = f"{settings.base_url}/api/webhooks/twilio/"
    return {
        "X-Twilio-Signature": RequestValidator(token).compute_signature(url, params),
        "Content-Type": "application/x-www-form-urlencoded",
    }


async def test_twilio_reports_settle_the_message_once(
    client: AsyncClient, db: AsyncSession, providers: Settings
) -> None:
    message = await _message(db, "twilio", SID)
    params = {"MessageSid": SID, "MessageStatus": "delivered", "AccountSid": "AC" + "0" * 32}
    body = urlencode(params)

    first = await client.post(
        "/api/webhooks/twilio/", content=body, headers=_twilio(providers, params)
    )
    assert first.status_code == 200
    assert first.json() == {"received": 1, "duplicates": 0, "applied": 1}
    await db.refresh(message)
    assert message.delivery_status is DeliveryStatus.delivered
    assert message.delivered_at is not None

    replay = await client.post(
        "/api/webhooks/twilio/", content=body, headers=_twilio(providers, params)
    )
    assert replay.json() == {"received": 1, "duplicates": 1, "applied": 0}
    assert await _events(db, "twilio") == 1


async def test_twilio_undelivered_is_a_bounce_and_news_changes_nothing(
    client: AsyncClient, db: AsyncSession, providers: Settings
) -> None:
    message = await _message(db, "twilio", SID)
    sent = {"MessageSid": SID, "MessageStatus": "sent"}
    answer = await client.post(
        "/api/webhooks/twilio/", content=urlencode(sent), headers=_twilio(providers, sent)
    )
    assert answer.json() == {"received": 1, "duplicates": 0, "applied": 0}
    await db.refresh(message)
    assert message.delivery_status is DeliveryStatus.sent

    lost = {"MessageSid": SID, "MessageStatus": "undelivered", "ErrorCode": "30003"}
    await client.post(
        "/api/webhooks/twilio/", content=urlencode(lost), headers=_twilio(providers, lost)
    )
    assert await _status(db, message) is DeliveryStatus.bounced
    await db.refresh(message)
    assert message.error == "Twilio error 30003"


async def test_forged_twilio_reports_are_refused(
    client: AsyncClient, db: AsyncSession, providers: Settings
) -> None:
    message = await _message(db, "twilio", SID)
    params = {"MessageSid": SID, "MessageStatus": "failed"}
    forged = _twilio(providers, params, token="someone-elses-token")
    answer = await client.post("/api/webhooks/twilio/", content=urlencode(params), headers=forged)
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "invalid_webhook"
    # Signed, then altered on the way.
    tampered = {**params, "MessageStatus": "delivered"}
    answer = await client.post(
        "/api/webhooks/twilio/", content=urlencode(tampered), headers=_twilio(providers, params)
    )
    assert answer.status_code == 400
    assert await _status(db, message) is DeliveryStatus.sent
    assert await _events(db, "twilio") == 0


def _sendgrid(body: bytes, key: ec.EllipticCurvePrivateKey = SENDGRID_KEY) -> dict[str, str]:
    stamp = str(int(time.time()))
    signature = key.sign(stamp.encode() + body, ec.ECDSA(hashes.SHA256()))
    return {
        "X-Twilio-Email-Event-Webhook-Signature": base64.b64encode(signature).decode(),
        "X-Twilio-Email-Event-Webhook-Timestamp": stamp,
        "Content-Type": "application/json",
    }


async def test_sendgrid_events_settle_messages_once(
    client: AsyncClient, db: AsyncSession, providers: Settings
) -> None:
    delivered = await _message(db, "sendgrid", "sg-one")
    bounced = await _message(db, "sendgrid", "sg-two")
    events = [
        {"sg_event_id": "ev-1", "event": "processed", "simdesk_message_id": str(delivered.id)},
        {"sg_event_id": "ev-2", "event": "delivered", "simdesk_message_id": str(delivered.id),
         "sg_message_id": "sg-one.filter0001"},
        # No custom arg (sent before it existed): found by SendGrid's own message id.
        {"sg_event_id": "ev-3", "event": "bounce", "sg_message_id": "sg-two.filter0002",
         "reason": "550 5.1.1 mailbox unavailable"},
    ]  # fmt: skip
    body = json.dumps(events).encode()

    first = await client.post("/api/webhooks/sendgrid/", content=body, headers=_sendgrid(body))
    assert first.status_code == 200
    assert first.json() == {"received": 3, "duplicates": 0, "applied": 2}
    await db.refresh(delivered)
    await db.refresh(bounced)
    assert delivered.delivery_status is DeliveryStatus.delivered
    assert bounced.delivery_status is DeliveryStatus.bounced
    assert bounced.error == "550 5.1.1 mailbox unavailable"

    replay = await client.post("/api/webhooks/sendgrid/", content=body, headers=_sendgrid(body))
    assert replay.json() == {"received": 3, "duplicates": 3, "applied": 0}
    assert await _events(db, "sendgrid") == 3


async def test_forged_sendgrid_events_are_refused(
    client: AsyncClient, db: AsyncSession, providers: Settings
) -> None:
    message = await _message(db, "sendgrid", "sg-one")
    events = [{"sg_event_id": "ev-9", "event": "bounce", "simdesk_message_id": str(message.id)}]
    body = json.dumps(events).encode()
    intruder = ec.generate_private_key(ec.SECP256R1())
    for headers in (_sendgrid(body, intruder), {"Content-Type": "application/json"}):
        answer = await client.post("/api/webhooks/sendgrid/", content=body, headers=headers)
        assert answer.status_code == 400
        assert answer.json()["error"]["code"] == "invalid_webhook"
    # A correctly signed body that is not a list of events.
    junk = b'{"event": "bounce"}'
    answer = await client.post("/api/webhooks/sendgrid/", content=junk, headers=_sendgrid(junk))
    assert answer.status_code == 400
    assert await _status(db, message) is DeliveryStatus.sent
    assert await _events(db, "sendgrid") == 0
