"""Bulk jobs end to end: the production app, a reports worker and the run's Temporal dev server
on a database of the test's own; and the job's activity alone, killed and retried."""

from __future__ import annotations

import asyncio
import csv
import dataclasses
import io
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import WorkflowExecutionStatus
from temporalio.testing import ActivityEnvironment, WorkflowEnvironment

from activities.bulk_jobs import BulkJobActivities
from core.crypto import FieldCipher
from core.settings import Settings
from integrations.storage import LocalStorage
from models import (
    BulkJob,
    BulkJobRow,
    Notification,
    OrderStatus,
    Sim,
    SimOrder,
    SimPlan,
    SimType,
)
from models.identity import SystemRole
from models.session import create_engine, create_sessionmaker, session_scope
from services.auth.principal import principal_for_account
from services.bulk_jobs import jobs, kinds, processing
from services.importers import ImportResource
from services.orders import lifecycle
from tests.factories import iccid, login_headers, make_order, make_reseller, make_staff
from tests.workflows.conftest import Stack, closed_status, poll
from workflows import queues
from workflows.bulk_jobs import bulk_job_id
from workflows.control import OrderWorkflows

pytestmark = pytest.mark.stack_queues(queues.REPORTS)
PLAN_HEADER = ["code", "name", "network_provider", "sim_type", "validity_days", "price"]


