from __future__ import annotations

from pydantic import BaseModel, Field

from api.schemas import WriteModel
from models import PaymentStatus


class PaymentProcess(WriteModel):
    order_id: int
    payment_method: str = Field(
        min_length=3,
        max_length=255,
        description="A payment method id from the provider's client SDK, e.g. pm_card_visa",
    )


class PaymentResult(BaseModel):
    order_id: int
    authorized: bool
    payment_status: PaymentStatus
    intent_id: str


class WebhookAck(BaseModel):
    received: bool = True
    duplicate: bool = False
    handled: bool = Field(description="False for event types simdesk does not act on")
