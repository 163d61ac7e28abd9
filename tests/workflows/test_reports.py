"""ReportGeneration and scheduled reports end to end: the production app, a reports worker and
the run's Temporal dev server, on a database of the test's own."""

from __future__ import annotations

import asyncio
import csv
import io
import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update
from temporalio.client import ScheduleActionExecutionStartWorkflow, WorkflowExecutionStatus
from temporalio.service import RPCError

from core.tokens import TokenType, issue
from integrations.payments import payment_gateway
from models import Notification, OutboundMessage, ReportFormat, ReportJob, ReportKind
from models.identity import SystemRole
from services.messaging.notifier import OutboxNotifier
from services.reports import jobs
from tests.factories import login_headers, make_order, make_reseller, make_staff
from tests.workflows.conftest import Stack, closed_status, poll
from worker.registry import WorkerDeps, build_workers
from workflows import queues
from workflows.report_control import ReportSchedules, ReportWorkflows
from workflows.reports import ReportGeneration, ReportResult, report_id
from workflows.sweeps import JobSweep

pytestmark = [
    pytest.mark.stack_queues(queues.REPORTS),
    pytest.mark.stack_settings(report_chunk_rows=2),
]
TODAY = datetime.now(UTC).date()
RANGE = {"date_from": str(TODAY - timedelta(days=1)), "date_to": str(TODAY + timedelta(days=1))}


async def _admin(stack: Stack) -> tuple[int, dict[str, str]]:
    async with stack.sessionmaker() as db:
        admin = await make_staff(db, SystemRole.admin)
    return admin.id, await login_headers(stack.api, admin)


async def _orders(stack: Stack, count: int) -> list[str]:
    async with stack.sessionmaker() as db:
        reseller = await make_reseller(db)
        return [(await make_order(db, reseller_id=reseller.id)).order_number for _ in range(count)]


async def _job(stack: Stack, job_id: int) -> ReportJob:
    async with stack.sessionmaker() as db:
        job = await db.get(ReportJob, job_id)
        assert job is not None
        return job


async def _finished(stack: Stack, job_id: int, status: str) -> ReportJob:
    async def done() -> bool:
        return (await _job(stack, job_id)).status.value == status

    job = await _job(stack, job_id)
    assert await poll(done, 30), f"report {job_id} is {job.status.value}, not {status}"
    return await _job(stack, job_id)


async def test_a_report_is_generated_in_chunks_and_downloaded(stack: Stack) -> None:
    admin_id, headers = await _admin(stack)
    numbers = await _orders(stack, 5)
    created = await stack.api.post(
        "/api/reports/", headers=headers, json={"kind": "sales", "format": "csv", **RANGE}
    )
    assert created.status_code == 202, created.text
    job_id = created.json()["id"]

    job = await _finished(stack, job_id, "completed")
    assert (job.progress_percent, job.rows_processed, job.error) == (100, 5, "")
    handle = stack.temporal.get_workflow_handle(report_id(job_id))
    progress = await handle.query(ReportGeneration.progress)
    assert (progress.status, progress.percent, progress.rows) == ("completed", 100, 5)
    # 5 rows at 2 per chunk: 3 chunks, each reported to the workflow as it went.
    history = await handle.fetch_history()
    signals = [
        e for e in history.events if e.HasField("workflow_execution_signaled_event_attributes")
    ]
    assert len(signals) == 3

    shown = await stack.api.get(f"/api/reports/{job_id}/", headers=headers)
    assert shown.json()["status"] == "completed"
    assert shown.json()["progress_from"] == "record"
    assert shown.json()["download_url"] == f"/api/reports/{job_id}/download/"
    download = await stack.api.get(f"/api/reports/{job_id}/download/", headers=headers)
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.text)))
    assert rows[0][:3] == ["order_number", "created_at", "source"]
    assert [r[0] for r in rows[1:]] == numbers
    async with stack.sessionmaker() as db:
        notes = list(
            await db.scalars(select(Notification).where(Notification.recipient_id == admin_id))
        )
    assert [(n.category, n.data["report_id"]) for n in notes] == [("report_ready", job_id)]
    await stack.replay(report_id(job_id))


