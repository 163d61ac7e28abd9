"""The card payment provider behind one small interface: authorise, capture, void, refund.

`StripeGateway` is the real `stripe` SDK pointed at STRIPE_API_BASE (api.stripe.com in
production, a localstripe server locally and in tests). Every call that moves money carries an
idempotency key derived from the workflow step, so a retried activity never charges twice.
Amounts cross this boundary in minor units (cents), as Stripe counts them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

import stripe

from core.settings import Settings


class PaymentDeclined(Exception):
    """The provider refused the payment itself (card declined, authentication failed):
    retrying the same call cannot help, a different card might."""

    def __init__(self, message: str, code: str = "card_declined") -> None:
        super().__init__(message)
        self.code = code


class PaymentRejected(Exception):
    """The provider refused the request (nothing to capture, already refunded...)."""


@dataclass(frozen=True)
class IntentState:
    id: str
    status: str  # Stripe's PaymentIntent status: requires_capture, succeeded, canceled...
    amount_minor: int
    currency: str
    metadata: dict[str, str]

    @property
    def authorized(self) -> bool:
        return self.status == "requires_capture"


@dataclass(frozen=True)
class RefundState:
    id: str
    status: str
    amount_minor: int


def to_minor(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


class PaymentGateway(Protocol):
    name: str

    async def authorize(
        self,
        *,
        amount_minor: int,
        currency: str,
        payment_method: str,
        metadata: dict[str, str],
        idempotency_key: str,
    ) -> IntentState: ...

    async def retrieve(self, intent_id: str) -> IntentState: ...

    async def capture(self, intent_id: str, *, idempotency_key: str) -> IntentState: ...

    async def void(self, intent_id: str, *, idempotency_key: str) -> IntentState: ...

    async def refund(
        self, intent_id: str, amount_minor: int, *, idempotency_key: str, metadata: dict[str, str]
    ) -> RefundState: ...


def _plain(value: Any) -> dict[str, Any]:
    if isinstance(value, stripe.StripeObject):
        return value.to_dict()
    return dict(value or {})


def _intent(obj: Any) -> IntentState:
    return IntentState(
        id=obj.id,
        status=obj.status,
        amount_minor=int(obj.amount),
        currency=str(obj.currency).upper(),
        metadata={str(k): str(v) for k, v in _plain(obj.metadata).items()},
    )


class StripeGateway:
    name = "stripe"

    def __init__(self, api_key: str, api_base: str) -> None:
        self._client = stripe.StripeClient(
            api_key,
            base_addresses={"api": api_base},
            http_client=stripe.HTTPXClient(),
            max_network_retries=2,
        )

    async def authorize(
        self,
        *,
        amount_minor: int,
        currency: str,
        payment_method: str,
        metadata: dict[str, str],
        idempotency_key: str,
    ) -> IntentState:
        # Manual capture: the card is only held now and charged when the SIM ships.
        params: Any = {
            "amount": amount_minor,
            "currency": currency.lower(),
            "payment_method": payment_method,
            "capture_method": "manual",
            "confirm": True,
            "metadata": metadata,
        }
        try:
            created = await self._client.v1.payment_intents.create_async(
                params, {"idempotency_key": idempotency_key}
            )
        except stripe.CardError as exc:
            message, code = exc.user_message or str(exc), exc.code or "card_declined"
            raise PaymentDeclined(message, code) from None
        except stripe.InvalidRequestError as exc:
            message = exc.user_message or str(exc)
            raise PaymentDeclined(message, "invalid_payment_method") from None
        intent = _intent(created)
        if not intent.authorized:
            raise PaymentDeclined(
                f"The payment could not be authorised (status {intent.status}).",
                "authorization_failed",
            )
        return intent

    async def retrieve(self, intent_id: str) -> IntentState:
        return _intent(await self._client.v1.payment_intents.retrieve_async(intent_id))

    async def capture(self, intent_id: str, *, idempotency_key: str) -> IntentState:
        current = await self.retrieve(intent_id)
        if current.status == "succeeded":  # a retry after the capture went through
            return current
        if not current.authorized:
            raise PaymentRejected(f"Nothing to capture: the payment is {current.status}.")
        try:
            return _intent(
                await self._client.v1.payment_intents.capture_async(
                    intent_id, options={"idempotency_key": idempotency_key}
                )
            )
        except stripe.InvalidRequestError as exc:
            raise PaymentRejected(str(exc)) from exc

    async def void(self, intent_id: str, *, idempotency_key: str) -> IntentState:
        current = await self.retrieve(intent_id)
        if current.status == "canceled":
            return current
        try:
            return _intent(
                await self._client.v1.payment_intents.cancel_async(
                    intent_id, options={"idempotency_key": idempotency_key}
                )
            )
        except stripe.InvalidRequestError as exc:
            raise PaymentRejected(str(exc)) from exc

    async def refund(
        self, intent_id: str, amount_minor: int, *, idempotency_key: str, metadata: dict[str, str]
    ) -> RefundState:
        params: Any = {"payment_intent": intent_id, "amount": amount_minor, "metadata": metadata}
        try:
            refund = await self._client.v1.refunds.create_async(
                params, {"idempotency_key": idempotency_key}
            )
        except stripe.InvalidRequestError as exc:
            raise PaymentRejected(str(exc)) from exc
        return RefundState(id=refund.id, status=str(refund.status), amount_minor=refund.amount)


def payment_gateway(settings: Settings) -> PaymentGateway:
    return StripeGateway(settings.stripe_api_key.get_secret_value(), settings.stripe_api_base)
