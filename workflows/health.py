"""A round trip through the whole machinery: API or CLI → Temporal → worker → PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from pydantic import BaseModel
from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.health import DatabaseProbe, HealthActivities


class HealthReport(BaseModel):
    workflow_id: str
    database: DatabaseProbe


@workflow.defn
class HealthCheck:
    @workflow.run
    async def run(self) -> HealthReport:
        probe = await workflow.execute_activity_method(
            HealthActivities.probe_database,
            start_to_close_timeout=timedelta(seconds=10),
        )
        return HealthReport(workflow_id=workflow.info().workflow_id, database=probe)
