from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Self

from pydantic import Field, model_validator

from api.schemas import MoneyOut, ReadModel, WriteModel
from models import SimType

# A plan under a cent or over 10,000 is a typo, not a price.
Price = Annotated[Decimal, Field(gt=0, le=10_000, max_digits=12, decimal_places=2)]


class CategoryWrite(WriteModel):
    name: str = Field(min_length=2, max_length=100)
    slug: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=100)
    description: str = Field(default="", max_length=2000)


class CategoryPatch(WriteModel):
    name: str | None = Field(default=None, min_length=2, max_length=100)
    slug: str | None = Field(default=None, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=100)
    description: str | None = Field(default=None, max_length=2000)


class CategoryRead(ReadModel):
    id: int
    name: str
    slug: str
    description: str


class PlanFields(WriteModel):
    code: str = Field(pattern=r"^[A-Z0-9][A-Z0-9-]{1,49}$", description="SKU, e.g. VF-EU-10GB")
    name: str = Field(min_length=2, max_length=100)
    category_id: int | None = None
    network_provider: str = Field(min_length=2, max_length=50)
    sim_type: SimType
    data_mb: int | None = Field(default=None, ge=0, le=10_000_000, description="null: unlimited")
    voice_minutes: int | None = Field(default=None, ge=0, le=1_000_000)
    sms_count: int | None = Field(default=None, ge=0, le=1_000_000)
    validity_days: int = Field(ge=1, le=3660)
    price: Price
    currency: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    reseller_price_floor: Price | None = None
    description: str = Field(default="", max_length=5000)
    is_active: bool = True

    @model_validator(mode="after")
    def _floor_not_above_price(self) -> Self:
        if self.reseller_price_floor is not None and self.reseller_price_floor > self.price:
            raise ValueError("reseller_price_floor must not exceed price")
        return self


class PlanPatch(WriteModel):
    name: str | None = Field(default=None, min_length=2, max_length=100)
    category_id: int | None = None
    network_provider: str | None = Field(default=None, min_length=2, max_length=50)
    data_mb: int | None = Field(default=None, ge=0, le=10_000_000)
    voice_minutes: int | None = Field(default=None, ge=0, le=1_000_000)
    sms_count: int | None = Field(default=None, ge=0, le=1_000_000)
    validity_days: int | None = Field(default=None, ge=1, le=3660)
    price: Price | None = None
    reseller_price_floor: Price | None = None
    description: str | None = Field(default=None, max_length=5000)
    is_active: bool | None = None


class PlanRead(ReadModel):
    id: int
    code: str
    name: str
    category_id: int | None
    network_provider: str
    sim_type: SimType
    data_mb: int | None
    voice_minutes: int | None
    sms_count: int | None
    validity_days: int
    price: MoneyOut
    currency: str
    reseller_price_floor: MoneyOut | None
    description: str
    is_active: bool
    created_at: datetime
    updated_at: datetime
