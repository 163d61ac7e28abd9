"""Scheduled reports: a report requested daily or weekly and emailed to a list of people.

The row is the truth: the API writes it and makes the Temporal Schedule
(`report-schedule-<id>`) follow; each run of the schedule makes one job here (`open_run`, once
per run even when retried), lets the report workflow produce it, then emails every recipient
once (`deliver`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import NotFound, ValidationFailed
from models import ReportFormat, ReportJob, ReportKind, ReportStatus
from models.reports import ReportCadence, ReportSchedule
from services import audit, settings
from services.messaging.notifier import Notifier
from services.reports import catalogue, jobs, output

PERIOD_DAYS = {ReportCadence.daily: 1, ReportCadence.weekly: 7}
RUN_KEY = "schedule_run"


def period(cadence: ReportCadence, as_of: date) -> tuple[date, date]:
    """The whole days before the run: yesterday, or the seven days up to yesterday."""
    return as_of - timedelta(days=PERIOD_DAYS[cadence]), as_of - timedelta(days=1)


def check(
    kind: ReportKind, cadence: ReportCadence, params: dict[str, Any], timezone: str = "UTC"
) -> catalogue.ReportSpec:
    """The schedule's report as it would run today, refusing what a run would refuse."""
    if set(params) - {"filters", "dimensions", "metrics"}:
        unknown = sorted(set(params) - {"filters", "dimensions", "metrics"})
        raise ValidationFailed(
            "A schedule's period comes from its cadence.",
            details=[
                {"field": f"body.params.{k}", "message": "not allowed", "type": "not_allowed"}
                for k in unknown
            ],
        )
    date_from, date_to = period(cadence, datetime.now(UTC).date())
    dated = {**params, "date_from": date_from, "date_to": date_to}
    return catalogue.parse(kind, dated, timezone=timezone, prefix="body.params")


async def get(db: AsyncSession, schedule_id: int, *, lock: bool = False) -> ReportSchedule:
    schedule = await db.get(ReportSchedule, schedule_id, with_for_update=lock or None)
    if schedule is None:
        raise NotFound("No such report schedule.")
    return schedule


async def list_schedules(
    db: AsyncSession, order_by: Sequence[Any], offset: int, limit: int
) -> tuple[list[ReportSchedule], int]:
    total = await db.scalar(select(func.count()).select_from(ReportSchedule))
    rows = await db.scalars(select(ReportSchedule).order_by(*order_by).offset(offset).limit(limit))
    return list(rows), int(total or 0)


def _snapshot(schedule: ReportSchedule) -> dict[str, Any]:
    return {
        "name": schedule.name,
        "kind": schedule.kind.value,
        "format": schedule.format.value,
        "params": schedule.params,
        "cadence": schedule.cadence.value,
        "recipients": schedule.recipients,
        "active": schedule.active,
    }


async def create(
    db: AsyncSession,
    actor: audit.Actor,
    *,
    name: str,
    kind: ReportKind,
    fmt: ReportFormat,
    cadence: ReportCadence,
    params: dict[str, Any],
    recipients: list[str],
    active: bool,
) -> ReportSchedule:
    check(kind, cadence, params)
    schedule = ReportSchedule(
        name=name,
        kind=kind,
        format=fmt,
        cadence=cadence,
        params=params,
        recipients=list(dict.fromkeys(r.lower() for r in recipients)),
        active=active,
        created_by_id=actor.account_id,
    )
    db.add(schedule)
    await db.flush()
    await audit.record(
        db, actor, "report_schedule.created", "report_schedule", schedule.id,
        after=_snapshot(schedule),
    )  # fmt: skip
    return schedule


async def update(
    db: AsyncSession, actor: audit.Actor, schedule: ReportSchedule, changes: dict[str, Any]
) -> ReportSchedule:
    before = _snapshot(schedule)
    for name, value in changes.items():
        if name == "recipients":
            value = list(dict.fromkeys(r.lower() for r in value))
        setattr(schedule, name, value)
    check(schedule.kind, schedule.cadence, schedule.params)
    await db.flush()
    await audit.record(
        db, actor, "report_schedule.updated", "report_schedule", schedule.id,
        before=before, after=_snapshot(schedule),
    )  # fmt: skip
    return schedule


async def delete(db: AsyncSession, actor: audit.Actor, schedule: ReportSchedule) -> None:
    await audit.record(
        db, actor, "report_schedule.deleted", "report_schedule", schedule.id,
        before=_snapshot(schedule),
    )  # fmt: skip
    await db.delete(schedule)
    await db.flush()


async def open_run(
    db: AsyncSession, schedule_id: int, run_id: str, as_of: date
) -> ReportJob | None:
    existing = await db.scalar(select(ReportJob).where(ReportJob.params[RUN_KEY].astext == run_id))
    if existing is not None:
        return existing
    schedule = await db.get(ReportSchedule, schedule_id)
    if schedule is None or not schedule.active:
        return None
    date_from, date_to = period(schedule.cadence, as_of)
    try:
        spec = catalogue.parse(
            schedule.kind,
            {**schedule.params, "date_from": date_from, "date_to": date_to},
            timezone=await settings.value_of(db, "general.timezone"),
            prefix="params",
        )
    except ValidationFailed:
        return None
    extra = {RUN_KEY: run_id, "schedule_id": schedule.id}
    return await jobs.create(db, spec, schedule.format, schedule.created_by_id, extra)


async def deliver(
    db: AsyncSession,
    notifier: Notifier,
    schedule_id: int,
    job_id: int,
    link_for: Callable[[int], str],
) -> int:
    """Email the finished report to each recipient once, with a link that works without an
    account (`link_for`: jobs.shared_link); the number emailed."""
    schedule = await db.get(ReportSchedule, schedule_id)
    job = await db.get(ReportJob, job_id)
    if schedule is None or job is None or job.status is not ReportStatus.completed:
        return 0
    spec = catalogue.from_params(job.kind, job.params)
    context = {
        "report_name": schedule.name,
        "period": f"{spec.date_from} to {spec.date_to}",
        "rows": str(job.rows_processed),
        "file_name": output.file_name(job.id, spec, job.format),
        "link": link_for(job.id),
    }
    for recipient in schedule.recipients:
        await notifier.send_email(
            db, recipient, "report_ready", context, dedupe_key=f"report-{job.id}-{recipient}"
        )
    return len(schedule.recipients)
