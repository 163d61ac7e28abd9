"""Embedded PostgreSQL on a free port (the "fresh machine" path) and reuse of a running one."""

from __future__ import annotations

import asyncio
import socket
import uuid
from collections.abc import Callable
from pathlib import Path

import asyncpg
import pytest

from devstack.postgres import create_database, drop_database, ensure_postgres
from devstack.process import port_answers

pytestmark = pytest.mark.devstack


async def _fetch(port: int, user: str, database: str, sql: str) -> object:
    conn = await asyncpg.connect(host="127.0.0.1", port=port, user=user, database=database)
    try:
        return await conn.fetchval(sql)
    finally:
        await conn.close()


def test_embedded_postgres_starts_on_the_urls_port_and_creates_role_and_database(
    scratch: Path, free_port: Callable[[], int]
) -> None:
    port = free_port()
    url = f"postgresql+asyncpg://simdesk_dev@127.0.0.1:{port}/simdesk_app"
    data_dir = scratch / "pg-fresh"

    server = ensure_postgres(url, data_dir)
    try:
        assert server.started
        assert (data_dir / "postgres" / "PG_VERSION").read_text().strip() == "16"
        # the URL's role did not exist in the new cluster: it was created as a superuser
        assert asyncio.run(_fetch(port, "simdesk_dev", "simdesk_app", "SELECT 1")) == 1
        asyncio.run(_fetch(port, "simdesk_dev", "simdesk_app", "CREATE TABLE kept (id int)"))

        asyncio.run(create_database(url, "copy_a"))
        asyncio.run(create_database(url, "copy_b", template="simdesk_app"))
        asyncio.run(create_database(url, "copy_b"))  # already there: no error
        assert asyncio.run(_fetch(port, "simdesk_dev", "copy_b", "SELECT count(*) FROM kept")) == 0
        asyncio.run(drop_database(url, "copy_a"))
        asyncio.run(drop_database(url, "copy_a"))  # already gone: no error
        names = asyncio.run(
            _fetch(port, "postgres", "postgres", "SELECT string_agg(datname, ',') FROM pg_database")
        )
        assert "copy_b" in str(names) and "copy_a" not in str(names)
    finally:
        server.stop()

    assert not port_answers("127.0.0.1", port)
    with socket.socket() as sock:  # nothing listens any more: we can listen there ourselves
        # (SO_REUSEADDR only lets us past the TIME_WAIT entries of closed connections)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
        sock.listen()

    # Second start reuses the cluster initdb made (and its data) instead of starting over.
    again = ensure_postgres(url, data_dir)
    try:
        assert again.started
        count = asyncio.run(_fetch(port, "simdesk_dev", "simdesk_app", "SELECT count(*) FROM kept"))
        assert count == 0
    finally:
        again.stop()
    log = (data_dir / "logs" / "postgres.log").read_text()
    assert log.count("running initdb") == 1


def test_postgres_already_listening_is_reused_and_never_stopped(scratch: Path) -> None:
    if not port_answers("127.0.0.1", 5432):
        pytest.skip("no PostgreSQL on 127.0.0.1:5432 on this machine")
    name = f"devstack_probe_{uuid.uuid4().hex[:8]}"
    url = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"

    server = ensure_postgres(url, scratch / "pg-reuse")
    try:
        assert not server.started
        assert asyncio.run(_fetch(5432, "postgres", name, "SELECT 1")) == 1
        server.stop()  # no-op for a server we did not start
        assert port_answers("127.0.0.1", 5432)
        assert not (scratch / "pg-reuse" / "postgres").exists()
    finally:
        asyncio.run(drop_database(url, name))


def test_ensure_postgres_works_inside_a_running_event_loop(
    scratch: Path, free_port: Callable[[], int]
) -> None:
    # pytest-asyncio fixtures call it from a running loop: it must not call asyncio.run there.
    port = free_port()
    url = f"postgresql+asyncpg://postgres@127.0.0.1:{port}/inloop"

    async def main() -> bool:
        server = ensure_postgres(url, scratch / "pg-loop")
        try:
            return bool(await _fetch(port, "postgres", "inloop", "SELECT true"))
        finally:
            server.stop()

    assert asyncio.run(main())
