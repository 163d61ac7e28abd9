"""SearchSync and SearchReindex on the real Temporal stack, with Meilisearch played by the local
fake (tests/fake_meili.py), which records the documents sent."""

from __future__ import annotations

import io
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from cli.reindex import reindex
from core.settings import Settings
from integrations.payments import payment_gateway
from models import PublicUser, SimPlan
from models.catalog import SimType
from models.search import SearchChange
from services.messaging.notifier import OutboxNotifier
from services.search.sync import REINDEX
from tests.fake_meili import Request, serve_fake_meili
from tests.workflows.conftest import Stack
from worker.registry import WorkerDeps, build_workers
from workflows import queues
from workflows.search_index import SearchSync

pytestmark = pytest.mark.stack_queues()


@asynccontextmanager
async def search_worker(stack: Stack, meili_url: str) -> AsyncIterator[Settings]:
    """The search queue's worker, its Meilisearch at `meili_url` ("" for none)."""
    settings = stack.settings.model_copy(update={"meili_url": meili_url})
    deps = WorkerDeps(
        settings, stack.sessionmaker, payment_gateway(settings), OutboxNotifier(), stack.temporal
    )
    [worker] = build_workers(stack.temporal, deps, [queues.SEARCH])
    async with worker:
        yield settings


async def sync(stack: Stack) -> int:
    drained: int = await stack.temporal.execute_workflow(
        SearchSync.run,
        id=f"search-sync-{uuid.uuid4().hex}",
        task_queue=queues.qualified(stack.settings.temporal_task_queue_prefix, queues.SEARCH),
    )
    return drained


async def outbox(db: AsyncSession) -> list[tuple[str, int, str]]:
    rows = await db.execute(
        select(SearchChange.doc_type, SearchChange.doc_id, SearchChange.op).order_by(
            SearchChange.id
        )
    )
    return [(row.doc_type, row.doc_id, row.op) for row in rows]


async def add_user(db: AsyncSession, name: str) -> PublicUser:
    user = PublicUser(
        full_name=name, email=f"{name.split()[0].lower()}@example.com",
        phone=f"+44790000{len(name):04d}", city="Leeds",
    )  # fmt: skip
    db.add(user)
    await db.commit()
    return user


def user_document(user: PublicUser) -> dict[str, Any]:
    return {
        "id": user.id, "user_id": user.id, "full_name": user.full_name, "email": user.email,
        "phone": user.phone, "city": user.city, "created_at": int(user.created_at.timestamp()),
    }  # fmt: skip


def writes(recorded: list[Request]) -> list[Request]:
    """What changed the fake's contents (not the task polls and index lookups)."""
    return [r for r in recorded if r[0] != "GET"]


async def test_sync_pushes_changed_documents_and_forgets_the_changes(stack: Stack) -> None:
    async with stack.sessionmaker() as db:
        kept = await add_user(db, "Ada Quimby")
        gone = await add_user(db, "Bo Lindqvist")
        kept.city = "York"
        await db.delete(gone)
        await db.commit()
        assert await outbox(db) == [
            ("users", kept.id, "create"),
            ("users", gone.id, "create"),
            ("users", kept.id, "update"),
            ("users", gone.id, "delete"),
        ]
    prefix = stack.settings.temporal_task_queue_prefix
    with serve_fake_meili() as (url, recorded):
        async with search_worker(stack, url):
            assert await sync(stack) == 4
            assert await sync(stack) == 0  # nothing left
    assert writes(recorded) == [
        ("POST", f"/indexes/{prefix}users/documents?primaryKey=id", [user_document(kept)]),
        ("POST", f"/indexes/{prefix}users/documents/delete-batch", [str(gone.id)]),
    ]
    async with stack.sessionmaker() as db:
        assert await outbox(db) == []


async def test_a_reindex_in_progress_holds_the_sync_back(stack: Stack) -> None:
    async with stack.sessionmaker() as db:
        user = await add_user(db, "Ada Quimby")
        await db.execute(insert(SearchChange).values(doc_type="*", doc_id=0, op=REINDEX))
        await db.commit()
    with serve_fake_meili() as (url, recorded):
        async with search_worker(stack, url):
            assert await sync(stack) == 0
    assert writes(recorded) == []
    async with stack.sessionmaker() as db:
        assert await outbox(db) == [("users", user.id, "create"), ("*", 0, REINDEX)]


async def test_without_meilisearch_the_sync_clears_the_outbox(stack: Stack) -> None:
    async with stack.sessionmaker() as db:
        await add_user(db, "Ada Quimby")
        await add_user(db, "Bo Lindqvist")
    async with search_worker(stack, ""):
        assert await sync(stack) == 2
    async with stack.sessionmaker() as db:
        assert await outbox(db) == []


async def test_reindex_rebuilds_every_index_and_swaps_it_in(stack: Stack) -> None:
    async with stack.sessionmaker() as db:
        users = [await add_user(db, "Ada Quimby"), await add_user(db, "Bo Lindqvist")]
        plan = SimPlan(
            code="NO-20", name="Nordic 20GB", network_provider="Telenor", sim_type=SimType.esim,
            validity_days=30, price=25, data_mb=20480, description="",
        )  # fmt: skip
        db.add(plan)
        await db.commit()
        pending = await outbox(db)
    prefix = stack.settings.temporal_task_queue_prefix
    out = io.StringIO()
    with serve_fake_meili() as (url, recorded):
        async with search_worker(stack, url) as settings:
            result = await reindex(stack.temporal, settings, out)

    assert result.configured
    assert result.indexed == {
        "orders": 0, "users": 2, "resellers": 0, "clients": 0, "plans": 1, "tickets": 0,
    }  # fmt: skip
    plan_document = {
        "id": plan.id, "name": "Nordic 20GB", "code": "NO-20", "network_provider": "Telenor",
        "description": "", "created_at": int(plan.created_at.timestamp()),
    }  # fmt: skip
    expected: list[Request] = []
    for name in result.indexed:
        fresh = f"{prefix}{name}__fresh"
        expected += [
            ("DELETE", f"/indexes/{fresh}", None),
            ("PATCH", f"/indexes/{fresh}/settings", "(settings)"),
        ]
        if name == "users":
            documents = [user_document(u) for u in users]
            expected.append(("POST", f"/indexes/{fresh}/documents?primaryKey=id", documents))
        if name == "plans":
            expected.append(("POST", f"/indexes/{fresh}/documents?primaryKey=id", [plan_document]))
        expected += [
            ("POST", "/swap-indexes", [{"indexes": [f"{prefix}{name}", fresh]}]),
            ("DELETE", f"/indexes/{fresh}", None),
        ]
    # The settings themselves are test_meilisearch.py's business.
    sent = [(m, p, "(settings)" if m == "PATCH" else b) for m, p, b in writes(recorded)]
    assert sent == expected
    assert out.getvalue().splitlines()[-6:] == [
        "orders: 0 documents", "users: 2 documents", "resellers: 0 documents",
        "clients: 0 documents", "plans: 1 documents", "tickets: 0 documents",
    ]  # fmt: skip
    async with stack.sessionmaker() as db:
        # The marker is gone; the changes wait for the next sync, into the new index.
        assert await outbox(db) == pending


async def test_reindex_without_meilisearch_has_nothing_to_do(stack: Stack) -> None:
    out = io.StringIO()
    async with search_worker(stack, "") as settings:
        result = await reindex(stack.temporal, settings, out)
    assert (result.configured, result.indexed) == (False, {})
    assert out.getvalue() == "Meilisearch is not configured (MEILI_URL): nothing to reindex\n"
