"""What the long, chunked activities (report generation, bulk jobs) share: how they refuse, and
how they tell their workflow how far they got, so its `progress` query answers the API."""

from __future__ import annotations

import logging

from pydantic import BaseModel
from temporalio import activity
from temporalio.client import Client
from temporalio.exceptions import ApplicationError
from temporalio.service import RPCError

from core.errors import AppError, readable

logger = logging.getLogger("simdesk.workflows")
PROGRESS_SIGNAL = "record_progress"


def refusal(error: AppError, kind: str) -> ApplicationError:
    """A domain refusal as a failure no retry can fix."""
    return ApplicationError(readable(error), type=kind, non_retryable=True)


async def signal_progress(temporal: Client, update: BaseModel) -> None:
    """Send `update` to the running activity's own workflow. The job row records the same
    numbers, so a lost update must not stop the work."""
    workflow_id = activity.info().workflow_id or ""
    try:
        await temporal.get_workflow_handle(workflow_id).signal(PROGRESS_SIGNAL, update)
    except RPCError as error:
        logger.warning(
            "progress signal failed", extra={"workflow": workflow_id, "error": str(error)}
        )
