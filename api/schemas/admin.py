from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, EmailStr, Field, field_validator

from api.schemas import ReadModel, WriteModel
from core.validators import e164
from models.identity import AccountKind


class PermissionRead(ReadModel):
    code: str
    description: str


class RoleRead(BaseModel):
    id: int
    name: str
    description: str
    applies_to: AccountKind
    is_system: bool
    permissions: list[str]


class RoleCreate(WriteModel):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]{2,49}$")
    description: str = Field(default="", max_length=500)
    applies_to: AccountKind = AccountKind.staff
    permissions: list[str] = Field(default_factory=list, max_length=200)


class RoleUpdate(WriteModel):
    description: str | None = Field(default=None, max_length=500)
    permissions: list[str] | None = Field(default=None, max_length=200)


class StaffRead(BaseModel):
    id: int
    email: str
    username: str | None
    first_name: str
    last_name: str
    phone: str | None
    role: str
    is_active: bool
    two_factor_enabled: bool
    must_change_password: bool
    last_login_at: datetime | None
    created_at: datetime


class StaffCreate(WriteModel):
    email: EmailStr
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(default="", max_length=100)
    role: str
    username: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_.-]{3,150}$")
    phone: str | None = None
    password: str | None = Field(
        default=None, max_length=256, description="Temporary password; omit to email a link instead"
    )

    _phone = field_validator("phone")(e164)


class StaffUpdate(WriteModel):
    first_name: str | None = Field(default=None, min_length=1, max_length=100)
    last_name: str | None = Field(default=None, max_length=100)
    phone: str | None = None
    role: str | None = None
    is_active: bool | None = None

    _phone = field_validator("phone")(e164)
