"""The Stripe adapter against localstripe: the calls the fulfilment and refund workflows make."""

from __future__ import annotations

import uuid

import pytest

from core.settings import Settings
from integrations.payments import PaymentDeclined, PaymentRejected, payment_gateway


def _key() -> str:
    return uuid.uuid4().hex


async def test_authorize_capture_and_refund_in_parts(settings: Settings) -> None:
    gateway = payment_gateway(settings)
    held = await gateway.authorize(
        amount_minor=2599,
        currency="USD",
        payment_method="pm_card_visa",
        metadata={"order_number": "ORD-T-1"},
        idempotency_key=_key(),
    )
    assert (held.status, held.amount_minor, held.currency) == ("requires_capture", 2599, "USD")
    assert held.metadata == {"order_number": "ORD-T-1"}

    captured = await gateway.capture(held.id, idempotency_key=_key())
    assert captured.status == "succeeded"
    # A retried capture finds the money already taken instead of failing.
    assert (await gateway.capture(held.id, idempotency_key=_key())).status == "succeeded"

    first = await gateway.refund(held.id, 1000, idempotency_key=_key(), metadata={})
    second = await gateway.refund(held.id, 1599, idempotency_key=_key(), metadata={})
    assert (first.amount_minor, second.amount_minor) == (1000, 1599)
    assert first.id != second.id


async def test_a_declined_card_is_a_decline_not_an_outage(settings: Settings) -> None:
    with pytest.raises(PaymentDeclined) as declined:
        await payment_gateway(settings).authorize(
            amount_minor=500,
            currency="USD",
            payment_method="pm_card_chargeCustomerFail",
            metadata={},
            idempotency_key=_key(),
        )
    assert declined.value.code == "card_declined"


async def test_void_releases_the_hold_and_is_repeatable(settings: Settings) -> None:
    gateway = payment_gateway(settings)
    held = await gateway.authorize(
        amount_minor=700,
        currency="USD",
        payment_method="pm_card_visa",
        metadata={},
        idempotency_key=_key(),
    )
    assert (await gateway.void(held.id, idempotency_key=_key())).status == "canceled"
    assert (await gateway.void(held.id, idempotency_key=_key())).status == "canceled"
    with pytest.raises(PaymentRejected):
        await gateway.capture(held.id, idempotency_key=_key())
