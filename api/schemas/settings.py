from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field, JsonValue

from api.schemas import ReadModel, WriteModel


class SettingRead(ReadModel):
    key: str = Field(description="Full key, e.g. pricing.tax_rate")
    name: str = Field(description="Key within its group, as sent in PATCH, e.g. tax_rate")
    type: str
    value: JsonValue
    default: JsonValue
    is_default: bool = Field(description="Never set, or reset: the value is the default")
    description: str
    is_public: bool = Field(description="Served without login by GET /api/settings/public/")
    writable: bool = Field(description="False: set through its own endpoint (the logo)")
    updated_at: datetime | None
    updated_by_id: int | None


class SettingsByGroup(BaseModel):
    general: list[SettingRead]
    pricing: list[SettingRead]
    notifications: list[SettingRead]
    branding: list[SettingRead]
    inventory: list[SettingRead]


class PublicSettings(BaseModel):
    values: dict[str, JsonValue] = Field(description="Public settings by key")
    logo_url: str | None


class TemplateText(BaseModel):
    subject: str
    body: str


class TemplateRead(BaseModel):
    channel: str
    name: str
    variables: list[str]
    required_variables: list[str] = Field(description="An override must keep these")
    subject: str = Field(description="What is sent now: the override, or the default")
    body: str
    overridden: bool
    default: TemplateText


class TemplateOverride(WriteModel):
    subject: str = Field(default="", max_length=255, description="Empty for SMS")
    body: str = Field(min_length=1, max_length=10_000)


class TemplatePreviewRequest(WriteModel):
    subject: str | None = Field(default=None, max_length=255)
    body: str | None = Field(default=None, min_length=1, max_length=10_000)
    context: dict[str, Annotated[str, Field(max_length=2000)]] = Field(
        default_factory=dict,
        max_length=50,
        description="Values by variable; sample values stand in for the rest",
    )


class TemplatePreview(BaseModel):
    subject: str
    body: str
