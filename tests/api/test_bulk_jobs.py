"""Requests too large for one answer become bulk jobs (202); /api/jobs/ shows them to whoever
may run their operation, and refuses bad input before any job starts. The workflow that works
through them is tested in tests/workflows/test_bulk_jobs.py."""

from __future__ import annotations

import csv
import io
from typing import Any

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import BulkJob, BulkJobKind, BulkJobStatus, SimPlan, StoredFile
from models.identity import SystemRole
from services.bulk_jobs.jobs import INLINE_ORDERS, INLINE_ROWS
from tests.factories import iccid, login_headers, make_account, make_staff

PLAN_HEADER = ["code", "name", "network_provider", "sim_type", "validity_days", "price"]


def _plans(count: int) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(PLAN_HEADER)
    writer.writerows(
        [f"BULK-{n:05d}", f"Plan {n}", "Vodafone", "esim", "30", "10.00"]
        for n in range(1, count + 1)
    )
    return buffer.getvalue().encode()


async def _import(client: AsyncClient, auth: dict[str, str], data: bytes, **params: str) -> Any:
    return await client.post(
        "/api/import/plans/",
        headers=auth,
        params=params,
        files={"file": ("plans.csv", data, "text/csv")},
    )


async def _jobs(db: AsyncSession) -> int:
    return await db.scalar(select(func.count()).select_from(BulkJob)) or 0


async def test_a_large_import_becomes_a_job_with_its_file_kept(
    app: FastAPI, client: AsyncClient, db: AsyncSession
) -> None:
    admin = await make_staff(db, SystemRole.admin)
    auth = await login_headers(client, admin)
    data = _plans(INLINE_ROWS + 1)
    response = await _import(client, auth, data)
    assert response.status_code == 202, response.text
    job = response.json()
    assert {k: job[k] for k in ("kind", "status", "total_rows", "processed_rows", "options")} == {
        "kind": "import_rows", "status": "queued", "total_rows": INLINE_ROWS + 1,
        "processed_rows": 0, "options": {"resource": "plans", "dry_run": False},
    }  # fmt: skip
    assert (job["requested_by_id"], job["result_url"]) == (admin.id, None)
    assert job["url"] == f"/api/jobs/{job['id']}/"
    row = await db.get(BulkJob, job["id"])
    assert row is not None and row.source_file_id is not None
    source = await db.get(StoredFile, row.source_file_id)
    assert source is not None
    stored = app.state.resources.storage
    assert b"".join([c async for c in await stored.open(source.storage_key)]) == data

    shown = await client.get(f"/api/jobs/{job['id']}/", headers=auth)
    assert shown.status_code == 200
    assert shown.json()["workflow_id"] == f"bulk-{job['id']}"
    result = await client.get(f"/api/jobs/{job['id']}/result/", headers=auth)
    assert (result.status_code, result.json()["error"]["code"]) == (409, "job_not_finished")

    # A small file asked to run in the background, and a dry run, are jobs too.
    small = await _import(client, auth, _plans(3), background="true", dry_run="true")
    assert small.status_code == 202
    assert small.json()["options"] == {"resource": "plans", "dry_run": True}
    # The rows are the workflow's to create, not the request's.
    assert await db.scalar(select(func.count()).select_from(SimPlan)) == 0