async def test_a_custom_xlsx_report_groups_by_dimensions(stack: Stack) -> None:
    from openpyxl import load_workbook

    _, headers = await _admin(stack)
    await _orders(stack, 3)
    body = {
        "kind": "custom",
        "format": "xlsx",
        **RANGE,
        "dimensions": ["day", "network_provider"],
        "metrics": ["orders", "revenue"],
        "filters": {"sim_type": "esim"},
    }
    created = await stack.api.post("/api/reports/", headers=headers, json=body)
    assert created.status_code == 202, created.text
    job_id = created.json()["id"]
    await _finished(stack, job_id, "completed")
    download = await stack.api.get(f"/api/reports/{job_id}/download/", headers=headers)
    sheet = load_workbook(io.BytesIO(download.content)).active
    assert sheet is not None
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values == [
        ["day", "network_provider", "orders", "revenue"],
        [str(TODAY), "Vodafone", 3, "60.00"],
    ]


async def test_a_pdf_report_has_parameters_rows_and_totals(stack: Stack) -> None:
    from tests.services.test_documents import pdf_text

    _, headers = await _admin(stack)
    numbers = await _orders(stack, 3)
    created = await stack.api.post(
        "/api/reports/", headers=headers, json={"kind": "sales", "format": "pdf", **RANGE}
    )
    job_id = created.json()["id"]
    await _finished(stack, job_id, "completed")
    download = await stack.api.get(f"/api/reports/{job_id}/download/", headers=headers)
    assert download.headers["content-type"] == "application/pdf"
    assert download.content.startswith(b"%PDF-")
    words = pdf_text(download.content)
    assert f"Sales report #{job_id}" in words
    assert f"Period {RANGE['date_from']} to {RANGE['date_to']} (UTC)" in words
    assert all(number in words for number in numbers)
    assert words.count("Vodafone") == 3
    assert "Rows 3 Total plan price 60.00 Total tax 0.00 Total 60.00" in words


async def test_a_report_that_cannot_be_made_fails_with_the_reason(stack: Stack) -> None:
    admin_id, _ = await _admin(stack)
    async with stack.sessionmaker() as db:
        # Stored before the catalogue lost a dimension, say: the worker checks again.
        job = ReportJob(
            kind=ReportKind.custom,
            format=ReportFormat.csv,
            params={**RANGE, "dimensions": ["colour"], "metrics": ["orders"]},
            requested_by_id=admin_id,
        )
        db.add(job)
        await db.commit()
    await ReportWorkflows(stack.temporal, stack.settings).start(job)
    failed = await _finished(stack, job.id, "failed")
    assert failed.error.startswith("The report request is not valid. params.dimensions.0:")
    assert "unknown dimension 'colour'" in failed.error
    handle = stack.temporal.get_workflow_handle(report_id(job.id), result_type=ReportResult)
    assert (await handle.result()).outcome == "failed"
    async with stack.sessionmaker() as db:
        categories = list(
            await db.scalars(
                select(Notification.category).where(Notification.recipient_id == admin_id)
            )
        )
    assert categories == ["report_failed"]


@pytest.mark.stack_queues()
async def test_a_cancelled_report_stops_and_is_marked_cancelled(stack: Stack) -> None:
    _, headers = await _admin(stack)
    await _orders(stack, 2)
    created = await stack.api.post(
        "/api/reports/", headers=headers, json={"kind": "sales", "format": "csv", **RANGE}
    )
    job_id = created.json()["id"]
    # No worker yet: the report waits, queued; with nobody to answer the workflow's query,
    # the record speaks.
    shown = await stack.api.get(f"/api/reports/{job_id}/", headers=headers)
    assert (shown.json()["status"], shown.json()["progress_from"]) == ("queued", "record")
    cancelled = await stack.api.post(f"/api/reports/{job_id}/cancel/", headers=headers)
    assert cancelled.status_code == 202

    deps = WorkerDeps(
        stack.settings,
        stack.sessionmaker,
        payment_gateway(stack.settings),
        OutboxNotifier(),
        stack.temporal,
    )
    (worker,) = build_workers(stack.temporal, deps, [queues.REPORTS])
    running = asyncio.create_task(worker.run())
    try:
        job = await _finished(stack, job_id, "cancelled")
        handle = stack.temporal.get_workflow_handle(report_id(job_id))
        assert await closed_status(handle) is WorkflowExecutionStatus.CANCELED
    finally:
        await worker.shutdown()
        await asyncio.gather(running, return_exceptions=True)
    assert (job.file_id, job.rows_processed) == (None, 0)
    again = await stack.api.post(f"/api/reports/{job_id}/cancel/", headers=headers)
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "report_finished"


