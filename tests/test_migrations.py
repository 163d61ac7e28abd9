"""The Alembic history and the SQLAlchemy models describe the same schema, both ways."""

from __future__ import annotations

import asyncio
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import Connection, text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

import models
from core.settings import PROJECT_ROOT


async def test_models_and_migrations_agree(engine: AsyncEngine) -> None:
    def diff(connection: Connection) -> list[Any]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, models.Base.metadata)

    async with engine.connect() as connection:
        assert await connection.run_sync(diff) == []


def _alembic(url: str, *args: str) -> None:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.attributes["configure_logger"] = False

    def migrate(sync_connection: Connection) -> None:
        config.attributes["connection"] = sync_connection
        getattr(command, args[0])(config, *args[1:])

    async def run() -> None:
        engine = create_async_engine(url)
        async with engine.begin() as connection:
            await connection.run_sync(migrate)
        await engine.dispose()

    asyncio.run(run())


def _objects(url: str) -> list[str]:
    async def run() -> list[str]:
        engine = create_async_engine(url)
        async with engine.connect() as connection:
            rows = await connection.execute(
                text(
                    "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace"
                    " AND relname NOT LIKE 'alembic_version%' ORDER BY relname"
                )
            )
            names = list(rows.scalars())
        await engine.dispose()
        return names

    return asyncio.run(run())


def test_downgrade_to_base_and_back(scratch_database_url: str) -> None:
    tables_at_head = _objects(scratch_database_url)
    assert "sim_orders" in tables_at_head
    _alembic(scratch_database_url, "downgrade", "base")
    assert _objects(scratch_database_url) == []
    _alembic(scratch_database_url, "upgrade", "head")
    assert _objects(scratch_database_url) == tables_at_head
