"""Live-update fixtures: two real API processes (uvicorn) on one database and one Redis, and
WebSocket clients (the `websockets` package) that talk to them.

The processes share a migrated database of this module's own (they commit for real) and the
run's Redis, on a live channel of their own; heartbeats and the auth deadline are short so the
timeout paths are tested in about a second."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import websockets
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from websockets.asyncio.client import ClientConnection

from core.settings import PROJECT_ROOT, Settings
from models.session import create_engine, create_sessionmaker
from tests.conftest import BASE_DATABASE_URL, TEMPLATE_DATABASE, TEST_DATABASE
from tests.factories import PASSWORD

HEARTBEAT_SECONDS = 1.0
AUTH_TIMEOUT_SECONDS = 1.0
EVENT_TIMEOUT_SECONDS = 15.0


@dataclass(frozen=True)
class ApiProcess:
    url: str

    @property
    def ws_url(self) -> str:
        return self.url.replace("http://", "ws://") + "/api/ws/"


@dataclass(frozen=True)
class LiveStack:
    a: ApiProcess
    b: ApiProcess
    settings: Settings
    sessionmaker: async_sessionmaker[AsyncSession]


@pytest.fixture(scope="module")
def live_database_url(database_url: str) -> Iterator[str]:
    from devstack.postgres import create_database, drop_database

    name = f"{TEST_DATABASE}_live_{uuid.uuid4().hex[:6]}"
    asyncio.run(create_database(BASE_DATABASE_URL, name, template=TEMPLATE_DATABASE))
    yield make_url(database_url).set(database=name).render_as_string(hide_password=False)
    asyncio.run(drop_database(BASE_DATABASE_URL, name))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _start_api(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], ApiProcess]:
    port = _free_port()
    command = [sys.executable, "-m", "uvicorn", "api.main:create_app", "--factory"]
    process = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    return process, ApiProcess(f"http://127.0.0.1:{port}")


def _wait_until_serving(process: subprocess.Popen[bytes], api: ApiProcess) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            _, stderr = process.communicate()
            raise RuntimeError(f"the API process exited: {stderr.decode()[-2000:]}")
        with contextlib.suppress(httpx.TransportError):
            if httpx.get(f"{api.url}/api/health", timeout=2).status_code == 200:
                return
        time.sleep(0.1)
    raise RuntimeError("the API process did not start")


@pytest.fixture(scope="module")
async def live_stack(settings: Settings, live_database_url: str) -> AsyncIterator[LiveStack]:
    env = {
        **os.environ,
        "DATABASE_URL": live_database_url,
        "REDIS_URL": settings.redis_url,
        "TEMPORAL_ADDRESS": settings.temporal_address,
        "STRIPE_API_BASE": settings.stripe_api_base,
        "LIVE_CHANNEL": f"live-test-{uuid.uuid4().hex[:8]}",
        "LIVE_HEARTBEAT_SECONDS": str(HEARTBEAT_SECONDS),
        "LIVE_AUTH_TIMEOUT_SECONDS": str(AUTH_TIMEOUT_SECONDS),
        "RATE_LIMIT_ENABLED": "false",
        "LOG_JSON": "true",
    }
    started = [_start_api(env), _start_api(env)]
    engine = create_engine(settings.model_copy(update={"database_url": live_database_url}))
    try:
        for process, api in started:
            await asyncio.to_thread(_wait_until_serving, process, api)
        yield LiveStack(
            a=started[0][1],
            b=started[1][1],
            settings=settings.model_copy(
                update={"database_url": live_database_url, "live_channel": env["LIVE_CHANNEL"]}
            ),
            sessionmaker=create_sessionmaker(engine),
        )
    finally:
        await engine.dispose()
        for process, _ in started:
            process.terminate()
        for process, _ in started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
async def committed(live_stack: LiveStack) -> AsyncIterator[AsyncSession]:
    """A session on the processes' database; the factories commit through it."""
    async with live_stack.sessionmaker() as session:
        yield session


async def login(api: ApiProcess, email: str, password: str = PASSWORD) -> str:
    async with httpx.AsyncClient(base_url=api.url) as http:
        response = await http.post("/api/auth/login/", json={"login": email, "password": password})
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


async def call(api: ApiProcess, token: str, method: str, path: str, **kwargs: Any) -> Any:
    async with httpx.AsyncClient(base_url=api.url) as http:
        response = await http.request(
            method, path, headers={"Authorization": f"Bearer {token}"}, **kwargs
        )
    assert response.status_code < 300, response.text
    return response.json() if response.content else None


class LiveClient:
    """A socket that answers the server's pings by itself and queues everything else."""

    def __init__(self, connection: ClientConnection) -> None:
        self.connection = connection
        self.received: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._pump = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for raw in self.connection:
            message = json.loads(raw)
            if message["type"] == "ping":
                await self.connection.send(json.dumps({"type": "pong"}))
            else:
                await self.received.put(message)

    async def send(self, **message: Any) -> None:
        await self.connection.send(json.dumps(message))

    async def next(self) -> dict[str, Any]:
        return await asyncio.wait_for(self.received.get(), EVENT_TIMEOUT_SECONDS)

    async def expect(self, kind: str, **data: Any) -> dict[str, Any]:
        """The next message, which must be `kind` with (at least) these data fields."""
        message = await self.next()
        assert message["type"] == kind, message
        assert {key: message["data"].get(key) for key in data} == data, message
        return message

    async def closed(self) -> tuple[int | None, str | None]:
        """Wait for the server to close the socket; its close code and reason."""
        with contextlib.suppress(websockets.ConnectionClosed):
            await asyncio.wait_for(asyncio.shield(self._pump), EVENT_TIMEOUT_SECONDS)
        return self.connection.close_code, self.connection.close_reason

    async def close(self) -> None:
        await self.connection.close()
        self._pump.cancel()
        with contextlib.suppress(asyncio.CancelledError, websockets.ConnectionClosed):
            await self._pump


@contextlib.asynccontextmanager
async def live_client(api: ApiProcess, token: str) -> AsyncIterator[LiveClient]:
    """An authenticated socket, past its `ready` and initial unread count."""
    async with websockets.connect(api.ws_url) as connection:
        client = LiveClient(connection)
        await client.send(type="auth", token=token)
        await client.expect("ready")
        await client.expect("notifications.unread")
        try:
            yield client
        finally:
            await client.close()
