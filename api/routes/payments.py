"""/api/payments/: paying for an order, and the payment providers' webhooks."""

from __future__ import annotations

import json
import logging
from typing import Annotated, Any

import stripe
from fastapi import APIRouter, Request

from api.deps import OrderWorkflowsDep, SessionDep, SettingsDep
from api.idempotency import IDEMPOTENT
from api.schemas.payments import PaymentProcess, PaymentResult, WebhookAck
from api.security import PUBLIC, require
from core.errors import AppError
from models import PaymentStatus
from services import webhooks
from services.auth.principal import Principal
from services.orders import queries
from services.payments import PaymentFailed

logger = logging.getLogger("simdesk.payments")
router = APIRouter(tags=["payments"])
# Events that mean "the card is held for this order" (localstripe reports a manual-capture
# hold as payment_intent.succeeded with status requires_capture; Stripe as the former).
AUTHORIZATION_EVENTS = {"payment_intent.amount_capturable_updated", "payment_intent.succeeded"}


@router.post("/api/payments/process/", response_model=PaymentResult, dependencies=[IDEMPOTENT])
async def process_payment(
    body: PaymentProcess,
    principal: Annotated[Principal, require("payments:process")],
    db: SessionDep,
    workflows: OrderWorkflowsDep,
) -> PaymentResult:
    """Hold the order's total on a card; the order's workflow confirms it right after. A
    declined card is a 402 and the order keeps waiting for another card until it times out."""
    order = await queries.get_order(db, principal, body.order_id)
    outcome = await workflows.pay(order.order_number, body.payment_method)
    if not outcome.authorized:
        raise PaymentFailed(outcome.message, code=outcome.code or "payment_failed")
    return PaymentResult(
        order_id=order.id,
        authorized=True,
        payment_status=PaymentStatus.authorized,
        intent_id=outcome.intent_id,
    )


@router.post("/api/webhooks/stripe/", response_model=WebhookAck, openapi_extra=PUBLIC)
async def stripe_webhook(
    request: Request, db: SessionDep, settings: SettingsDep, workflows: OrderWorkflowsDep
) -> WebhookAck:
    """Signed with the endpoint's secret (Stripe-Signature, 300 s tolerance)."""
    raw = await request.body()
    try:
        stripe.WebhookSignature.verify_header(
            raw.decode(),
            request.headers.get("stripe-signature", ""),
            settings.stripe_webhook_secret.get_secret_value(),
            tolerance=300,
        )
        event: dict[str, Any] = json.loads(raw)
        event_id, event_type = str(event["id"]), str(event["type"])
        intent = event["data"]["object"]
    except (stripe.SignatureVerificationError, ValueError, KeyError, TypeError) as bad:
        raise AppError(
            "The webhook's signature or payload is not valid.", code="invalid_webhook"
        ) from bad
    row = await webhooks.record_event(db, "stripe", event_id, event_type, event)
    if row is None:
        return WebhookAck(duplicate=True, handled=False)
    handled = event_type in AUTHORIZATION_EVENTS and intent.get("status") == "requires_capture"
    error = ""
    order_number = (intent.get("metadata") or {}).get("order_number", "")
    if handled:
        # Stored first: if the signal cannot be delivered, the event and its error stay.
        await db.commit()
        if not await workflows.payment_authorized(order_number, str(intent.get("id"))):
            error = f"no running fulfilment workflow for order {order_number!r}"
            logger.warning("stripe webhook for unknown order", extra={"event": event_id})
    await webhooks.mark_processed(db, row, error)
    return WebhookAck(handled=handled and not error)
