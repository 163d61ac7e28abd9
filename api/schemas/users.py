from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Literal

from pydantic import EmailStr, Field, field_validator

from api.schemas import MoneyOut, ReadModel, WriteModel
from core.validators import e164
from models import (
    PublicUserStatus,
    TransactionStatus,
    TransactionType,
)
from services.users import StatusAction

DocumentType = Literal["passport", "national_id", "driving_licence", "residence_permit"]
EARLIEST_BIRTH = date(1900, 1, 1)


class UserReplace(WriteModel):
    """PUT: every editable personal field; optional ones left out are cleared."""

    full_name: str = Field(min_length=2, max_length=100)
    email: EmailStr
    phone: str = Field(min_length=1, max_length=32)
    address: str = Field(default="", max_length=1000)
    city: str = Field(default="", max_length=100)
    state: str = Field(default="", max_length=100)
    postal_code: str = Field(default="", max_length=20)
    date_of_birth: date | None = None
    id_document_type: DocumentType | None = None
    id_document_number: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9-]{4,30}$",
        description="4-30 letters, digits or hyphens; required with id_document_type",
    )

    _phone = field_validator("phone")(e164)

    @field_validator("date_of_birth")
    @classmethod
    def _born(cls, value: date | None) -> date | None:
        if value is not None and not EARLIEST_BIRTH <= value <= datetime.now(UTC).date():
            raise ValueError("must be a past date after 1900-01-01")
        return value


class UserStatusChange(WriteModel):
    action: StatusAction = Field(
        description="block: no login, sessions signed out; unblock: active again (or pending "
        "verification if email or phone is unconfirmed)"
    )
    reason: str = Field(min_length=3, max_length=1000)


class UserRead(ReadModel):
    """A row of the list: the KYC number masked."""

    id: int
    full_name: str
    email: str
    phone: str
    city: str
    state: str
    status: PublicUserStatus
    status_reason: str
    id_document_type: str
    id_document_number: str = Field(description="Masked, e.g. ••••4567")
    email_verified_at: datetime | None
    phone_verified_at: datetime | None
    orders_count: int
    created_at: datetime
    updated_at: datetime


class UserDetail(UserRead):
    """One user: every personal field, the KYC number in full."""

    id_document_number: str = Field(description="In full")
    address: str
    postal_code: str
    date_of_birth: date | None
    erased_at: datetime | None
    total_spent: MoneyOut = Field(description="Sum of totals of paid or partly refunded orders")
    open_tickets_count: int
    account_id: int | None = Field(description="Their login account, if they have one")
    login_active: bool | None = Field(description="Whether that login may sign in")


class UserTransactionRead(ReadModel):
    id: int
    transaction_id: str
    order_id: int | None
    transaction_type: TransactionType
    amount: MoneyOut
    currency: str
    payment_method: str
    status: TransactionStatus
    failure_reason: str
    created_at: datetime
