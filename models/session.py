"""Engine and session factories. The caller owns the transaction: the API's request dependency
commits or rolls back, an activity wraps its work in `session_scope()`; services never commit."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry

from core.errors import AppError
from core.settings import Settings


def create_engine(settings: Settings, **overrides: object) -> AsyncEngine:
    options: dict[str, object] = {
        "pool_size": settings.database_pool_size,
        "max_overflow": settings.database_max_overflow,
        # The connection returned last goes out first: its prepared statements and plans are
        # warm. Taken in turn, light traffic went through every pooled connection, each one
        # preparing each statement for itself (a common-surname search: ~20 ms instead of ~10
        # on its first run on each of ten connections); and connections left over from a burst
        # lie idle.
        "pool_use_lifo": True,
        "connect_args": {"server_settings": {"application_name": "simdesk"}},
    }
    options.update(overrides)
    engine = create_async_engine(settings.database_url, **options)
    event.listen(engine.sync_engine, "checkout", _refuse_closed)
    return engine


def _refuse_closed(_: object, entry: ConnectionPoolEntry, __: object) -> None:
    """A pooled connection the server has closed (a restart, a failover, a terminated backend)
    is replaced before use, as with `pool_pre_ping`, but checked locally: asyncpg sees the
    socket close while the connection idles, where a pre-ping costs three round trips on every
    checkout (BEGIN, the ping, ROLLBACK)."""
    if entry.driver_connection is None or entry.driver_connection.is_closed():
        raise DisconnectionError("the database closed this connection")


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # expire_on_commit=False: objects stay readable after commit when shaping the response.
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


@asynccontextmanager
async def unit_of_work(session: AsyncSession) -> AsyncIterator[AsyncSession]:
    """Commit when the block succeeds; roll back when it raises, unless the error is a domain
    refusal marked `persist` (its side records, e.g. an audited lockout, must survive)."""
    try:
        yield session
    except AppError as exc:
        await (session.commit() if exc.persist else session.rollback())
        raise
    except BaseException:
        await session.rollback()
        raise
    else:
        await session.commit()


@asynccontextmanager
async def session_scope(
    factory: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    """One unit of work: commit on success, roll back on any error."""
    async with factory() as session, unit_of_work(session):
        yield session