def _plans_csv(count: int, bad: dict[int, list[str]] | None = None) -> bytes:
    """`count` plan rows (row n has code PLAN-n); `bad` replaces whole rows by number."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(PLAN_HEADER)
    for n in range(1, count + 1):
        row = [f"PLAN-{n:05d}", f"Plan {n}", "Vodafone", "esim", "30", "10.00"]
        writer.writerow((bad or {}).get(n, row))
    return buffer.getvalue().encode()


async def _admin(stack: Stack) -> tuple[int, dict[str, str]]:
    async with stack.sessionmaker() as db:
        admin = await make_staff(db, SystemRole.admin)
    return admin.id, await login_headers(stack.api, admin)


async def _job(sessionmaker: async_sessionmaker[AsyncSession], job_id: int) -> BulkJob:
    async with sessionmaker() as db:
        job = await db.get(BulkJob, job_id)
        assert job is not None
        return job


async def _finished(stack: Stack, job_id: int, status: str, timeout: float = 120) -> BulkJob:
    async def done() -> bool:
        return (await _job(stack.sessionmaker, job_id)).status.value == status

    if not await poll(done, timeout):
        job = await _job(stack.sessionmaker, job_id)
        raise AssertionError(f"job {job_id} is {job.status.value}, not {status}: {job.error}")
    return await _job(stack.sessionmaker, job_id)


async def _result(stack: Stack, job_id: int, headers: dict[str, str]) -> list[list[str]]:
    response = await stack.api.get(f"/api/jobs/{job_id}/result/", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.text)))


async def _count(sessionmaker: async_sessionmaker[AsyncSession], query: Any) -> int:
    async with sessionmaker() as db:
        return int(await db.scalar(query) or 0)


async def test_a_large_import_runs_as_a_workflow_row_by_row(stack: Stack) -> None:
    admin_id, headers = await _admin(stack)
    bad = {
        7: ["PLAN-00007", "Plan 7", "Vodafone", "esim", "0", "10.00"],  # validity_days >= 1
        100: ["PLAN-00001", "Plan 100", "Vodafone", "esim", "30", "10.00"],  # as row 1
    }
    created = await stack.api.post(
        "/api/import/plans/",
        headers=headers,
        files={"file": ("plans.csv", _plans_csv(2_500, bad), "text/csv")},
    )
    assert created.status_code == 202, created.text
    job_id = created.json()["id"]
    assert created.json()["url"] == f"/api/jobs/{job_id}/"

    seen: list[dict[str, Any]] = []

    async def finished() -> bool:
        shown = (await stack.api.get(f"/api/jobs/{job_id}/", headers=headers)).json()
        seen.append(shown)
        return bool(shown["status"] == "completed")

    assert await poll(finished, 120)
    # While it ran, the workflow's query gave the progress, a chunk at a time.
    running = [s for s in seen if s["progress_from"] == "workflow"]
    assert running, "never saw the job running"
    assert all(s["processed_rows"] % processing.CHUNK_ROWS == 0 for s in running)
    done = seen[-1]
    assert done["progress_from"] == "record"
    assert {k: done[k] for k in ("total_rows", "processed_rows", "succeeded", "failed")} == {
        "total_rows": 2_500, "processed_rows": 2_500, "succeeded": 2_498, "failed": 2,
    }  # fmt: skip
    assert (done["progress_percent"], done["result_url"]) == (100, f"/api/jobs/{job_id}/result/")

    rows = await _result(stack, job_id, headers)
    assert rows[0] == ["row", "ok", "error", "id"]
    assert len(rows) == 2_501
    assert rows[7][:3] == [
        "7",
        "False",
        "validity_days: Input should be greater than or equal to 1",
    ]
    assert rows[100][:3] == ["100", "False", "code: Same code as row 1."]
    async with stack.sessionmaker() as db:
        plans = {code: i for code, i in await db.execute(select(SimPlan.code, SimPlan.id))}
    assert len(plans) == 2_498
    assert rows[1] == ["1", "True", "", str(plans["PLAN-00001"])]
    assert rows[2_500] == ["2500", "True", "", str(plans["PLAN-02500"])]

    handle = stack.temporal.get_workflow_handle(bulk_job_id(job_id))
    history = await handle.fetch_history()
    signals = [
        e for e in history.events if e.HasField("workflow_execution_signaled_event_attributes")
    ]
    assert len(signals) == 2_500 // processing.CHUNK_ROWS
    async with stack.sessionmaker() as db:
        notes = list(
            await db.scalars(select(Notification).where(Notification.recipient_id == admin_id))
        )
    assert [(n.category, n.data["job_id"]) for n in notes] == [("bulk_job_completed", job_id)]
    assert notes[0].body == "2498 of 2500 rows succeeded, 2 failed."
    await stack.replay(bulk_job_id(job_id))


async def test_a_large_iccid_batch_registers_each_good_sim(stack: Stack) -> None:
    _, headers = await _admin(stack)
    async with stack.sessionmaker() as db:
        db.add(Sim(iccid=iccid(3), network_provider="Vodafone", sim_type=SimType.physical))
        await db.commit()
    sims = [{"iccid": iccid(n)} for n in range(1, 2_002)]
    sims[9]["iccid"] = sims[9]["iccid"][:-1] + str((int(sims[9]["iccid"][-1]) + 1) % 10)
    body = {
        "batch_ref": "B-9",
        "network_provider": "Vodafone",
        "sim_type": "physical",
        "sims": sims,
    }
    created = await stack.api.post("/api/inventory/sims/batches/", headers=headers, json=body)
    assert created.status_code == 202, created.text
    assert created.json()["kind"] == "sim_batch"
    job = await _finished(stack, created.json()["id"], "completed")
    assert (job.total_rows, job.succeeded, job.failed) == (2_001, 1_999, 2)
    rows = await _result(stack, job.id, headers)
    assert [r[:3] for r in rows[1:] if r[1] == "False"] == [
        ["3", "False", "The SIM cannot be registered. iccid: already registered"],
        ["10", "False", "The SIM cannot be registered. iccid: check digit is wrong (Luhn)"],
    ]
    registered = select(func.count()).select_from(Sim).where(Sim.batch_ref == "B-9")
    assert await _count(stack.sessionmaker, registered) == 1_999


async def test_a_large_bulk_status_change_moves_each_order(stack: Stack) -> None:
    _, headers = await _admin(stack)
    async with stack.sessionmaker() as db:
        reseller = await make_reseller(db)
        ids = [(await make_order(db, reseller_id=reseller.id)).id for _ in range(500)]
        done = await make_order(db, reseller_id=reseller.id, status=OrderStatus.cancelled)
    body = {"ids": [*ids, done.id, 999_999_999, ids[0]], "status": "cancelled", "reason": "bulk"}
    created = await stack.api.post("/api/orders/bulk/", headers=headers, json=body)
    assert created.status_code == 202, created.text
    job = await _finished(stack, created.json()["id"], "completed")
    # Each order once: the repeated id is not a row of its own.
    assert (job.total_rows, job.succeeded, job.failed) == (502, 500, 2)
    rows = await _result(stack, job.id, headers)
    assert rows[501] == [
        "501", "False", "An order that is cancelled cannot become cancelled.", str(done.id),
    ]  # fmt: skip
    assert rows[502] == ["502", "False", "No such order.", "999999999"]
    cancelled = (
        select(func.count())
        .select_from(SimOrder)
        .where(SimOrder.id.in_(ids), SimOrder.status == OrderStatus.cancelled)
    )
    assert await _count(stack.sessionmaker, cancelled) == 500


@pytest.mark.stack_queues()
async def test_a_cancelled_job_stops_and_keeps_the_rows_it_did(stack: Stack) -> None:
    from integrations.payments import payment_gateway
    from services.messaging.notifier import OutboxNotifier
    from worker.registry import WorkerDeps, build_workers

    _, headers = await _admin(stack)
    created = await stack.api.post(
        "/api/import/plans/",
        headers=headers,
        files={"file": ("plans.csv", _plans_csv(2_500), "text/csv")},
    )
    job_id = created.json()["id"]
    # No worker yet: nobody answers the query, so the record speaks.
    shown = await stack.api.get(f"/api/jobs/{job_id}/", headers=headers)
    assert (shown.json()["status"], shown.json()["progress_from"]) == ("queued", "record")
    not_yet = await stack.api.get(f"/api/jobs/{job_id}/result/", headers=headers)
    assert (not_yet.status_code, not_yet.json()["error"]["code"]) == (409, "job_not_finished")

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

        async def started() -> bool:
            return (await _job(stack.sessionmaker, job_id)).processed_rows > 0

        assert await poll(started, 60)
        cancelled = await stack.api.post(f"/api/jobs/{job_id}/cancel/", headers=headers)
        assert cancelled.status_code == 202, cancelled.text
        job = await _finished(stack, job_id, "cancelled")
        handle = stack.temporal.get_workflow_handle(bulk_job_id(job_id))
        assert await closed_status(handle) is WorkflowExecutionStatus.CANCELED
    finally:
        await worker.shutdown()
        await asyncio.gather(running, return_exceptions=True)
    # Stopped part-way: whatever was done is kept, recorded once, and listed in the result.
    job = await _job(stack.sessionmaker, job_id)
    assert 0 < job.processed_rows < 2_500
    assert job.succeeded == job.processed_rows
    recorded = select(func.count()).select_from(BulkJobRow).where(BulkJobRow.job_id == job_id)
    assert await _count(stack.sessionmaker, recorded) == job.processed_rows
    plans = select(func.count()).select_from(SimPlan)
    assert await _count(stack.sessionmaker, plans) == job.processed_rows
    assert len(await _result(stack, job_id, headers)) == job.processed_rows + 1
    again = await stack.api.post(f"/api/jobs/{job_id}/cancel/", headers=headers)
    assert (again.status_code, again.json()["error"]["code"]) == (409, "job_finished")


# --- the activity alone -----------------------------------------------------------------------


@dataclasses.dataclass
class Alone:
    sessionmaker: async_sessionmaker[AsyncSession]
    storage: LocalStorage
    tools: kinds.Tools
    steps: BulkJobActivities
    job_id: int


@pytest.fixture
async def alone(
    settings: Settings, scratch_database_url: str, temporal_env: WorkflowEnvironment, tmp_path: Path
) -> Any:
    """A running import job of 7 plans (row 3 bad) done 2 rows a chunk, outside any worker."""
    engine = create_engine(settings.model_copy(update={"database_url": scratch_database_url}))
    sessionmaker = create_sessionmaker(engine)
    storage = LocalStorage(tmp_path)
    async with session_scope(sessionmaker) as db:
        admin = await make_staff(db, SystemRole.admin)
        principal = await principal_for_account(db, settings, admin.id)
        bad = {3: ["PLAN-00003", "Plan 3", "Vodafone", "esim", "30", "free"]}
        job = await kinds.request_import(
            db, storage, principal, ImportResource.plans, ("plans.csv", _plans_csv(7, bad)), 7,
            dry_run=False,
        )  # fmt: skip
        await jobs.begin(db, job)
    tools = kinds.Tools(
        settings, FieldCipher(settings), OrderWorkflows(temporal_env.client, settings)
    )
    steps = BulkJobActivities(sessionmaker, storage, temporal_env.client, tools, chunk_rows=2)
    yield Alone(sessionmaker, storage, tools, steps, job.id)
    await engine.dispose()


async def _outcomes(alone: Alone) -> list[tuple[int, bool, int | None]]:
    async with alone.sessionmaker() as db:
        rows = await db.execute(
            select(BulkJobRow.row, BulkJobRow.ok, BulkJobRow.record_id)
            .where(BulkJobRow.job_id == alone.job_id)
            .order_by(BulkJobRow.row)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


async def _plan_ids(alone: Alone) -> dict[str, int]:
    async with alone.sessionmaker() as db:
        return {code: i for code, i in await db.execute(select(SimPlan.code, SimPlan.id))}


async def test_a_retried_job_resumes_after_its_last_chunk(alone: Alone) -> None:
    def lost_after_first_chunk(*details: Any) -> None:
        if details:  # a chunk's beat (a row's carries nothing)
            raise RuntimeError("worker lost")

    first = ActivityEnvironment()
    first.on_heartbeat = lost_after_first_chunk
    with pytest.raises(RuntimeError, match="worker lost"):
        await first.run(alone.steps.run_bulk_job, alone.job_id)
    assert [(row, ok) for row, ok, _ in await _outcomes(alone)] == [(1, True), (2, True)]

    beats: list[Any] = []
    retry = ActivityEnvironment()
    retry.info = dataclasses.replace(retry.info, attempt=2)
    retry.on_heartbeat = lambda *details: beats.extend(details)
    done = await retry.run(alone.steps.run_bulk_job, alone.job_id)

    # Three more chunks (rows 3-4, 5-6, 7), not four from the start; each plan made once.
    assert beats == [4, 6, 7]
    assert (done.processed, done.succeeded, done.failed) == (7, 6, 1)
    plans = await _plan_ids(alone)
    assert await _outcomes(alone) == [(n, n != 3, plans.get(f"PLAN-{n:05d}")) for n in range(1, 8)]
    # Run again (a duplicate attempt): nothing is left to do, nothing is done twice.
    again = await ActivityEnvironment().run(alone.steps.run_bulk_job, alone.job_id)
    assert again == done
    assert len(await _plan_ids(alone)) == 6


async def test_a_retried_status_job_counts_the_orders_its_earlier_attempt_moved(
    settings: Settings, scratch_database_url: str, temporal_env: WorkflowEnvironment, tmp_path: Path
) -> None:
    """An attempt that signalled an order's workflow and died before recording the row: on the
    retry the order is already there, moved by the requester since the job began (success),
    unlike an order that was there before the job (refused)."""
    engine = create_engine(settings.model_copy(update={"database_url": scratch_database_url}))
    sessionmaker = create_sessionmaker(engine)
    storage = LocalStorage(tmp_path)
    workflows = OrderWorkflows(temporal_env.client, settings)
    tools = kinds.Tools(settings, FieldCipher(settings), workflows)
    try:
        async with session_scope(sessionmaker) as db:
            principal = await principal_for_account(
                db, settings, (await make_staff(db, SystemRole.admin)).id
            )
            reseller = await make_reseller(db)
            before = await make_order(db, reseller_id=reseller.id, status=OrderStatus.cancelled)
            moved = await make_order(db, reseller_id=reseller.id)
            job = await kinds.request_order_status(
                db, storage, principal, [before.id, moved.id], OrderStatus.cancelled, "bulk"
            )
            await jobs.begin(db, job)
        async with session_scope(sessionmaker) as db:  # what the order's workflow then did
            order = await db.get_one(SimOrder, moved.id)
            await lifecycle.transition(
                db, principal.actor(), order, OrderStatus.cancelled, reason="bulk"
            )
        async with session_scope(sessionmaker) as db:
            work = await kinds.prepare(db, storage, tools, await db.get_one(BulkJob, job.id))
            outcomes = [await work.handle(db, index) for index in range(work.total)]
        assert [(o.ok, o.error, o.record_id) for o in outcomes] == [
            (False, "An order that is cancelled cannot become cancelled.", before.id),
            (True, "", moved.id),
        ]
    finally:
        await engine.dispose()


async def test_a_chunk_that_dies_part_way_leaves_nothing_behind(alone: Alone) -> None:
    async with alone.sessionmaker() as db:
        job = await jobs.locked(db, alone.job_id)
        work = await kinds.prepare(db, alone.storage, alone.tools, job)
    crashes = [1]  # the second row of the first chunk, once

    async def crashing(db: AsyncSession, index: int) -> processing.RowOutcome:
        outcome = await work.handle(db, index)
        if index in crashes:
            crashes.clear()
            raise RuntimeError("worker lost mid-chunk")
        return outcome

    flaky = processing.Work(work.total, crashing)
    with pytest.raises(RuntimeError, match="mid-chunk"):
        async with session_scope(alone.sessionmaker) as db:
            await processing.process_chunk(db, alone.job_id, flaky, 2, lambda: None)
    # Row 1 was created before the crash, in the same transaction: gone with it.
    assert (await _outcomes(alone), await _plan_ids(alone)) == ([], {})
    assert (await _job(alone.sessionmaker, alone.job_id)).processed_rows == 0

    async with session_scope(alone.sessionmaker) as db:
        tally = await processing.process_chunk(db, alone.job_id, flaky, 2, lambda: None)
    assert (tally.processed, tally.succeeded) == (2, 2)
    assert list(await _plan_ids(alone)) == ["PLAN-00001", "PLAN-00002"]


async def test_two_attempts_at_once_do_each_row_once(alone: Alone) -> None:
    # A worker presumed dead that is not: its attempt and the retry overlap.
    first, second = await asyncio.gather(
        ActivityEnvironment().run(alone.steps.run_bulk_job, alone.job_id),
        ActivityEnvironment().run(alone.steps.run_bulk_job, alone.job_id),
    )
    assert first == second
    assert (first.processed, first.succeeded, first.failed) == (7, 6, 1)
    assert [row for row, _, _ in await _outcomes(alone)] == list(range(1, 8))
    assert len(await _plan_ids(alone)) == 6
