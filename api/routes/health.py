"""Liveness and readiness. Readiness checks every dependency at once, each with its own
timeout, and names the ones that failed so an operator knows where to look."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Literal

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text

from api.deps import ResourcesDep
from api.errors import ErrorEnvelope, error_response
from api.resources import Resources
from api.security import PUBLIC

router = APIRouter(prefix="/api", tags=["health"])
CHECK_TIMEOUT_SECONDS = 2.0


class Health(BaseModel):
    status: Literal["ok"] = "ok"


class Check(BaseModel):
    ok: bool
    latency_ms: float
    error: str | None = None
    setting: str


class Readiness(BaseModel):
    status: Literal["ready"] = "ready"
    checks: dict[str, Check]


@router.get(
    "/health",
    response_model=Health,
    summary="Liveness: the process answers",
    openapi_extra=PUBLIC,
)
async def health() -> Health:
    return Health()


async def _postgres(resources: Resources) -> None:
    async with resources.engine.connect() as connection:
        await connection.execute(text("SELECT 1"))


async def _redis(resources: Resources) -> None:
    await resources.redis.ping()


async def _temporal(resources: Resources) -> None:
    client = await resources.temporal.get()
    await client.service_client.check_health()


CHECKS: dict[str, tuple[str, Callable[[Resources], Awaitable[None]]]] = {
    "postgres": ("DATABASE_URL", _postgres),
    "redis": ("REDIS_URL", _redis),
    "temporal": ("TEMPORAL_ADDRESS", _temporal),
}


async def _run_check(setting: str, probe: Awaitable[None]) -> Check:
    started = time.perf_counter()
    error: str | None = None
    try:
        await asyncio.wait_for(probe, CHECK_TIMEOUT_SECONDS)
    except TimeoutError:
        error = f"no answer within {CHECK_TIMEOUT_SECONDS:g}s"
    except Exception as exc:
        # First line only: drivers append multi-line hints that read as noise here.
        error = f"{type(exc).__name__}: {exc}".strip().splitlines()[0][:300]
    latency = round((time.perf_counter() - started) * 1000, 2)
    return Check(ok=error is None, latency_ms=latency, error=error, setting=setting)


@router.get(
    "/ready",
    response_model=Readiness,
    summary="Readiness: PostgreSQL, Redis and Temporal all answer",
    openapi_extra=PUBLIC,
    responses={503: {"model": ErrorEnvelope, "description": "A dependency is down"}},
)
async def ready(resources: ResourcesDep) -> Readiness | JSONResponse:
    results = await asyncio.gather(
        *(_run_check(setting, probe(resources)) for setting, probe in CHECKS.values())
    )
    checks = dict(zip(CHECKS, results, strict=True))
    failed = [name for name, check in checks.items() if not check.ok]
    if failed:
        return error_response(
            503,
            "not_ready",
            f"Not ready: {', '.join(failed)} unavailable.",
            {name: check.model_dump() for name, check in checks.items()},
        )
    return Readiness(checks=checks)
