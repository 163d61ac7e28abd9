"""The engine's pool: which connection it hands out, and that it replaces connections the
database server closed before handing them out."""

from __future__ import annotations

import asyncio

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from core.settings import Settings
from models.session import create_engine

BACKEND = text("SELECT pg_backend_pid()")


async def test_a_connection_the_server_closed_is_replaced(
    engine: AsyncEngine, settings: Settings
) -> None:
    pool = create_engine(settings, pool_size=1, max_overflow=0)
    try:
        async with pool.connect() as connection:
            first = await connection.scalar(BACKEND)
        async with engine.connect() as other:
            await other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        await asyncio.sleep(0.2)  # the server's goodbye reaches the idle connection
        async with pool.connect() as connection:
            replaced = await connection.scalar(BACKEND)
    finally:
        await pool.dispose()
    assert replaced not in (None, first)


async def test_the_connection_returned_last_is_handed_out_first(settings: Settings) -> None:
    pool = create_engine(settings, pool_size=3, max_overflow=0)
    try:
        async with pool.connect() as a, pool.connect() as b, pool.connect() as c:
            backends = [await each.scalar(BACKEND) for each in (a, b, c)]
        # Returned in the order c, b, a (the blocks end innermost first): a came back last.
        for _ in range(3):
            async with pool.connect() as connection:
                assert await connection.scalar(BACKEND) == backends[0]
    finally:
        await pool.dispose()