async def test_a_schedule_follows_its_row_and_emails_each_run(stack: Stack) -> None:
    _, headers = await _admin(stack)
    body: dict[str, Any] = {
        "name": "Daily sales",
        "kind": "sales",
        "format": "csv",
        "cadence": "weekly",
        "recipients": ["ceo@example.com", "CFO@example.com", "ceo@example.com"],
    }
    created = await stack.api.post("/api/reports/schedules/", headers=headers, json=body)
    assert created.status_code == 201, created.text
    schedule = created.json()
    assert schedule["recipients"] == ["ceo@example.com", "cfo@example.com"]
    temporal = ReportSchedules(stack.temporal, stack.settings)
    assert schedule["temporal_schedule_id"] == temporal.schedule_id(schedule["id"])
    handle = temporal.handle(schedule["id"])
    described = await handle.describe()
    (calendar,) = described.schedule.spec.calendars
    assert [(r.start, r.end) for r in calendar.day_of_week] == [(1, 1)]
    assert [(r.start, r.end) for r in calendar.hour] == [(6, 6)]
    assert described.schedule.state.paused is False

    await handle.trigger()

    async def emailed() -> bool:
        async with stack.sessionmaker() as db:
            sent = await db.scalars(
                select(OutboundMessage.recipient).where(OutboundMessage.template == "report_ready")
            )
            return sorted(sent) == ["ceo@example.com", "cfo@example.com"]

    assert await poll(emailed, 30)
    async with stack.sessionmaker() as db:
        (job,) = await db.scalars(select(ReportJob))
        message = await db.scalar(select(OutboundMessage).limit(1))
    assert job.status.value == "completed"
    assert job.params["schedule_id"] == schedule["id"]
    week = f"{TODAY - timedelta(days=7)} to {TODAY - timedelta(days=1)}"
    assert message is not None and week in message.body
    # The link works without an account, and only as it was sent.
    link = re.search(r"http\S+/api/reports/shared/(\S+)/", message.body)
    assert link is not None, message.body
    shared = await stack.api.get(f"/api/reports/shared/{link[1]}/")
    assert (shared.status_code, shared.headers["content-type"]) == (200, "text/csv; charset=utf-8")
    altered = await stack.api.get(f"/api/reports/shared/{link[1][:-2]}xx/")
    assert (altered.status_code, altered.json()["error"]["code"]) == (404, "not_found")
    secret = stack.settings.jwt_secret.get_secret_value()
    old = issue(
        secret, subject=job.id, token_type=TokenType.report_download, ttl=-jobs.SHARED_LINK_TTL
    )
    expired = await stack.api.get(f"/api/reports/shared/{old}/")
    assert (expired.status_code, expired.json()["error"]["code"]) == (404, "link_expired")
    (run,) = (await handle.describe()).info.recent_actions
    assert isinstance(run.action, ScheduleActionExecutionStartWorkflow)
    await stack.replay(run.action.workflow_id)

    paused = await stack.api.patch(
        f"/api/reports/schedules/{schedule['id']}/", headers=headers, json={"active": False}
    )
    assert paused.status_code == 200, paused.text
    assert (await handle.describe()).schedule.state.paused is True

    deleted = await stack.api.delete(f"/api/reports/schedules/{schedule['id']}/", headers=headers)
    assert deleted.status_code == 204
    with pytest.raises(RPCError):
        await handle.describe()


async def test_the_job_sweeper_starts_a_report_whose_start_was_lost(stack: Stack) -> None:
    admin_id, _ = await _admin(stack)
    async with stack.sessionmaker() as db:
        # Committed, then the API process died before it started the workflow.
        stranded, fresh = (
            ReportJob(kind=ReportKind.sales, format=ReportFormat.csv, params=RANGE,
                      requested_by_id=admin_id)
            for _ in range(2)
        )  # fmt: skip
        db.add_all([stranded, fresh])
        await db.flush()
        await db.execute(
            update(ReportJob)
            .where(ReportJob.id == stranded.id)
            .values(created_at=datetime.now(UTC) - timedelta(minutes=5))
        )
        await db.commit()

    async def sweep() -> int:
        started: int = await stack.temporal.execute_workflow(
            JobSweep.run,
            id=f"job-sweep-{uuid.uuid4().hex}",
            task_queue=queues.qualified(stack.settings.temporal_task_queue_prefix, queues.REPORTS),
        )
        return started

    assert await sweep() == 1  # the fresh one is still being started by its request
    await _finished(stack, stranded.id, "completed")
    assert await sweep() == 0  # no longer queued: never started twice
    assert (await _job(stack, fresh.id)).status.value == "queued"
