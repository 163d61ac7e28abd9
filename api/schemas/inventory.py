from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from api.schemas import ReadModel, WriteModel
from models import SimState, SimType


class SimRead(ReadModel):
    id: int
    iccid: str
    msisdn: str | None
    network_provider: str
    sim_type: SimType
    state: SimState
    batch_ref: str
    order_id: int | None
    state_changed_at: datetime | None
    created_at: datetime


class SimUpload(WriteModel):
    iccid: str = Field(max_length=22)
    msisdn: str | None = Field(default=None, pattern=r"^\+?[0-9]{6,15}$")
    activation_code: str | None = Field(default=None, max_length=500)


class BatchUpload(WriteModel):
    batch_ref: str = Field(min_length=1, max_length=100)
    network_provider: str = Field(min_length=2, max_length=50)
    sim_type: SimType
    sims: list[SimUpload] = Field(min_length=1, max_length=10_000)


class BatchResult(BaseModel):
    batch_ref: str
    registered: int
    dry_run: bool


class StateChange(WriteModel):
    state: SimState
    reason: str = Field(default="", max_length=500)


class StockRead(BaseModel):
    network_provider: str
    sim_type: SimType
    in_stock: int
    reserved: int
    low_stock_threshold: int
    low: bool
