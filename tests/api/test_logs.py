"""Browsing and exporting the activity log and the audit trail."""

from __future__ import annotations

import csv
import io

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from models.identity import SystemRole
from tests.factories import login_headers, make_staff


async def test_audit_log_filters_and_export(client: AsyncClient, db: AsyncSession) -> None:
    boss = await make_staff(db, SystemRole.super_admin)
    auth = await login_headers(client, boss)
    target = await make_staff(db, SystemRole.support)
    await client.patch(
        f"/api/admin/staff/{target.id}/", headers=auth, json={"first_name": "Renamed"}
    )
    await client.patch(f"/api/admin/staff/{target.id}/", headers=auth, json={"role": "moderator"})

    params = {"entity_type": "account", "entity_id": str(target.id)}
    page = (await client.get("/api/admin/audit-logs/", headers=auth, params=params)).json()
    assert page["total"] == 2
    newest, oldest = page["items"]
    assert (oldest["before"], oldest["after"]) == ({"first_name": "Ada"}, {"first_name": "Renamed"})
    assert newest["action"] == "staff.updated" and newest["actor_id"] == boss.id
    assert set(newest["after"]) == {"role_id"}

    exported = await client.get(
        "/api/admin/audit-logs/", headers=auth, params={**params, "format": "csv"}
    )
    assert exported.headers["content-type"] == "text/csv; charset=utf-8"
    assert exported.headers["content-disposition"].startswith('attachment; filename="audit-log-')
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert [r["action"] for r in rows] == ["staff.updated", "staff.updated"]
    assert rows[1]["entity_id"] == str(target.id)


async def test_activity_log_page_and_empty_export(
    app: FastAPI, client: AsyncClient, db: AsyncSession
) -> None:
    boss = await make_staff(db, SystemRole.admin)
    auth = await login_headers(client, boss)
    await app.state.resources.activity.flush()
    page = (
        await client.get("/api/admin/activity-logs/", headers=auth, params={"account_id": boss.id})
    ).json()
    assert [(i["action"], i["status_code"]) for i in page["items"]] == [("login", 200)]
    empty = await client.get(
        "/api/admin/activity-logs/", headers=auth, params={"action": "nothing", "format": "csv"}
    )
    assert empty.text.splitlines() == [
        "id,created_at,account_id,user_type,action,method,path,status_code,ip_address,"
        "user_agent,request_id"
    ]


async def test_log_queries_refuse_bad_input(client: AsyncClient, db: AsyncSession) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    unknown = await client.get("/api/admin/audit-logs/", headers=auth, params={"actor": "5"})
    assert unknown.status_code == 400
    assert unknown.json()["error"]["code"] == "unknown_parameter"
    assert "entity_type" in unknown.json()["error"]["details"]["allowed"]
    reversed_range = await client.get(
        "/api/admin/activity-logs/",
        headers=auth,
        params={"created_from": "2026-05-01T00:00:00Z", "created_to": "2026-04-01T00:00:00Z"},
    )
    assert reversed_range.status_code == 422
    for params in ({"created_from": "yesterday"}, {"page_size": "500"}, {"format": "xml"}):
        response = await client.get("/api/admin/activity-logs/", headers=auth, params=params)
        assert response.status_code == 422, params