async def test_a_small_import_is_still_answered_inline(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    before = await _jobs(db)
    response = await _import(client, auth, _plans(INLINE_ROWS))
    assert response.status_code == 201, response.text
    assert response.json()["created"] == INLINE_ROWS
    assert await _jobs(db) == before


async def test_a_bad_file_is_refused_before_any_job(client: AsyncClient, db: AsyncSession) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    before = await _jobs(db)
    wrong = _plans(INLINE_ROWS + 1).replace(b"validity_days", b"validity", 1)
    header = await _import(client, auth, wrong)
    assert (header.status_code, header.json()["error"]["code"]) == (400, "bad_header")
    garbled = await _import(client, auth, b"\xff\xfe" + _plans(3), background="true")
    assert (garbled.status_code, garbled.json()["error"]["code"]) == (400, "bad_encoding")
    assert await _jobs(db) == before


async def test_large_batches_and_bulk_changes_become_jobs(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    sims = [{"iccid": iccid(n, prefix="8944200000")} for n in range(INLINE_ROWS + 1)]
    batch = {"batch_ref": "BIG-1", "network_provider": "Vodafone", "sim_type": "physical"}
    registered = await client.post(
        "/api/inventory/sims/batches/", headers=auth, json={**batch, "sims": sims}
    )
    assert registered.status_code == 202, registered.text
    assert registered.json()["options"] == {**batch, "sim_type": "physical"}
    # A dry run only checks, quickly: it is still answered inline.
    dry = await client.post(
        "/api/inventory/sims/batches/",
        headers=auth,
        params={"dry_run": "true"},
        json={**batch, "sims": sims},
    )
    assert dry.json() == {"batch_ref": "BIG-1", "registered": INLINE_ROWS + 1, "dry_run": True}

    ids = list(range(1, INLINE_ORDERS + 2))
    bulk = await client.post(
        "/api/orders/bulk/", headers=auth, json={"ids": ids + ids, "status": "cancelled"}
    )
    assert bulk.status_code == 202, bulk.text
    assert (bulk.json()["kind"], bulk.json()["total_rows"]) == ("order_status", len(ids))
    assert bulk.json()["options"] == {"status": "cancelled", "reason": ""}
    too_many = await client.post(
        "/api/orders/bulk/", headers=auth, json={"ids": list(range(10_001)), "status": "cancelled"}
    )
    assert too_many.status_code == 422


async def _job(db: AsyncSession, kind: BulkJobKind, requested_by: int, **options: Any) -> int:
    job = BulkJob(
        kind=kind,
        status=BulkJobStatus.queued,
        options=options,
        requested_by_id=requested_by,
        total_rows=3,
    )
    db.add(job)
    await db.commit()
    return job.id


async def test_jobs_are_seen_by_those_who_may_run_their_operation(
    client: AsyncClient, db: AsyncSession
) -> None:
    admin = await make_staff(db, SystemRole.admin)
    other_admin = await make_staff(db, SystemRole.admin)
    moderator = await make_staff(db, SystemRole.moderator)
    owner = await make_account(db, SystemRole.reseller_owner)
    plans = await _job(db, BulkJobKind.import_rows, admin.id, resource="plans", dry_run=False)
    orders = await _job(db, BulkJobKind.order_status, moderator.id, status="cancelled", reason="")

    async def listed(account: Any, query: str = "") -> list[int]:
        response = await client.get(
            f"/api/jobs/?ordering=created_at{query}", headers=await login_headers(client, account)
        )
        assert response.status_code == 200, response.text
        return [j["id"] for j in response.json()["items"]]

    # Staff see every job whose operation they may run; nobody sees the others.
    assert await listed(other_admin) == [plans, orders]
    assert await listed(other_admin, "&kind=order_status") == [orders]
    assert await listed(moderator) == [orders]  # moderators do not import
    assert await listed(owner) == []
    hidden = await client.get(f"/api/jobs/{plans}/", headers=await login_headers(client, moderator))
    assert hidden.status_code == 404
    unknown = await client.get("/api/jobs/999999999/", headers=await login_headers(client, admin))
    assert (unknown.status_code, unknown.json()["error"]["code"]) == (404, "not_found")
    stray = await client.get("/api/jobs/?owner=me", headers=await login_headers(client, admin))
    assert stray.status_code == 400


async def test_a_job_no_workflow_runs_is_cancelled_at_once(
    client: AsyncClient, db: AsyncSession
) -> None:
    admin = await make_staff(db, SystemRole.admin)
    auth = await login_headers(client, admin)
    job_id = await _job(db, BulkJobKind.sim_batch, admin.id, batch_ref="B-1")
    cancelled = await client.post(f"/api/jobs/{job_id}/cancel/", headers=auth)
    assert cancelled.status_code == 202, cancelled.text
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["result_url"] == f"/api/jobs/{job_id}/result/"
    result = await client.get(f"/api/jobs/{job_id}/result/", headers=auth)
    assert result.status_code == 200
    assert result.text.splitlines() == ["row,ok,error,id"]
    again = await client.post(f"/api/jobs/{job_id}/cancel/", headers=auth)
    assert (again.status_code, again.json()["error"]["code"]) == (409, "job_finished")


async def test_an_integration_follows_the_job_its_key_started(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    created = await client.post(
        "/api/settings/api-keys/",
        headers=auth,
        json={"name": "Catalogue sync", "scopes": ["data:import", "catalog:write"]},
    )
    assert created.status_code == 201, created.text
    key = {"X-API-Key": created.json()["key"]}
    started = await _import(client, key, _plans(INLINE_ROWS + 1))
    assert started.status_code == 202, started.text
    job_id = started.json()["id"]
    followed = await client.get(f"/api/jobs/{job_id}/", headers=key)
    assert (followed.status_code, followed.json()["id"]) == (200, job_id)
    assert [j["id"] for j in (await client.get("/api/jobs/", headers=key)).json()["items"]] == [
        job_id
    ]
    # One's own account pages still need a login session.
    profile = await client.get("/api/auth/user/", headers=key)
    assert (profile.status_code, profile.json()["error"]["code"]) == (403, "api_key_not_allowed")
