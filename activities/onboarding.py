"""The reseller onboarding workflow's steps, each one transaction around services.onboarding."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity

from core.settings import Settings
from models import OnboardingStatus
from models.session import session_scope
from services import audit, onboarding
from services.messaging.notifier import Notifier


class OnboardingFacts(BaseModel):
    status: str | None
    email_verified: bool
    documents: int


class Reminder(BaseModel):
    reseller_id: int
    number: int


class Approval(BaseModel):
    reseller_id: int
    actor_id: int
    credit_limit: Decimal
    commission_rate: Decimal


class Closing(BaseModel):
    reseller_id: int
    outcome: OnboardingStatus
    reason: str
    actor_id: int | None = None


def _actor(actor_id: int | None) -> audit.Actor:
    if actor_id is None:
        return audit.Actor(None, "workflow")
    return audit.Actor(actor_id, "staff")


class OnboardingActivities:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        settings: Settings,
        notifier: Notifier,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._settings = settings
        self._notifier = notifier

    @activity.defn
    async def load_onboarding(self, reseller_id: int) -> OnboardingFacts:
        async with session_scope(self._sessionmaker) as db:
            found = await onboarding.facts(db, reseller_id)
            return OnboardingFacts(
                status=found.status.value if found.status else None,
                email_verified=found.email_verified,
                documents=found.documents,
            )

    @activity.defn
    async def send_reseller_verification(self, reseller_id: int) -> None:
        async with session_scope(self._sessionmaker) as db:
            await onboarding.send_verification(db, self._settings, self._notifier, reseller_id)

    @activity.defn
    async def request_reseller_decision(self, reminder: Reminder) -> None:
        async with session_scope(self._sessionmaker) as db:
            await onboarding.await_decision(db, reminder.reseller_id, reminder.number)

    @activity.defn
    async def approve_reseller(self, approval: Approval) -> None:
        async with session_scope(self._sessionmaker) as db:
            await onboarding.approve(
                db,
                _actor(approval.actor_id),
                approval.reseller_id,
                approval.credit_limit,
                approval.commission_rate,
            )

    @activity.defn
    async def welcome_reseller(self, reseller_id: int) -> None:
        async with session_scope(self._sessionmaker) as db:
            await onboarding.welcome(db, self._settings, self._notifier, reseller_id)

    @activity.defn
    async def close_onboarding(self, closing: Closing) -> None:
        async with session_scope(self._sessionmaker) as db:
            await onboarding.close(
                db,
                self._notifier,
                _actor(closing.actor_id),
                closing.reseller_id,
                closing.outcome,
                closing.reason,
            )
