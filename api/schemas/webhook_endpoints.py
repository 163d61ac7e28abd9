from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AnyHttpUrl, Field

from api.schemas import ReadModel, WriteModel
from models import WebhookDeliveryStatus

EventType = Literal["order.status_changed", "payment.captured", "refund.completed"]
Url = Annotated[AnyHttpUrl, Field(max_length=2000, examples=["https://shop.example.com/hooks"])]
EventTypes = Annotated[list[EventType], Field(min_length=1, max_length=10)]


class WebhookEndpointCreate(WriteModel):
    url: Url
    event_types: EventTypes
    description: str = Field(default="", max_length=200)
    reseller_id: int | None = Field(
        default=None,
        description="Staff only: the reseller whose events it hears; omit for a system-wide "
        "endpoint hearing every event. A reseller's endpoints are always its own.",
    )


class WebhookEndpointUpdate(WriteModel):
    url: Url | None = None
    event_types: EventTypes | None = None
    description: str | None = Field(default=None, max_length=200)
    is_active: bool | None = None


class WebhookEndpointRead(ReadModel):
    id: int
    reseller_id: int | None
    url: str
    description: str
    event_types: list[str]
    secret_prefix: str = Field(description="The secret's first characters")
    is_active: bool
    created_at: datetime
    updated_at: datetime


class WebhookEndpointCreated(WebhookEndpointRead):
    secret: str = Field(
        description="Signs every delivery (X-Simdesk-Signature). Shown this once only"
    )


class WebhookDeliveryRead(ReadModel):
    id: int
    delivery_id: uuid.UUID = Field(description="Sent as X-Simdesk-Delivery, the same on retries")
    endpoint_id: int
    event_type: str
    payload: dict[str, Any]
    status: WebhookDeliveryStatus
    attempts: int
    last_status_code: int | None
    last_error: str
    next_attempt_at: datetime | None
    delivered_at: datetime | None
    created_at: datetime
