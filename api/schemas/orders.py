from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

from api.schemas import MoneyOut, ReadModel, WriteModel
from models import Channel, OrderSource, OrderStatus, PaymentStatus, SimType
from models.orders import StatusChangeSource
from services.orders.resend import Notice


class OrderCreate(WriteModel):
    """Prices are not accepted: they are computed from the plan and the pricing settings."""

    plan_id: int
    user_id: int | None = Field(default=None, description="App user buying directly")
    reseller_id: int | None = Field(default=None, description="Reseller buying for a client")
    client_id: int | None = None
    delivery_address: str = Field(default="", max_length=1000)
    notes: str = Field(default="", max_length=2000)


class OrderUpdate(WriteModel):
    """What may change after placing: never the price, plan or buyer."""

    delivery_address: str = Field(max_length=1000)
    notes: str = Field(max_length=2000)


class StatusChange(WriteModel):
    status: OrderStatus
    reason: str = Field(default="", max_length=1000)


class DeliveryAssignment(WriteModel):
    courier: str = Field(min_length=2, max_length=100)
    tracking_number: str = Field(min_length=3, max_length=100, pattern=r"^[A-Za-z0-9-]+$")
    eta: datetime | None = None


class HistoryRead(ReadModel):
    from_status: OrderStatus | None
    to_status: OrderStatus
    source: StatusChangeSource
    changed_by_id: int | None
    reason: str
    created_at: datetime


class OrderRead(ReadModel):
    id: int
    order_number: str
    order_type: OrderSource
    user_id: int | None
    reseller_id: int | None
    client_id: int | None
    plan_id: int | None
    sim_type: SimType
    network_provider: str
    plan_name: str
    plan_price: MoneyOut
    delivery_fee: MoneyOut
    service_charge: MoneyOut
    tax_amount: MoneyOut
    total_amount: MoneyOut
    currency: str
    status: OrderStatus
    payment_status: PaymentStatus
    courier: str
    delivery_tracking_number: str
    delivery_eta: datetime | None
    delivery_address: str
    created_at: datetime
    updated_at: datetime
    dispatched_at: datetime | None
    delivered_at: datetime | None
    activated_at: datetime | None
    cancelled_at: datetime | None


class OrderDetail(OrderRead):
    notes: str
    next_statuses: list[OrderStatus]
    status_history: list[HistoryRead]
    workflow_url: str = Field(description="The order's fulfilment workflow in the Temporal UI")


class TimelineEntryRead(BaseModel):
    at: datetime
    source: str = Field(description="order, payment, message, audit or workflow")
    kind: str
    summary: str
    detail: dict[str, Any]


class WorkflowStep(BaseModel):
    step: str
    at: datetime


class WorkflowProgress(BaseModel):
    workflow_id: str
    workflow_url: str
    running: bool
    step: str | None = Field(description="Where the workflow is now; None when none ran")
    history: list[WorkflowStep]


class Bucket(BaseModel):
    key: str
    orders: int
    amount: MoneyOut


class OrderStatistics(BaseModel):
    date_from: date
    date_to: date
    by_status: list[Bucket]
    by_source: list[Bucket]
    by_day: list[Bucket]


class BulkAction(WriteModel):
    ids: list[int] = Field(
        min_length=1,
        max_length=10_000,
        description="More than 500 run as a bulk job (202), followed at /api/jobs/{id}/",
    )
    status: OrderStatus
    reason: str = Field(default="", max_length=1000)


class BulkResult(BaseModel):
    id: int
    ok: bool
    error: str | None = None
    status: OrderStatus | None = None


class BulkOutcome(BaseModel):
    succeeded: int
    failed: int
    results: list[BulkResult]


class NoticeResend(WriteModel):
    notice: Notice = Field(description="Which of the order's notices to send again")
    channel: Channel | None = Field(
        default=None, description="One channel of the notice; every channel of it when omitted"
    )


class QueuedMessageRead(ReadModel):
    id: int
    channel: Channel
    recipient: str
    template: str
    subject: str
    dedupe_key: str | None
    created_at: datetime


class NoticeResent(BaseModel):
    notice: Notice
    messages: list[QueuedMessageRead] = Field(
        description="Queued now; delivered once committed (see delivery_status on each message)"
    )
