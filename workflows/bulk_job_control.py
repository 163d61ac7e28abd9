"""How the API reaches bulk job workflows: start one for a recorded job, ask how far it got,
stop it. Runs outside workflows, like workflows/control.py."""

from __future__ import annotations

import contextlib
import logging

from temporalio.client import Client
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError

from core.errors import ServiceUnavailable
from core.settings import Settings
from models import BulkJob
from workflows import queues
from workflows.bulk_jobs import BulkJobProgress, BulkJobStart, BulkJobWorkflow, bulk_job_id
from workflows.queries import ask, cancel

logger = logging.getLogger("simdesk.bulk_jobs")


class BulkJobWorkflows:
    def __init__(self, client: Client, settings: Settings) -> None:
        self._client = client
        self._settings = settings

    async def start(self, job: BulkJob) -> None:
        """Start the job's workflow; a second start while it runs is a no-op."""
        with contextlib.suppress(WorkflowAlreadyStartedError):
            await self._client.start_workflow(
                BulkJobWorkflow.run,
                BulkJobStart(job_id=job.id),
                id=bulk_job_id(job.id),
                task_queue=queues.qualified(
                    self._settings.temporal_task_queue_prefix, queues.REPORTS
                ),
                id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE,
            )

    async def progress(self, job: BulkJob) -> BulkJobProgress | None:
        """The workflow's account while it runs; None when it cannot answer."""
        handle = self._client.get_workflow_handle(bulk_job_id(job.id))
        try:
            progress: BulkJobProgress | None = await ask(handle, BulkJobWorkflow.progress)
        except ServiceUnavailable as error:
            logger.info("job progress unavailable", extra={"job": job.id, "error": str(error)})
            return None
        return progress

    async def cancel(self, job: BulkJob) -> bool:
        """Ask the workflow to stop; False when none runs (it never started, or ended)."""
        return await cancel(self._client.get_workflow_handle(bulk_job_id(job.id)))
