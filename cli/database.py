"""What every database-touching command needs: settings (with a --database-url override), one
connection in one transaction, and problems the user can fix turned into one-line errors."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InterfaceError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from core.settings import Settings, load_settings

CONNECT_TIMEOUT_SECONDS = 10


class CommandError(Exception):
    """A problem the user can fix; printed as one line, exit status 2."""


def cli_settings(database_url: str | None) -> Settings:
    # Through the environment, so the URL is validated and normalised like DATABASE_URL.
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    return load_settings()


def _engine(database_url: str, **options: Any) -> AsyncEngine:
    """An engine for one command's connection, named as the CLI's in pg_stat_activity."""
    return create_async_engine(
        database_url,
        poolclass=NullPool,
        connect_args={
            "timeout": CONNECT_TIMEOUT_SECONDS,
            "server_settings": {"application_name": "simdesk-cli"},
        },
        **options,
    )


@asynccontextmanager
async def transaction(database_url: str) -> AsyncIterator[AsyncConnection]:
    """One connection in one transaction: committed if the block succeeds, else rolled back."""
    where = make_url(database_url).render_as_string(hide_password=True)
    engine = _engine(database_url)
    try:
        try:
            connection = await engine.connect()
        except (OSError, TimeoutError, DBAPIError, InterfaceError) as exc:
            raise CommandError(f"cannot connect to the database {where}: {_reason(exc)}") from None
        try:
            async with connection.begin():
                schema = await connection.scalar(text("SELECT to_regclass('sim_orders')"))
                if schema is None:
                    raise CommandError(f"{where} has no simdesk schema; run `alembic upgrade head`")
                yield connection
        finally:
            await connection.close()
    finally:
        await engine.dispose()


async def vacuum(database_url: str, tables: Iterable[str]) -> None:
    """VACUUM ANALYZE `tables` (outside any transaction, as it must run), as autovacuum does
    some time after a bulk load: sets the visibility map that index-only scans rely on, and
    the statistics the planner needs."""
    engine = _engine(database_url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(f"VACUUM ANALYZE {', '.join(tables)}"))
    finally:
        await engine.dispose()


async def driver_connection(connection: AsyncConnection) -> Any:
    """The asyncpg connection under `connection`, in the same transaction (for COPY)."""
    raw = await connection.get_raw_connection()
    return raw.driver_connection


def _reason(exc: BaseException) -> str:
    cause = getattr(exc, "orig", None) or exc
    lines = str(cause).strip().splitlines() or [type(cause).__name__]
    return lines[0]
