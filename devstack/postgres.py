"""PostgreSQL: reuse the one at DATABASE_URL, or run pgserver's bundled PostgreSQL 16 there.

The embedded server listens on the URL's own host:port over TCP with trust auth, so the URL the app
uses never has to change. pgserver's build has no contrib modules (no pg_trgm, no citext...): only
plpgsql and pgvector are available as extensions.

As root, postgres runs as the system user `pgserver` (see devstack.unprivileged).
"""

from __future__ import annotations

import asyncio
import importlib.util
import signal
import subprocess
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit

import asyncpg

from devstack.process import (
    RunningService,
    ServiceError,
    file_lock,
    format_address,
    port_answers,
    run_logged,
    start_service,
)
from devstack.unprivileged import account_to_run_as, hand_over

SETTING = "DATABASE_URL"
BOOTSTRAP_USER = "postgres"  # initdb's superuser: always there to create the URL's role
T = TypeVar("T")


@dataclass(frozen=True)
class PgTarget:
    host: str
    port: int
    user: str
    password: str | None
    database: str

    @classmethod
    def parse(cls, url: str) -> PgTarget:
        """Read a SQLAlchemy URL such as postgresql+asyncpg://user:pw@host:5432/db."""
        parts = urlsplit(url)
        return cls(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            user=unquote(parts.username or BOOTSTRAP_USER),
            password=unquote(parts.password) if parts.password else None,
            database=unquote(parts.path.lstrip("/")) or BOOTSTRAP_USER,
        )

    @property
    def address(self) -> str:
        return format_address(self.host, self.port)


def ensure_postgres(database_url: str, data_dir: Path) -> RunningService:
    """Make DATABASE_URL usable: reuse or start a server there, then create its database."""
    target = PgTarget.parse(database_url)
    public_url = f"postgresql://{target.user}@{target.address}/{target.database}"
    # Two processes starting together on a fresh machine must not both run initdb.
    with file_lock(data_dir / "postgres.lock"):
        if port_answers(target.host, target.port):
            service = RunningService("postgres", public_url)
        else:
            service = _start_embedded(target, public_url, data_dir)
    try:
        if service.started:
            _run(_ensure_role(target))
        _run(_create_database(target, target.database))
    except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
        service.stop()
        action = "could not prepare the database on" if service.started else "could not use"
        raise ServiceError(
            "postgres", target.address, SETTING, _reason(exc), service.log_path, action=action
        ) from exc
    return service


async def create_database(database_url: str, name: str, *, template: str | None = None) -> None:
    """CREATE DATABASE name (optionally as a copy of `template`) unless it exists.

    Async because the test suite calls it from both `asyncio.run` and running loops; a template
    must have no other connections open while it is copied (PostgreSQL's rule).
    """
    await _create_database(PgTarget.parse(database_url), name, template)


async def drop_database(database_url: str, name: str) -> None:
    """DROP DATABASE name if it exists, closing its connections first (WITH FORCE)."""
    conn = await _connect(PgTarget.parse(database_url))
    try:
        await conn.execute(f"DROP DATABASE IF EXISTS {_ident(name)} WITH (FORCE)")
    finally:
        await conn.close()


def pg_bin_dir() -> Path:
    spec = importlib.util.find_spec("pgserver")
    if spec is None or not spec.submodule_search_locations:
        raise ServiceError("postgres", "", SETTING, "the pgserver package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"


def _start_embedded(target: PgTarget, public_url: str, data_dir: Path) -> RunningService:
    pgdata = (data_dir / "postgres").resolve()
    log_dir = data_dir.resolve() / "logs"
    bin_dir = pg_bin_dir()
    try:
        account = account_to_run_as()
        hand_over(pgdata, account, bin_dir)
    except OSError as exc:
        raise ServiceError("postgres", target.address, SETTING, str(exc)) from exc
    user = account.pw_name if account else None
    if not (pgdata / "PG_VERSION").exists():  # an existing cluster is reused as it is
        _initdb(bin_dir, pgdata, user, target, log_dir)
    argv: list[str | Path] = [
        bin_dir / "postgres",
        "-D",
        pgdata,
        "-h",
        target.host,
        "-p",
        str(target.port),
        # TCP only: a unix socket path under a deep data dir can exceed the 107-byte limit.
        "-k",
        "",
    ]
    pg_isready = [str(bin_dir / "pg_isready"), "-q", "-h", target.host, "-p", str(target.port)]
    pg_isready += ["-U", BOOTSTRAP_USER, "-d", "postgres"]
    return start_service(
        "postgres",
        public_url,
        argv,
        host=target.host,
        port=target.port,
        setting=SETTING,
        log_dir=log_dir,
        # the port opens before recovery ends; pg_isready waits for "accepting connections".
        probe=lambda: subprocess.run(pg_isready, check=False).returncode == 0,
        cwd=pgdata,
        user=user,
        stop_signal=signal.SIGINT,  # fast shutdown; SIGTERM would wait for clients to leave
    )


def _initdb(bin_dir: Path, pgdata: Path, user: str | None, target: PgTarget, log_dir: Path) -> None:
    argv: list[str | Path] = [
        bin_dir / "initdb",
        "-D",
        pgdata,
        "-U",
        BOOTSTRAP_USER,
        "--auth=trust",  # pg_hba: trust on loopback only, like a developer's local install
        "--encoding=UTF8",
        f"--locale={_locale()}",
        "--no-sync",  # disposable dev cluster: skip ~1 s of fsync
    ]
    log_path = log_dir / "postgres.log"
    code = run_logged(argv, log_path=log_path, cwd=pgdata, user=user)
    if code != 0:
        reason = f"initdb failed with code {code}"
        raise ServiceError("postgres", target.address, SETTING, reason, log_path)


def _locale() -> str:
    # Same collation as Debian's packaged server here (C.UTF-8), when the C library has it.
    import locale

    try:
        previous = locale.setlocale(locale.LC_CTYPE)
        locale.setlocale(locale.LC_CTYPE, "C.UTF-8")
        locale.setlocale(locale.LC_CTYPE, previous)
        return "C.UTF-8"
    except locale.Error:
        return "C"


async def _connect(target: PgTarget, user: str | None = None) -> asyncpg.Connection:
    return await asyncpg.connect(
        host=target.host,
        port=target.port,
        user=user or target.user,
        password=target.password,
        database="postgres",  # the maintenance database every cluster has
        timeout=10,
    )


async def _ensure_role(target: PgTarget) -> None:
    conn = await _connect(target, BOOTSTRAP_USER)
    try:
        if not await conn.fetchval("SELECT 1 FROM pg_roles WHERE rolname = $1", target.user):
            await conn.execute(f"CREATE ROLE {_ident(target.user)} LOGIN SUPERUSER")
    finally:
        await conn.close()


async def _create_database(target: PgTarget, name: str, template: str | None = None) -> None:
    conn = await _connect(target)
    try:
        if await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
            return
        sql = f"CREATE DATABASE {_ident(name)}"
        if template is not None:
            sql += f" TEMPLATE {_ident(template)}"
        # another process (a second test run) may create it between the check and here
        with suppress(asyncpg.DuplicateDatabaseError):
            await conn.execute(sql)
    finally:
        await conn.close()


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _reason(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _run(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion from sync code, even when called inside an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()
