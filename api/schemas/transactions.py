from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, Field

from api.schemas import MoneyOut, ReadModel, WriteModel
from models import TransactionStatus, TransactionType


class TransactionRead(ReadModel):
    id: int
    transaction_id: str
    transaction_type: TransactionType
    status: TransactionStatus
    amount: MoneyOut
    currency: str
    payment_method: str
    order_id: int | None
    user_id: int | None
    reseller_id: int | None
    parent_id: int | None
    gateway_transaction_id: str
    failure_reason: str
    created_by_id: int | None = Field(description="Who recorded it; for a refund, who requested it")
    created_at: datetime
    updated_at: datetime


class TransactionDetail(TransactionRead):
    payment_gateway_response: dict[str, Any]
    refundable_amount: MoneyOut | None = Field(
        description="For completed payments: what can still be refunded"
    )
    approval_required: bool = Field(
        description="A pending refund above the approval threshold: someone other than its "
        "requester approves or rejects it (POST /api/transactions/{id}/decision/)"
    )


class RefundRequest(WriteModel):
    amount: Annotated[Decimal, Field(gt=0, max_digits=12, decimal_places=2)] | None = Field(
        default=None, description="Omit to refund everything still refundable"
    )
    reason: str = Field(min_length=3, max_length=1000)
    override_reason: str = Field(
        default="",
        max_length=1000,
        description="Required to refund an activated eSIM, which is otherwise not refundable",
    )


class RefundDecisionBody(WriteModel):
    approve: bool
    reason: str = Field(default="", max_length=1000)


class Gateway(BaseModel):
    name: str
    enabled: bool
    mode: str
    methods: list[str]
