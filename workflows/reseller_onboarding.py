"""ResellerOnboarding (`reseller-onboarding-<reseller id>`): from a new, pending reseller to an
active one with its first API key.

Verification email → wait for the email to be verified and for KYB documents (signals from
the verify endpoint and the document upload; the facts are also read from the database at the
start, so a signal lost while Temporal was away loses nothing) → an approver's decision,
approvers reminded every `reminder_seconds` → approved: credit limit and commission set,
active, welcome email with the API key; rejected: suspended and told why. Whatever is not
finished `expire_after_seconds` after the start expires. An admin who sets the status by hand
supersedes the onboarding (`supersede`), which then ends without another step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal

from pydantic import BaseModel, Field
from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.onboarding import Approval, Closing, OnboardingActivities, Reminder
    from models.resellers import OnboardingStatus

from workflows.steps import run_step


class OnboardingStart(BaseModel):
    reseller_id: int
    reminder_seconds: int = Field(default=86400, gt=0)
    expire_after_seconds: int = Field(default=14 * 86400, gt=0)


class OnboardingDecision(BaseModel):
    approve: bool
    actor_id: int
    reason: str = ""
    credit_limit: Decimal = Decimal("0")
    commission_rate: Decimal = Decimal("0")


class OnboardingProgress(BaseModel):
    step: str
    email_verified: bool
    documents_received: bool
    reminders_sent: int
    expires_at: str
    outcome: str = ""


@workflow.defn
class ResellerOnboarding:
    def __init__(self) -> None:
        self._step = "starting"
        self._verified = False
        self._documents = False
        self._decision: OnboardingDecision | None = None
        self._superseded = False
        self._reminders = 0
        self._expires_at = ""
        self._outcome = ""

    @workflow.query
    def progress(self) -> OnboardingProgress:
        return OnboardingProgress(
            step=self._step,
            email_verified=self._verified,
            documents_received=self._documents,
            reminders_sent=self._reminders,
            expires_at=self._expires_at,
            outcome=self._outcome,
        )

    @workflow.signal
    def email_verified(self) -> None:
        self._verified = True

    @workflow.signal
    def document_received(self) -> None:
        self._documents = True

    @workflow.signal
    def decide(self, decision: OnboardingDecision) -> None:
        if self._step != "awaiting_decision" or self._decision is not None:
            workflow.logger.warning("onboarding decision ignored", extra={"step": self._step})
            return
        self._decision = decision

    @workflow.signal
    def supersede(self) -> None:
        self._superseded = True

    @workflow.run
    async def run(self, start: OnboardingStart) -> str:
        deadline = workflow.now() + timedelta(seconds=start.expire_after_seconds)
        self._expires_at = deadline.isoformat()
        known = await run_step(OnboardingActivities.load_onboarding, start.reseller_id)
        if known.status not in (OnboardingStatus.collecting, OnboardingStatus.awaiting_decision):
            return self._finish(known.status or "not_onboarding")
        self._verified = self._verified or known.email_verified
        self._documents = self._documents or known.documents > 0

        self._step = "awaiting_verification_and_documents"
        if not self._verified:
            await run_step(OnboardingActivities.send_reseller_verification, start.reseller_id)
        if not await self._until(lambda: self._verified and self._documents, self._left(deadline)):
            return await self._expire(start)
        if self._superseded:
            return self._finish(OnboardingStatus.superseded)

        self._step = "awaiting_decision"
        reminder = Reminder(reseller_id=start.reseller_id, number=0)
        await run_step(OnboardingActivities.request_reseller_decision, reminder)
        while not self._settled():
            left = self._left(deadline)
            if left <= 0:
                return await self._expire(start)
            decided = await self._until(
                lambda: self._decision is not None, min(float(start.reminder_seconds), left)
            )
            if not decided and self._left(deadline) > 0:
                self._reminders += 1
                reminder = Reminder(reseller_id=start.reseller_id, number=self._reminders)
                await run_step(OnboardingActivities.request_reseller_decision, reminder)
        if self._superseded or self._decision is None:
            return self._finish(OnboardingStatus.superseded)
        return await self._decided(start, self._decision)

    async def _decided(self, start: OnboardingStart, decision: OnboardingDecision) -> str:
        if not decision.approve:
            self._step = "rejecting"
            closing = Closing(
                reseller_id=start.reseller_id,
                outcome=OnboardingStatus.rejected,
                reason=decision.reason,
                actor_id=decision.actor_id,
            )
            await run_step(OnboardingActivities.close_onboarding, closing)
            return self._finish(OnboardingStatus.rejected)
        self._step = "activating"
        approval = Approval(
            reseller_id=start.reseller_id,
            actor_id=decision.actor_id,
            credit_limit=decision.credit_limit,
            commission_rate=decision.commission_rate,
        )
        await run_step(OnboardingActivities.approve_reseller, approval)
        self._step = "welcoming"
        await run_step(OnboardingActivities.welcome_reseller, start.reseller_id)
        return self._finish(OnboardingStatus.completed)

    async def _until(self, ready: Callable[[], bool], seconds: float) -> bool:
        """Wait for `ready` (or a supersede) at most `seconds`; False when time ran out."""
        if ready() or self._superseded:
            return True
        if seconds <= 0:
            return False
        try:
            await workflow.wait_condition(
                lambda: ready() or self._superseded, timeout=timedelta(seconds=seconds)
            )
        except TimeoutError:
            return False
        return True

    def _settled(self) -> bool:
        return self._decision is not None or self._superseded

    def _left(self, deadline: datetime) -> float:
        return (deadline - workflow.now()).total_seconds()

    async def _expire(self, start: OnboardingStart) -> str:
        if self._superseded:
            return self._finish(OnboardingStatus.superseded)
        self._step = "expiring"
        days = start.expire_after_seconds / 86400
        closing = Closing(
            reseller_id=start.reseller_id,
            outcome=OnboardingStatus.expired,
            reason=f"the application was not completed within {days:g} days",
        )
        await run_step(OnboardingActivities.close_onboarding, closing)
        return self._finish(OnboardingStatus.expired)

    def _finish(self, outcome: str) -> str:
        self._step = "finished"
        self._outcome = str(outcome)
        return self._outcome
