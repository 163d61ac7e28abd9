"""The API as its own process for the benchmarks, started as `python -m api` would be (rate
limits off: a benchmark is one client sending thousands of requests), and a client signed in
to it as the demo admin."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from core.settings import PROJECT_ROOT, load_settings
from devstack.process import free_port


@dataclass(frozen=True)
class ApiServer:
    pid: int
    base_url: str


@contextmanager
def running_api(database_url: str) -> Iterator[ApiServer]:
    """An API process on `database_url` and a free port, stopped when the block ends."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "PORT": str(port),
        "RATE_LIMIT_ENABLED": "false",
        "LOG_LEVEL": "WARNING",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "api"], cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL
    )
    try:
        yield ApiServer(process.pid, f"http://127.0.0.1:{port}")
    finally:
        process.terminate()
        process.wait()


async def sign_in_as_admin(api: httpx.AsyncClient) -> None:
    """Wait for the API to answer, then send `api`'s requests as the demo admin."""
    await _ready(api)
    tokens = await log_in_as_admin(api)
    api.headers["Authorization"] = f"Bearer {tokens['access_token']}"


async def log_in_as_admin(api: httpx.AsyncClient) -> dict[str, Any]:
    """A new session of the demo admin: the login's answer, with its access and refresh tokens."""
    settings = load_settings()
    login = await api.post(
        "/api/auth/login/",
        json={
            "login": settings.demo_admin_email,
            "password": settings.demo_admin_password.get_secret_value(),
        },
    )
    login.raise_for_status()
    tokens: dict[str, Any] = login.json()
    return tokens


async def _ready(api: httpx.AsyncClient) -> None:
    for _ in range(300):
        try:
            if (await api.get("/api/health")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.1)
    raise SystemExit("the API did not start")
