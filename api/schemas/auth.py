from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, EmailStr, Field, field_validator

from api.schemas import ReadModel, WriteModel
from core.validators import e164


class PasswordResetRequest(WriteModel):
    email: EmailStr


class PasswordResetConfirm(WriteModel):
    token: str = Field(min_length=10, max_length=200)
    new_password: str = Field(min_length=1, max_length=256)


class RegisterRequest(WriteModel):
    full_name: str = Field(min_length=2, max_length=100)
    email: EmailStr
    phone: str
    password: str = Field(min_length=1, max_length=256)
    city: str = Field(default="", max_length=100)

    _phone = field_validator("phone")(e164)


class VerifyEmail(WriteModel):
    token: str = Field(min_length=10, max_length=200)


class VerifyPhone(WriteModel):
    code: str = Field(pattern=r"^[0-9]{6}$")


class Accepted(BaseModel):
    detail: str


class LoginRequest(WriteModel):
    login: str = Field(min_length=1, max_length=254, description="Email address or username")
    password: str = Field(min_length=1, max_length=256)
    remember_me: bool = False


class TwoFactorLoginRequest(WriteModel):
    challenge_token: str = Field(min_length=1, max_length=2048)
    code: str = Field(min_length=6, max_length=20, description="TOTP code or a recovery code")


class RefreshRequest(WriteModel):
    refresh_token: str = Field(min_length=1, max_length=512)


class Tokens(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["Bearer"] = "Bearer"  # noqa: S105 - the OAuth token type name
    expires_in: int
    session_id: str


class TwoFactorRequired(BaseModel):
    two_factor_required: Literal[True] = True
    challenge_token: str
    expires_in: int


class Preferences(WriteModel):
    theme: Literal["light", "dark", "system"] | None = None
    language: str | None = Field(default=None, max_length=10)
    page_size: int | None = Field(default=None, ge=10, le=100)


class ProfileUpdate(WriteModel):
    first_name: str | None = Field(default=None, max_length=100)
    last_name: str | None = Field(default=None, max_length=100)
    phone: str | None = None
    preferences: Preferences | None = None

    _phone = field_validator("phone")(e164)


class Profile(ReadModel):
    id: int
    kind: str
    email: str
    username: str | None
    first_name: str
    last_name: str
    phone: str | None
    role: str
    permissions: list[str]
    two_factor_enabled: bool
    two_factor_setup_required: bool
    must_change_password: bool
    preferences: dict[str, object]
    reseller_id: int | None
    public_user_id: int | None
    last_login_at: datetime | None
    avatar_url: str | None = Field(description="GET it with the access token; null: none set")


class PasswordChange(WriteModel):
    current_password: str = Field(min_length=1, max_length=256)
    new_password: str = Field(min_length=1, max_length=256)


class SessionRead(ReadModel):
    id: str
    device: str
    ip_address: str | None
    user_agent: str
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    current: bool


class TwoFactorEnrolment(BaseModel):
    secret: str
    otpauth_uri: str
    qr_svg_data_url: str


class TwoFactorCode(WriteModel):
    code: str = Field(min_length=6, max_length=20)


class TwoFactorDisable(WriteModel):
    password: str = Field(min_length=1, max_length=256)
    code: str = Field(min_length=6, max_length=20)


class RecoveryCodes(BaseModel):
    recovery_codes: list[str]
