"""How every workflow runs one of its steps: the same timeout and retry policy everywhere.
Infrastructure hiccups are retried for as long as it takes; refusals (non-retryable
application errors raised by the activities) are not retried at all."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, TypeVar

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError

A = TypeVar("A")
R = TypeVar("R")
STEP_TIMEOUT = timedelta(seconds=30)
STEP_RETRY = RetryPolicy(maximum_interval=timedelta(seconds=30))


async def run_step(activity: Callable[[Any, A], Awaitable[R]], argument: A) -> R:
    return await workflow.execute_activity_method(
        activity, argument, start_to_close_timeout=STEP_TIMEOUT, retry_policy=STEP_RETRY
    )


def failure_reason(error: ActivityError) -> str:
    """Why an activity failed, as its refusal worded it."""
    return getattr(error.cause, "message", None) or str(error.cause or error)
