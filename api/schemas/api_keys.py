from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AwareDatetime, Field

from api.schemas import ReadModel, WriteModel
from services.api_keys import KeyStatus


class ApiKeyCreate(WriteModel):
    name: str = Field(min_length=1, max_length=100, examples=["Shop integration"])
    scopes: list[Annotated[str, Field(max_length=80)]] = Field(
        min_length=1,
        max_length=100,
        description="Permissions the key may use; each one must be yours",
        examples=[["orders:read", "orders:create"]],
    )
    expires_at: AwareDatetime | None = Field(default=None, description="Omit for no expiry")


class ApiKeyRead(ReadModel):
    id: int
    name: str
    prefix: str = Field(description="The key's first characters, to recognise it")
    scopes: list[str]
    account_id: int = Field(description="The account the key acts as")
    status: KeyStatus
    expires_at: datetime | None
    last_used_at: datetime | None = Field(description="Updated at most once a minute")
    revoked_at: datetime | None
    created_at: datetime


class ApiKeyCreated(ApiKeyRead):
    key: str = Field(description="The whole key. Shown this once: only a hash is kept")
