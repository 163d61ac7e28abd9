"""/api/reports/: checking report requests, who sees and downloads what, and the builder's
options. The workflow that makes the files is tested in tests/workflows/test_reports.py."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import (
    FilePurpose,
    ReportFormat,
    ReportJob,
    ReportKind,
    ReportStatus,
    StoredFile,
)
from models.identity import SystemRole
from tests.factories import login_headers, make_account, make_staff

SALES = {"kind": "sales", "format": "csv", "date_from": "2026-01-01", "date_to": "2026-01-31"}


async def _headers(client: AsyncClient, db: AsyncSession, role: SystemRole) -> dict[str, str]:
    return await login_headers(client, await make_account(db, role))


def _fields(response: Any) -> list[str]:
    return [d["field"] for d in response.json()["error"]["details"]]


async def test_options_publish_dimensions_metrics_and_typed_filters(
    client: AsyncClient, db: AsyncSession
) -> None:
    headers = await _headers(client, db, SystemRole.admin)
    response = await client.get("/api/reports/options/", headers=headers)
    assert response.status_code == 200
    options = response.json()
    assert [k["kind"] for k in options["kinds"]] == [k.value for k in ReportKind]
    assert [d["name"] for d in options["dimensions"]][:3] == ["day", "week", "month"]
    assert {m["name"]: m["type"] for m in options["metrics"]}["revenue"] == "money"
    status = next(f for f in options["filters"] if f["name"] == "status")
    assert status["type"] == "enum"
    assert "activated" in status["choices"]
    assert options["formats"] == ["csv", "xlsx", "pdf"]
    assert options["max_range_days"] == 1830


@pytest.mark.parametrize(
    ("changes", "field", "kind"),
    [
        ({"date_from": "2026-02-01", "date_to": "2026-01-01"}, "body.date_to", "range_reversed"),
        ({"date_from": "2006-01-01", "date_to": "2026-01-01"}, "body.date_to", "range_too_long"),
        ({"filters": {"colour": "red"}}, "body.filters.colour", "unknown"),
        ({"filters": {"status": "lost"}}, "body.filters.status", "enum_type"),
        ({"filters": {"reseller_id": "7"}}, "body.filters.reseller_id", "integer_type"),
        (
            {"filters": {"amount_min": 5, "amount_max": 1}},
            "body.filters.amount_max",
            "range_reversed",
        ),
        ({"dimensions": ["day"]}, "body.dimensions", "not_allowed"),
        (
            {"kind": "custom", "dimensions": ["colour"], "metrics": ["orders"]},
            "body.dimensions.0",
            "unknown",
        ),
        (
            {"kind": "custom", "dimensions": ["day"], "metrics": ["profit"]},
            "body.metrics.0",
            "unknown",
        ),
        ({"kind": "custom", "metrics": ["orders"]}, "body.dimensions", "missing"),
    ],
)
async def test_a_request_that_cannot_be_made_is_refused_with_its_field(
    client: AsyncClient, db: AsyncSession, changes: dict[str, Any], field: str, kind: str
) -> None:
    headers = await _headers(client, db, SystemRole.admin)
    response = await client.post("/api/reports/", headers=headers, json={**SALES, **changes})
    assert response.status_code == 422, response.text
    details = response.json()["error"]["details"]
    assert [(d["field"], d["type"]) for d in details] == [(field, kind)]
    assert await db.scalar(select(ReportJob.id)) is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"format": "docx"}, "body.format"),
        ({"kind": "profits"}, "body.kind"),
        ({"date_from": "2026-13-01"}, "body.date_from"),
        ({"colour": "red"}, "body.colour"),
    ],
)
async def test_a_malformed_body_is_a_422(
    client: AsyncClient, db: AsyncSession, changes: dict[str, Any], field: str
) -> None:
    headers = await _headers(client, db, SystemRole.admin)
    response = await client.post("/api/reports/", headers=headers, json={**SALES, **changes})
    assert response.status_code == 422
    assert _fields(response) == [field]


async def test_a_report_request_is_recorded_queued_for_its_requester(
    client: AsyncClient, db: AsyncSession
) -> None:
    owner = await make_account(db, SystemRole.reseller_owner)
    headers = await login_headers(client, owner)
    body = {**SALES, "format": "pdf", "filters": {"status": "activated", "amount_min": "10"}}
    response = await client.post("/api/reports/", headers=headers, json=body)
    assert response.status_code == 202, response.text
    report = response.json()
    assert (report["status"], report["progress_percent"], report["download_url"]) == (
        "queued",
        0,
        None,
    )
    job = await db.get(ReportJob, report["id"])
    assert job is not None
    # A reseller's report is held to its own rows, whatever the filters say.
    assert job.params == {
        "date_from": "2026-01-01",
        "date_to": "2026-01-31",
        "timezone": "UTC",
        "filters": {"status": "activated", "amount_min": "10"},
        "dimensions": [],
        "metrics": [],
        "reseller_scope": owner.reseller_id,
    }


async def test_who_may_request_which_reports(client: AsyncClient, db: AsyncSession) -> None:
    support = await _headers(client, db, SystemRole.support)
    refused = await client.post("/api/reports/", headers=support, json=SALES)
    assert refused.status_code == 403
    assert (await client.get("/api/reports/", headers=support)).status_code == 403
    reseller = await _headers(client, db, SystemRole.reseller_owner)
    staff_only = await client.post(
        "/api/reports/", headers=reseller, json={**SALES, "kind": "user_growth"}
    )
    assert staff_only.status_code == 403
    schedules = await client.get("/api/reports/schedules/", headers=reseller)
    assert schedules.status_code == 403


async def _job(
    db: AsyncSession, requested_by: int, status: ReportStatus = ReportStatus.queued
) -> ReportJob:
    job = ReportJob(
        kind=ReportKind.sales,
        format=ReportFormat.csv,
        params={**SALES},
        status=status,
        requested_by_id=requested_by,
    )
    db.add(job)
    await db.commit()
    return job


async def test_lists_show_ones_own_reports_and_managers_see_all(
    client: AsyncClient, db: AsyncSession
) -> None:
    owner = await make_account(db, SystemRole.reseller_owner)
    other = await make_account(db, SystemRole.reseller_owner)
    admin = await make_staff(db, SystemRole.admin)
    mine = (await _job(db, owner.id)).id
    theirs = (await _job(db, other.id, ReportStatus.failed)).id
    as_owner = await client.get("/api/reports/", headers=await login_headers(client, owner))
    assert [r["id"] for r in as_owner.json()["items"]] == [mine]
    admin_headers = await login_headers(client, admin)
    everyone = await client.get("/api/reports/?ordering=created_at", headers=admin_headers)
    assert [r["id"] for r in everyone.json()["items"]] == [mine, theirs]
    assert everyone.json()["total"] == 2
    failed = await client.get("/api/reports/?status=failed", headers=admin_headers)
    assert [r["id"] for r in failed.json()["items"]] == [theirs]
    unknown = await client.get("/api/reports/?owner=me", headers=admin_headers)
    assert unknown.status_code == 400
    hidden = await client.get(f"/api/reports/{theirs}/", headers=await login_headers(client, owner))
    assert hidden.status_code == 404


async def test_a_finished_report_downloads_only_for_its_requester_or_managers(
    app: FastAPI, client: AsyncClient, db: AsyncSession
) -> None:
    owner = await make_account(db, SystemRole.reseller_owner)
    other = await make_account(db, SystemRole.reseller_owner)
    admin = await make_staff(db, SystemRole.admin)
    content = b"order_number,total_amount\nORD-1,20.00\n"
    stored = StoredFile(
        owner_id=owner.id,
        purpose=FilePurpose.report,
        storage_key=await app.state.resources.storage.put(content),
        original_name="report-1-sales-2026-01-01-2026-01-31.csv",
        content_type="text/csv",
        size_bytes=len(content),
        sha256="0" * 64,
    )
    db.add(stored)
    await db.flush()
    job = await _job(db, owner.id, ReportStatus.completed)
    job.file_id = stored.id
    await db.commit()
    job_id = job.id
    for account in (owner, admin):
        response = await client.get(
            f"/api/reports/{job_id}/download/", headers=await login_headers(client, account)
        )
        assert response.status_code == 200
        assert response.content == content
        assert response.headers["content-disposition"] == (
            'attachment; filename="report-1-sales-2026-01-01-2026-01-31.csv"'
        )
    stranger = await client.get(
        f"/api/reports/{job_id}/download/", headers=await login_headers(client, other)
    )
    assert stranger.status_code == 404
    finished = await client.post(
        f"/api/reports/{job_id}/cancel/", headers=await login_headers(client, owner)
    )
    assert finished.status_code == 409


async def test_a_report_not_finished_cannot_be_downloaded(
    client: AsyncClient, db: AsyncSession
) -> None:
    owner = await make_staff(db, SystemRole.admin)
    job = await _job(db, owner.id, ReportStatus.running)
    response = await client.get(
        f"/api/reports/{job.id}/download/", headers=await login_headers(client, owner)
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "report_not_ready"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"recipients": []}, "body.recipients"),
        ({"recipients": ["not-an-email"]}, "body.recipients.0"),
        ({"cadence": "hourly"}, "body.cadence"),
        ({"params": {"filters": {"colour": "red"}}}, "body.params.filters.colour"),
        ({"params": {"date_from": "2026-01-01"}}, "body.params.date_from"),
    ],
)
async def test_a_bad_schedule_is_refused_before_anything_is_scheduled(
    client: AsyncClient, db: AsyncSession, changes: dict[str, Any], field: str
) -> None:
    headers = await _headers(client, db, SystemRole.admin)
    body = {
        "name": "Weekly sales",
        "kind": "sales",
        "format": "xlsx",
        "cadence": "weekly",
        "recipients": ["ceo@example.com"],
        **changes,
    }
    response = await client.post("/api/reports/schedules/", headers=headers, json=body)
    assert response.status_code == 422, response.text
    assert _fields(response) == [field]


def test_report_dates_are_whole_days() -> None:
    from services.reports.catalogue import ReportSpec
    from services.reports.queries import window

    start, end = window(
        ReportSpec(ReportKind.sales, date(2026, 3, 28), date(2026, 3, 29), "Europe/Lisbon")
    )
    assert (start.isoformat(), end.isoformat()) == (
        "2026-03-28T00:00:00+00:00",
        "2026-03-30T00:00:00+01:00",
    )
