"""Deferred items reach their channel's callbacks only with the outermost commit."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from models import after_commit


async def test_only_committed_items_reach_their_channel_once_in_order(db: AsyncSession) -> None:
    received: list[list[Any]] = []

    def collect(session: Session, items: list[Any]) -> None:
        assert session is db.sync_session
        received.append(items)

    stop = after_commit.on_commit("test", collect)
    try:
        await db.execute(text("select 1"))
        after_commit.defer(db, "test", "first")
        with pytest.raises(LookupError):
            async with db.begin_nested():
                after_commit.defer(db, "test", "in a rolled-back savepoint")
                raise LookupError
        async with db.begin_nested():
            after_commit.defer(db, "test", "in a released savepoint")
            after_commit.defer(db, "elsewhere", "another channel's")
        assert received == []  # released is not committed
        after_commit.defer(db, "test", "first")  # already waiting: queued once
        await db.commit()
        assert received == [["first", "in a released savepoint"]]

        await db.execute(text("select 1"))
        after_commit.defer(db, "test", "rolled back")
        await db.rollback()
        await db.commit()
        assert received == [["first", "in a released savepoint"]]
    finally:
        stop()
    await db.execute(text("select 1"))
    after_commit.defer(db, "test", "after stopping")
    await db.commit()
    assert received == [["first", "in a released savepoint"]]
