"""Benchmark databases on DATABASE_URL's server: migrated scratch copies, and seeded ones kept
between runs because seeding a million orders takes minutes."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import asyncpg
from sqlalchemy.engine import make_url

from core.settings import PROJECT_ROOT
from devstack.postgres import create_database, drop_database


def url_for(server_url: str, name: str) -> str:
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def migrate(url: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "alembic", "upgrade", "head"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DATABASE_URL": url},
        check=True,
        capture_output=True,
    )


def simdesk(url: str, *args: str) -> None:
    """Run the `simdesk` command against `url`, as a user would."""
    subprocess.run(
        [sys.executable, "-m", "cli.main", *args],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DATABASE_URL": url},
        check=True,
        stdout=subprocess.DEVNULL,
    )


@contextmanager
def scratch_database(server_url: str) -> Iterator[str]:
    """A new, migrated database, dropped afterwards; yields its URL."""
    name = f"simdesk_bench_{uuid.uuid4().hex[:8]}"
    asyncio.run(create_database(server_url, name))
    try:
        url = url_for(server_url, name)
        migrate(url)
        yield url
    finally:
        asyncio.run(drop_database(server_url, name))


async def _order_count(url: str) -> int | None:
    """How many orders the database holds, or None when it does not exist yet."""
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        connection = await asyncpg.connect(dsn)
    except asyncpg.InvalidCatalogNameError:
        return None
    try:
        return int(await connection.fetchval("SELECT count(*) FROM sim_orders"))
    except asyncpg.UndefinedTableError:
        return 0
    finally:
        await connection.close()


def seeded_database(server_url: str, orders: int, *, fresh: bool) -> str:
    """A database holding `orders` seeded orders and the demo admin, made once and kept as
    `simdesk_bench_<orders>` (migrated to head on every run); `fresh` reseeds it."""
    name = f"simdesk_bench_{orders}"
    url = url_for(server_url, name)
    if fresh:
        asyncio.run(drop_database(server_url, name))
    existing = asyncio.run(_order_count(url))
    if existing is None:
        asyncio.run(create_database(server_url, name))
    migrate(url)
    if existing != orders:
        if existing:
            raise SystemExit(f"{name} holds {existing} orders, not {orders}: rerun with --fresh")
        print(f"seeding {orders:,} orders into {name} (kept for later runs)...", flush=True)
        simdesk(url, "seed", "--orders", str(orders))
        simdesk(url, "seed", "--demo")
    return url
