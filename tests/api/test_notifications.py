"""In-app notifications: notify(), the own list, unread count, marking read."""

from __future__ import annotations

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Notification
from models.identity import SystemRole
from services.notifications import notify
from tests.factories import login_headers, make_account, make_staff


async def test_notify_writes_one_row_per_distinct_recipient(db: AsyncSession) -> None:
    first, second = await make_staff(db), await make_staff(db)
    rows = await notify(
        db,
        [first.id, None, second.id, first.id],
        "order.status",
        "ORD-2026-000042 was dispatched",
        "Tracking 1Z999",
        {"order_id": 42},
    )
    assert [r.recipient_id for r in rows] == [first.id, second.id]
    stored = (
        await db.scalars(
            select(Notification)
            .where(Notification.recipient_id.in_([first.id, second.id]))
            .order_by(Notification.id)
        )
    ).all()
    assert [(n.recipient_id, n.category, n.title, n.body, n.data, n.read_at) for n in stored] == [
        (first.id, "order.status", "ORD-2026-000042 was dispatched", "Tracking 1Z999",
         {"order_id": 42}, None),
        (second.id, "order.status", "ORD-2026-000042 was dispatched", "Tracking 1Z999",
         {"order_id": 42}, None),
    ]  # fmt: skip
    assert await notify(db, [None], "order.status", "Nobody") == []


async def test_own_list_unread_count_and_marking_read(
    client: AsyncClient, db: AsyncSession
) -> None:
    me = await make_account(db, SystemRole.customer)
    other = await make_staff(db)
    mine = [
        (await notify(db, [me.id], "support.ticket_reply", f"Reply {n}"))[0].id for n in range(3)
    ]
    theirs = (await notify(db, [other.id], "support.ticket_assigned", "Not yours"))[0].id
    await db.commit()
    auth = await login_headers(client, me)

    listed = (await client.get("/api/notifications/", headers=auth)).json()
    assert [n["id"] for n in listed["items"]] == mine[::-1]
    assert (listed["total"], listed["items"][0]["title"], listed["items"][0]["read_at"]) == (
        3,
        "Reply 2",
        None,
    )
    paged = (await client.get("/api/notifications/", headers=auth, params={"page_size": 2})).json()
    assert ([n["id"] for n in paged["items"]], paged["has_more"]) == ([mine[2], mine[1]], True)
    count = await client.get("/api/notifications/unread-count/", headers=auth)
    assert count.json() == {"unread": 3}

    read = await client.post(f"/api/notifications/{mine[0]}/read/", headers=auth)
    assert read.status_code == 200, read.text
    first_read_at = read.json()["read_at"]
    assert first_read_at is not None
    again = await client.post(f"/api/notifications/{mine[0]}/read/", headers=auth)
    assert again.json()["read_at"] == first_read_at
    unread = (
        await client.get("/api/notifications/", headers=auth, params={"unread": "true"})
    ).json()
    assert [n["id"] for n in unread["items"]] == [mine[2], mine[1]]
    already = (
        await client.get("/api/notifications/", headers=auth, params={"unread": "false"})
    ).json()
    assert [n["id"] for n in already["items"]] == [mine[0]]

    foreign = await client.post(f"/api/notifications/{theirs}/read/", headers=auth)
    assert (foreign.status_code, foreign.json()["error"]["code"]) == (404, "not_found")
    missing = await client.post("/api/notifications/999999999/read/", headers=auth)
    assert missing.status_code == 404

    marked = await client.post("/api/notifications/read-all/", headers=auth)
    assert marked.json() == {"marked": 2}
    assert (await client.get("/api/notifications/unread-count/", headers=auth)).json() == {
        "unread": 0
    }
    assert (await client.post("/api/notifications/read-all/", headers=auth)).json() == {"marked": 0}
    untouched = await db.scalar(select(Notification.read_at).where(Notification.id == theirs))
    assert untouched is None


async def test_list_refuses_bad_queries(client: AsyncClient, db: AsyncSession) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.support))
    cases: list[tuple[dict[str, str], int, str]] = [
        ({"category": "x"}, 400, "unknown_parameter"),
        ({"unread": "maybe"}, 422, "validation_error"),
        ({"ordering": "title"}, 400, "unknown_ordering"),
    ]
    for params, status, code in cases:
        response = await client.get("/api/notifications/", headers=auth, params=params)
        assert (response.status_code, response.json()["error"]["code"]) == (status, code), params
    unknown = await client.get("/api/notifications/", headers=auth, params={"category": "x"})
    assert unknown.json()["error"]["details"] == {
        "unknown": ["category"],
        "allowed": ["ordering", "page", "page_size", "unread"],
    }
    anonymous = await client.get("/api/notifications/unread-count/")
    assert anonymous.status_code == 401
