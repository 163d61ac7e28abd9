"""Asking a workflow where it stands, or to stop, from the API. Runs in the API process, never
inside a workflow."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from temporalio.client import WorkflowHandle
from temporalio.service import RPCError, RPCStatusCode

from core.errors import ServiceUnavailable

# A query is answered by a worker: with none serving the workflow's queue, the server would
# hold the request for a minute. A page waiting on it must fail fast instead.
QUERY_TIMEOUT = timedelta(seconds=3)


async def ask(handle: WorkflowHandle[Any, Any], query: Any) -> Any:
    """The workflow's answer to `query` (a query method of its class), or None when no such
    workflow exists; ServiceUnavailable when nothing answers in time."""
    try:
        return await handle.query(query, rpc_timeout=QUERY_TIMEOUT)
    except RPCError as error:
        if error.status is RPCStatusCode.NOT_FOUND:
            return None
        raise ServiceUnavailable("The workflow did not answer in time; try again.") from error


async def cancel(handle: WorkflowHandle[Any, Any]) -> bool:
    """Ask the workflow to stop; False when none runs (it never started, or has ended)."""
    try:
        await handle.cancel()
    except RPCError as error:
        if error.status is RPCStatusCode.NOT_FOUND:
            return False
        raise ServiceUnavailable("The workflow service did not answer; try again.") from error
    return True
