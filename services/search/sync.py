"""Keeping Meilisearch current from the `search_changes` outbox (written by the session hook in
services/search/outbox.py), and rebuilding it from scratch.

Documents are always read from the rows' current state, never from the change: a change pushed
twice, late or out of order still leaves the right document, so every step can be retried.

While a reindex builds fresh indexes, its `reindex` marker row holds the sync back: a change
drained into the old index during the build would be lost when the fresh one is swapped in.
Held back, the changes wait in the outbox and reach the fresh index right after the swap. A sync
that read the outbox before the marker was committed only drained changes committed before it,
which the build (started after the marker) reads anyway."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, exists, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from integrations.meilisearch import SearchIndex
from models import PublicUser, ResellerClient, SimOrder
from models.search import SearchChange
from services.search.documents import documents
from services.search.outbox import DELETE
from services.search.types import TYPES

REINDEX = "reindex"
# An order's document carries its customer's name and phone: a changed customer means
# changed orders.
_CUSTOMER_ORDERS = {
    "users": (PublicUser, SimOrder.user_id),
    "clients": (ResellerClient, SimOrder.client_id),
}


@dataclass
class Changes:
    """One batch of the outbox, ready to push: `change_ids` are forgotten once it is pushed."""

    change_ids: list[int] = field(default_factory=list)
    upserts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    deletes: dict[str, list[int]] = field(default_factory=dict)
    held: bool = False


async def reindexing(db: AsyncSession) -> bool:
    return bool(await db.scalar(select(exists().where(SearchChange.op == REINDEX))))


async def collect(db: AsyncSession, limit: int) -> Changes:
    """The oldest `limit` changes and the documents they call for; nothing while a reindex
    builds."""
    if await reindexing(db):
        return Changes(held=True)
    rows = (
        await db.execute(
            select(SearchChange.id, SearchChange.doc_type, SearchChange.doc_id, SearchChange.op)
            .order_by(SearchChange.id)
            .limit(limit)
        )
    ).all()
    deleted: dict[str, set[int]] = defaultdict(set)
    current: dict[str, set[int]] = defaultdict(set)
    for row in rows:
        (deleted if row.op == DELETE else current)[row.doc_type].add(row.doc_id)
    for name, (_, order_key) in _CUSTOMER_ORDERS.items():
        if current.get(name):
            orders = await db.scalars(select(SimOrder.id).where(order_key.in_(current[name])))
            current["orders"].update(orders)
    changes = Changes(change_ids=[row.id for row in rows])
    for name in TYPES:
        gone = set(deleted.get(name, ()))
        wanted = sorted(current.get(name, set()) - gone)
        if wanted:
            found, missing = await documents(db, TYPES[name], wanted)
            if found:
                changes.upserts[name] = found
            gone.update(missing)
        if gone:
            changes.deletes[name] = sorted(gone)
    return changes


async def push(index: SearchIndex, changes: Changes) -> None:
    for name, found in changes.upserts.items():
        await index.upsert(name, found)
    for name, ids in changes.deletes.items():
        await index.delete(name, ids)


async def forget(db: AsyncSession, change_ids: Sequence[int]) -> int:
    """Drop pushed changes; a change written since (a newer id) stays for the next batch."""
    result = await db.execute(delete(SearchChange).where(SearchChange.id.in_(change_ids)))
    return int(result.rowcount)  # type: ignore[attr-defined]


async def clear(db: AsyncSession) -> int:
    """Without Meilisearch nobody reads the outbox: empty it in one statement."""
    result = await db.execute(delete(SearchChange))
    return int(result.rowcount)  # type: ignore[attr-defined]


async def hold(db: AsyncSession) -> None:
    """Hold the sync back for a reindex (replacing a marker a crashed one left)."""
    await release(db)
    await db.execute(insert(SearchChange).values(doc_type="*", doc_id=0, op=REINDEX))


async def release(db: AsyncSession) -> None:
    await db.execute(delete(SearchChange).where(SearchChange.op == REINDEX))


async def page(
    db: AsyncSession, name: str, after_id: int, size: int
) -> tuple[list[dict[str, Any]], int | None]:
    """The documents of the next `size` rows of type `name` after `after_id`, and the last id
    read (None at the end)."""
    spec = TYPES[name]
    ids = list(
        await db.scalars(
            select(spec.model.id)
            .where(spec.model.id > after_id)
            .order_by(spec.model.id)
            .limit(size)
        )
    )
    if not ids:
        return [], None
    found, _ = await documents(db, spec, ids)
    return found, ids[-1]
