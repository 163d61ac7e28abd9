from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import EmailStr, Field, field_validator

from api.schemas import MoneyOut, ReadModel, WriteModel
from core.validators import e164
from models import ClientStatus, OnboardingStatus, ResellerStatus

Money = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]
Percent = Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]


class ResellerFields(WriteModel):
    business_name: str = Field(min_length=2, max_length=200)
    contact_person: str = Field(min_length=2, max_length=100)
    email: EmailStr
    phone: str
    address: str = Field(default="", max_length=1000)
    city: str = Field(min_length=1, max_length=100)
    state: str = Field(default="", max_length=100)
    country: str = Field(min_length=2, max_length=100)
    credit_limit: Money = Decimal("0")
    commission_rate: Percent = Decimal("0")
    currency: str = Field(default="USD", pattern=r"^[A-Z]{3}$")

    _phone = field_validator("phone")(e164)


class ResellerCreate(ResellerFields):
    pass


class ResellerReplace(ResellerFields):
    """PUT: every editable field, as on the create form."""


class ResellerPatch(WriteModel):
    business_name: str | None = Field(default=None, min_length=2, max_length=200)
    contact_person: str | None = Field(default=None, min_length=2, max_length=100)
    email: EmailStr | None = None
    phone: str | None = None
    address: str | None = Field(default=None, max_length=1000)
    city: str | None = Field(default=None, min_length=1, max_length=100)
    state: str | None = Field(default=None, max_length=100)
    country: str | None = Field(default=None, min_length=2, max_length=100)
    credit_limit: Money | None = None
    commission_rate: Percent | None = None
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")

    _phone = field_validator("phone")(e164)


class ResellerStatusChange(WriteModel):
    status: ResellerStatus
    reason: str = Field(min_length=3, max_length=1000)


class ResellerRead(ReadModel):
    id: int
    business_name: str
    contact_person: str
    email: str
    phone: str
    address: str
    city: str
    state: str
    country: str
    status: ResellerStatus
    status_reason: str
    credit_limit: MoneyOut
    current_balance: MoneyOut
    commission_rate: MoneyOut
    currency: str
    onboarding_status: OnboardingStatus | None = Field(
        description="Where its onboarding stands; null if it never went through onboarding"
    )
    credit_limit_reached_at: datetime | None = Field(
        description="Set while its credit exposure is at its limit (admins were notified)"
    )
    created_at: datetime
    updated_at: datetime
    revenue_total: MoneyOut = Field(
        description="Money taken on this reseller's orders minus completed refunds: the"
        " dashboard's revenue, over all time (from the daily rollup)"
    )


class ResellerDetail(ResellerRead):
    orders_count: int
    open_orders_count: int
    clients_count: int
    available_credit: MoneyOut


class ClientCreate(WriteModel):
    client_name: str = Field(min_length=2, max_length=100)
    client_email: EmailStr
    client_phone: str
    plan_id: int | None = None
    monthly_limit: int = Field(default=0, ge=0, le=1_000_000)

    _phone = field_validator("client_phone")(e164)


class ClientUpdate(WriteModel):
    client_name: str | None = Field(default=None, min_length=2, max_length=100)
    client_phone: str | None = None
    plan_id: int | None = None
    monthly_limit: int | None = Field(default=None, ge=0, le=1_000_000)

    _phone = field_validator("client_phone")(lambda v: None if v is None else e164(v))


class ClientStatusChange(WriteModel):
    status: ClientStatus
    reason: str = Field(min_length=3, max_length=1000)


class ClientRead(ReadModel):
    id: int
    reseller_id: int
    client_name: str
    client_email: str
    client_phone: str
    plan_id: int | None
    status: ClientStatus
    monthly_limit: int
    current_usage: int
    created_at: datetime
