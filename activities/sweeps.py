"""Safety nets that run on a schedule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity

from models import BulkJob, BulkJobStatus, ReportJob, ReportStatus, SimOrder
from workflows.bulk_job_control import BulkJobWorkflows
from workflows.control import OrderWorkflows
from workflows.report_control import ReportWorkflows

# Younger orders are still being started by the request that placed them.
GRACE = timedelta(minutes=1)
# Older ones are history that predates workflows, not lost work.
HORIZON = timedelta(days=1)
BATCH = 500


class SweepActivities:
    def __init__(
        self, sessionmaker: async_sessionmaker[AsyncSession], workflows: OrderWorkflows
    ) -> None:
        self._sessionmaker = sessionmaker
        self._workflows = workflows

    @activity.defn
    async def start_missing_fulfilments(self) -> int:
        """Start the workflow of every recent order that has none: the API commits an order
        before starting its workflow, and a crash in between must not strand it."""
        now = datetime.now(UTC)
        async with self._sessionmaker() as db:
            orders = (
                await db.scalars(
                    select(SimOrder)
                    .where(
                        SimOrder.fulfilment_started_at.is_(None),
                        SimOrder.created_at < now - GRACE,
                        SimOrder.created_at > now - HORIZON,
                    )
                    .order_by(SimOrder.created_at)
                    .limit(BATCH)
                )
            ).all()
        for order in orders:
            await self._workflows.start(order)  # already running: a no-op
        return len(orders)


class JobSweepActivities:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        reports: ReportWorkflows,
        bulk_jobs: BulkJobWorkflows,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._reports = reports
        self._bulk_jobs = bulk_jobs

    @activity.defn
    async def start_stranded_jobs(self) -> int:
        """Start the workflow of every recent report or bulk job still queued: the API commits
        a job before starting its workflow, and a crash in between must not strand it. A job
        whose workflow runs is no longer queued (its first step marks it running), and a start
        while one runs is a no-op."""
        now = datetime.now(UTC)
        kinds: tuple[tuple[Any, Any, Any], ...] = (
            (ReportJob, ReportStatus.queued, self._reports),
            (BulkJob, BulkJobStatus.queued, self._bulk_jobs),
        )
        started = 0
        for model, queued, workflows in kinds:
            async with self._sessionmaker() as db:
                jobs = (
                    await db.scalars(
                        select(model)
                        .where(
                            model.status == queued,
                            model.created_at < now - GRACE,
                            model.created_at > now - HORIZON,
                        )
                        .order_by(model.id)
                        .limit(BATCH)
                    )
                ).all()
            for job in jobs:
                await workflows.start(job)
            started += len(jobs)
        return started
