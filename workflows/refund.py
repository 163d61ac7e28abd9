"""Refund (`refund-<transaction_id>`): pay back a requested refund exactly once.

A refund above the approval threshold waits for a second person's decision (`decide`); after
a day without one it is escalated to the admins, and after a week it lapses. The provider is
called with the refund's own idempotency key, so a retried step never pays twice."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from pydantic import BaseModel, Field
from temporalio import workflow
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from activities.refunds import RefundActivities, RefundFailure

from workflows.steps import run_step


class RefundStart(BaseModel):
    refund_id: int
    transaction_id: str
    requested_by: int | None
    approval_threshold: Decimal
    escalate_after_seconds: int = Field(default=86400, gt=0)
    expire_after_seconds: int = Field(default=7 * 86400, gt=0)


class RefundDecision(BaseModel):
    approve: bool
    actor_id: int
    reason: str = ""


class RefundProgress(BaseModel):
    step: str
    decided_by: int | None = None


class RefundResult(BaseModel):
    transaction_id: str
    outcome: str
    reason: str = ""


def needs_approval(amount: Decimal, threshold: Decimal) -> bool:
    """Above the threshold a second person decides; at or below it the refund goes ahead."""
    return amount > threshold


@workflow.defn
class Refund:
    def __init__(self) -> None:
        self._step = "starting"
        self._decision: RefundDecision | None = None
        self._requested_by: int | None = None

    @workflow.query
    def progress(self) -> RefundProgress:
        return RefundProgress(
            step=self._step, decided_by=self._decision.actor_id if self._decision else None
        )

    @workflow.signal
    def decide(self, decision: RefundDecision) -> None:
        if self._step != "awaiting_approval" or self._decision is not None:
            workflow.logger.warning("refund decision ignored", extra={"step": self._step})
            return
        if decision.actor_id == self._requested_by:
            workflow.logger.warning("a requester cannot approve their own refund")
            return
        self._decision = decision

    @workflow.run
    async def run(self, start: RefundStart) -> RefundResult:
        self._requested_by = start.requested_by
        facts = await run_step(RefundActivities.load_refund, start.refund_id)
        if facts.status != "pending":
            return RefundResult(transaction_id=start.transaction_id, outcome=facts.status)
        if needs_approval(Decimal(facts.amount), start.approval_threshold):
            refusal = await self._approval(start)
            if refusal:
                return await self._failed(start, refusal)
        self._step = "refunding"
        try:
            await run_step(RefundActivities.execute_refund, start.refund_id)
        except ActivityError as error:
            cause = getattr(error.cause, "message", None) or str(error.cause or error)
            return await self._failed(start, f"the payment provider refused: {cause}")
        self._step = "notifying"
        await run_step(RefundActivities.notify_refund, start.refund_id)
        self._step = "completed"
        return RefundResult(transaction_id=start.transaction_id, outcome="completed")

    async def _approval(self, start: RefundStart) -> str:
        """'' once approved; otherwise why not."""
        self._step = "awaiting_approval"
        try:
            await workflow.wait_condition(
                lambda: self._decision is not None,
                timeout=timedelta(seconds=start.escalate_after_seconds),
            )
        except TimeoutError:
            await run_step(RefundActivities.escalate_refund, start.refund_id)
            try:
                await workflow.wait_condition(
                    lambda: self._decision is not None,
                    timeout=timedelta(seconds=start.expire_after_seconds),
                )
            except TimeoutError:
                return "no approval in time"
        assert self._decision is not None  # noqa: S101
        if self._decision.approve:
            return ""
        return f"rejected: {self._decision.reason or 'no reason given'}"

    async def _failed(self, start: RefundStart, reason: str) -> RefundResult:
        self._step = "failed"
        await run_step(
            RefundActivities.fail_refund, RefundFailure(refund_id=start.refund_id, reason=reason)
        )
        return RefundResult(transaction_id=start.transaction_id, outcome="failed", reason=reason)
