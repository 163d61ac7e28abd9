"""RollupReconciliation: run every hour by the `rollup-reconciliation` schedule."""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow

from workflows.steps import run_step

with workflow.unsafe.imports_passed_through():
    from activities.analytics import AnalyticsActivities

SCHEDULE_ID = "rollup-reconciliation"
EVERY = timedelta(hours=1)
# Days recomputed on each run: late refunds and status changes land on their order's day.
DAYS = 7


@workflow.defn
class RollupReconciliation:
    @workflow.run
    async def run(self) -> dict[str, int]:
        return await run_step(AnalyticsActivities.reconcile_rollups, DAYS)
