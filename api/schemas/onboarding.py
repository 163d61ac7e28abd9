from __future__ import annotations

from datetime import datetime

from pydantic import Field, model_validator

from api.schemas import ReadModel, WriteModel
from api.schemas.files import FileRead
from api.schemas.resellers import Money, Percent
from models import DocumentType, OnboardingStatus


class OnboardingDecisionBody(WriteModel):
    """Approve (with the reseller's credit limit and commission rate) or reject (with why)."""

    approve: bool
    reason: str = Field(default="", max_length=1000)
    credit_limit: Money | None = None
    commission_rate: Percent | None = None

    @model_validator(mode="after")
    def _complete(self) -> OnboardingDecisionBody:
        if self.approve and (self.credit_limit is None or self.commission_rate is None):
            raise ValueError("an approval sets credit_limit and commission_rate")
        if not self.approve and len(self.reason) < 3:
            raise ValueError("a rejection gives a reason of at least 3 characters")
        return self


class OnboardingRead(ReadModel):
    reseller_id: int
    onboarding_status: OnboardingStatus | None = Field(
        description="Null for a reseller that never went through onboarding"
    )
    email_verified_at: datetime | None
    documents_submitted_at: datetime | None
    step: str | None = Field(description="The workflow's current step; null when none runs")
    reminders_sent: int | None
    expires_at: datetime | None
    workflow_id: str


class ResellerDocumentRead(ReadModel):
    id: int
    document_type: DocumentType
    uploaded_by_id: int | None
    created_at: datetime
    file: FileRead
