"""Logins, logouts and mutating requests are recorded after the response; reads are not."""

from __future__ import annotations

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import ActivityLog
from models.session import unit_of_work
from services.activity import ActivityRecorder
from tests.factories import PASSWORD, make_staff


async def _flushed(app: FastAPI, db: AsyncSession) -> list[ActivityLog]:
    await app.state.resources.activity.flush()
    return list((await db.execute(select(ActivityLog).order_by(ActivityLog.id))).scalars())


async def test_requests_are_recorded_with_their_actor(
    app: FastAPI, client: AsyncClient, db: AsyncSession
) -> None:
    account = await make_staff(db)
    before = len(await _flushed(app, db))
    failed = await client.post(
        "/api/auth/login/",
        json={"login": account.email, "password": "wrong"},
        headers={"User-Agent": "pytest-browser/1.0"},
    )
    login = await client.post(
        "/api/auth/login/", json={"login": account.email, "password": PASSWORD}
    )
    auth = {"Authorization": f"Bearer {login.json()['access_token']}"}
    await client.get("/api/auth/user/", headers=auth)
    await client.post(
        "/api/auth/token/refresh/", json={"refresh_token": login.json()["refresh_token"]}
    )
    await client.patch("/api/auth/user/", headers=auth, json={"first_name": "Ada"})
    await client.post("/api/auth/logout/", headers=auth)

    rows = (await _flushed(app, db))[before:]
    assert [(r.action, r.status_code, r.account_id, r.user_type) for r in rows] == [
        ("login", 401, None, "anonymous"),
        ("login", 200, account.id, "staff"),
        ("PATCH /api/auth/user/", 200, account.id, "staff"),
        ("logout", 204, account.id, "staff"),
    ]
    assert rows[0].user_agent == "pytest-browser/1.0"
    assert rows[0].request_id == failed.headers["x-request-id"]
    assert str(rows[1].ip_address) == "127.0.0.1"


async def test_a_full_buffer_drops_instead_of_growing(db: AsyncSession) -> None:
    recorder = ActivityRecorder(lambda: unit_of_work(db), max_buffer=2)
    for _ in range(5):
        recorder.record({"user_type": "anonymous", "action": "x", "description": ""})
    assert recorder.dropped == 3
    assert await recorder.flush() == 2
