from __future__ import annotations

from datetime import datetime

from pydantic import Field

from api.schemas import ReadModel, WriteModel
from models import CampaignStatus, RecipientStatus, Segment


class EmailDraft(WriteModel):
    """Subject and body are Jinja2 templates that may use `{{ name }}` and `{{ email }}`
    (filters and `{% if %}` too)."""

    subject: str = Field(min_length=1, max_length=255)
    body: str = Field(min_length=1, max_length=50_000)


class CampaignCreate(EmailDraft):
    segment: Segment
    segment_value: str = Field(
        default="",
        max_length=254,
        description="person: an email; plan_users: a plan id; city_users: a city; "
        "reseller_clients: a reseller id; the reseller segments: empty",
    )


class CampaignPreview(ReadModel):
    subject: str
    body: str
    recipients: int


class CampaignRead(ReadModel):
    id: int
    subject: str
    body: str
    segment: Segment
    segment_value: str
    status: CampaignStatus
    recipients_total: int
    created_by_id: int | None
    created_at: datetime
    finished_at: datetime | None


class CampaignDetail(CampaignRead):
    counts: dict[str, int] = Field(description="Recipients by status: pending, sent, cancelled")
    step: str | None = Field(description="The workflow's step; null when it is not reachable")


class RecipientRead(ReadModel):
    id: int
    email: str
    name: str
    status: RecipientStatus
    message_id: int | None
    sent_at: datetime | None
