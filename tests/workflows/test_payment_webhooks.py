"""Stripe's webhook: signed events signal the order's workflow once; forged, stale, replayed,
unknown or misdirected events are answered and change nothing."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from typing import Any

from sqlalchemy import select

from core.settings import DEV_STRIPE_WEBHOOK_SECRET
from models import SimOrder, WebhookEvent
from models.identity import SystemRole
from tests.factories import login_headers, make_account, make_plan, make_staff
from tests.workflows.conftest import Stack

URL = "/api/webhooks/stripe/"


def _event(event_type: str, intent: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": f"evt_{uuid.uuid4().hex}",
        "type": event_type,
        "created": int(time.time()),
        "data": {"object": intent},
    }


def _signed(
    event: dict[str, Any], *, secret: str = DEV_STRIPE_WEBHOOK_SECRET, age: int = 0
) -> tuple[bytes, dict[str, str]]:
    body = json.dumps(event).encode()
    stamp = int(time.time()) - age
    signature = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256)
    return body, {
        "Stripe-Signature": f"t={stamp},v1={signature.hexdigest()}",
        "Content-Type": "application/json",
    }


async def test_a_signed_authorization_confirms_the_order_once(stack: Stack) -> None:
    async with stack.sessionmaker() as db:
        plan = await make_plan(db)
        admin = await make_staff(db, SystemRole.admin)
        customer = await make_account(db, SystemRole.customer)
    auth = await login_headers(stack.api, admin)
    placed = await stack.api.post(
        "/api/orders/",
        headers=auth,
        json={"plan_id": plan.id, "user_id": customer.public_user_id, "delivery_address": "Oslo"},
    )
    order = placed.json()
    number = order["order_number"]
    await stack.reach_step(number, "awaiting_payment")
    # The customer's app confirmed the card with Stripe itself; Stripe tells us by webhook.
    stripe_client = stack.stripe()
    intent = stripe_client.v1.payment_intents.create(
        params={
            "amount": round(float(order["total_amount"]) * 100),
            "currency": "usd",
            "payment_method": "pm_card_visa",
            "capture_method": "manual",
            "confirm": True,
            "metadata": {"order_number": number},
        }
    )
    event = _event("payment_intent.amount_capturable_updated", intent.to_dict())

    forged_body, forged_headers = _signed(event, secret="whsec_not_ours")
    forged = await stack.api.post(URL, content=forged_body, headers=forged_headers)
    assert (forged.status_code, forged.json()["error"]["code"]) == (400, "invalid_webhook")
    stale_body, stale_headers = _signed(event, age=301)
    assert (await stack.api.post(URL, content=stale_body, headers=stale_headers)).status_code == 400
    unsigned = await stack.api.post(URL, content=forged_body)
    assert unsigned.status_code == 400

    body, headers = _signed(event)
    first = await stack.api.post(URL, content=body, headers=headers)
    assert first.json() == {"received": True, "duplicate": False, "handled": True}
    replay = await stack.api.post(URL, content=body, headers=headers)
    assert replay.json() == {"received": True, "duplicate": True, "handled": False}
    await stack.reach_step(number, "awaiting_dispatch")
    async with stack.sessionmaker() as db:
        confirmed = await db.get(SimOrder, order["id"])
        assert confirmed is not None
        assert (confirmed.status.value, confirmed.payment_status.value) == (
            "confirmed",
            "authorized",
        )
        stored = (
            await db.scalars(select(WebhookEvent).where(WebhookEvent.event_id == event["id"]))
        ).all()
    assert [(e.event_type, e.error) for e in stored] == [
        ("payment_intent.amount_capturable_updated", "")
    ]


async def test_unknown_types_and_orders_are_kept_and_ignored(stack: Stack) -> None:
    other = _event("charge.dispute.created", {"id": "dp_1", "status": "needs_response"})
    body, headers = _signed(other)
    ignored = await stack.api.post(URL, content=body, headers=headers)
    assert ignored.json() == {"received": True, "duplicate": False, "handled": False}

    stray = _event(
        "payment_intent.amount_capturable_updated",
        {"id": "pi_x", "status": "requires_capture", "metadata": {"order_number": "ORD-0-404"}},
    )
    body, headers = _signed(stray)
    misdirected = await stack.api.post(URL, content=body, headers=headers)
    assert misdirected.json()["handled"] is False
    async with stack.sessionmaker() as db:
        kept = {
            e.event_id: (e.processed_at is not None, e.error)
            for e in await db.scalars(select(WebhookEvent))
        }
    assert kept == {
        other["id"]: (True, ""),
        stray["id"]: (True, "no running fulfilment workflow for order 'ORD-0-404'"),
    }
    garbage = await stack.api.post(URL, content=b"{not json", headers=headers)
    assert garbage.status_code == 400
