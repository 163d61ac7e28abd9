"""/api/webhooks/twilio/ and /api/webhooks/sendgrid/: delivery reports from the SMS and email
providers, authenticated by their signatures (services/messaging/provider_events.py)."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request

from api.deps import SessionDep, SettingsDep
from api.schemas.provider_webhooks import ProviderEventsAck
from api.security import PUBLIC
from services.messaging import provider_events

router = APIRouter(prefix="/api/webhooks", tags=["webhooks"])


def _ack(applied: provider_events.Applied) -> ProviderEventsAck:
    return ProviderEventsAck(
        received=applied.received, duplicates=applied.duplicates, applied=applied.applied
    )


@router.post("/twilio/", response_model=ProviderEventsAck, openapi_extra=PUBLIC)
async def twilio_webhook(
    request: Request, db: SessionDep, settings: SettingsDep
) -> ProviderEventsAck:
    """A message status callback, signed with X-Twilio-Signature. Twilio signs the URL it
    called: PUBLIC_URL must be the address Twilio is given."""
    raw = await request.body()
    params = dict(parse_qsl(raw.decode(errors="replace"), keep_blank_values=True))
    url = f"{settings.base_url.rstrip('/')}{request.url.path}"
    if request.url.query:
        url += f"?{request.url.query}"
    provider_events.verify_twilio(
        settings.twilio_auth_token.get_secret_value(),
        url,
        params,
        request.headers.get("x-twilio-signature", ""),
    )
    return _ack(await provider_events.apply_twilio(db, params))


@router.post("/sendgrid/", response_model=ProviderEventsAck, openapi_extra=PUBLIC)
async def sendgrid_webhook(
    request: Request, db: SessionDep, settings: SettingsDep
) -> ProviderEventsAck:
    """A batch of email events, signed by SendGrid's signed event webhook
    (SENDGRID_WEBHOOK_PUBLIC_KEY holds its verification key)."""
    raw = await request.body()
    provider_events.verify_sendgrid(
        settings.sendgrid_webhook_public_key,
        request.headers.get("x-twilio-email-event-webhook-signature", ""),
        request.headers.get("x-twilio-email-event-webhook-timestamp", ""),
        raw,
    )
    try:
        events = json.loads(raw)
    except ValueError:
        events = None
    return _ack(await provider_events.apply_sendgrid(db, events))
