"""How the API reaches reseller onboarding workflows: start one for a new reseller, hand it
verifications, documents, decisions and manual status changes, ask where it is. Runs in the
API process, never inside a workflow."""

from __future__ import annotations

import contextlib

from temporalio.client import Client, WorkflowHandle
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from core.errors import Conflict, ServiceUnavailable
from core.settings import Settings
from services.onboarding import workflow_id
from workflows import queues
from workflows.queries import ask
from workflows.reseller_onboarding import (
    OnboardingDecision,
    OnboardingProgress,
    OnboardingStart,
    ResellerOnboarding,
)


class OnboardingWorkflows:
    def __init__(self, client: Client, settings: Settings) -> None:
        self._client = client
        self._settings = settings

    def _handle(self, reseller_id: int) -> WorkflowHandle[ResellerOnboarding, str]:
        return self._client.get_workflow_handle_for(
            ResellerOnboarding.run, workflow_id(reseller_id)
        )

    async def start(self, reseller_id: int) -> None:
        """A second start while one runs is a no-op; a run for a reseller whose onboarding
        is over ends at its first step."""
        start = OnboardingStart(
            reseller_id=reseller_id,
            reminder_seconds=self._settings.reseller_onboarding_reminder_seconds,
            expire_after_seconds=self._settings.reseller_onboarding_expiry_seconds,
        )
        with contextlib.suppress(WorkflowAlreadyStartedError):
            await self._client.start_workflow(
                ResellerOnboarding.run,
                start,
                id=workflow_id(reseller_id),
                task_queue=queues.qualified(
                    self._settings.temporal_task_queue_prefix, queues.ONBOARDING
                ),
                id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE,
            )

    async def email_verified(self, reseller_id: int) -> bool:
        return await self._signal(reseller_id, ResellerOnboarding.email_verified)

    async def document_received(self, reseller_id: int) -> bool:
        return await self._signal(reseller_id, ResellerOnboarding.document_received)

    async def supersede(self, reseller_id: int) -> bool:
        return await self._signal(reseller_id, ResellerOnboarding.supersede)

    async def decide(self, reseller_id: int, decision: OnboardingDecision) -> None:
        progress = await self.progress(reseller_id)
        if progress is None or progress.step != "awaiting_decision":
            step = progress.step if progress else "not running"
            raise Conflict(
                f"This reseller's onboarding is not awaiting a decision (it is {step}).",
                code="not_awaiting_decision",
            )
        await self._handle(reseller_id).signal(ResellerOnboarding.decide, decision)

    async def progress(self, reseller_id: int) -> OnboardingProgress | None:
        progress: OnboardingProgress | None = await ask(
            self._handle(reseller_id), ResellerOnboarding.progress
        )
        return progress

    async def _signal(self, reseller_id: int, signal: object) -> bool:
        try:
            await self._handle(reseller_id).signal(signal)  # type: ignore[call-overload]
        except RPCError as error:
            if error.status is RPCStatusCode.NOT_FOUND:  # none ever ran, or it has finished
                return False
            raise ServiceUnavailable("The workflow service did not answer; try again.") from error
        return True
