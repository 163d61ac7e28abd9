"""Every dashboard endpoint's p95, uncached (the cache generation moved on before each request,
as a write would) and cached, on one API process; targets at a million orders: < 50 ms
uncached, < 5 ms cached.

    .venv/bin/python -m bench.dashboard --orders 1000000

Uses the seeded database kept by bench.api (`simdesk_bench_<orders>`, `--fresh` reseeds) and
rebuilds its rollups first if they are empty (a database seeded before rollups existed)."""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import Awaitable, Callable

import httpx
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from bench.database import seeded_database
from bench.server import ApiServer, running_api, sign_in_as_admin
from core.settings import load_settings
from services.analytics import reconcile
from services.cache import GENERATION_KEY

PATHS = (
    "/api/dashboard/metrics/",
    "/api/dashboard/sales-trends/",
    "/api/dashboard/sales-trends/?granularity=month&date_from=2025-01-01",
    "/api/dashboard/top-resellers/?date_from=2025-06-01",
    "/api/dashboard/revenue-distribution/?by=plan&date_from=2025-06-01",
    "/api/dashboard/registration-trends/?granularity=week&date_from=2025-01-01",
    "/api/dashboard/recent-activities/?page=4",
)


async def _ensure_rollups(url: str) -> None:
    engine = create_async_engine(url)
    async with AsyncSession(engine) as db:
        if not await db.scalar(text("SELECT EXISTS (SELECT FROM sales_daily)")):
            print("rebuilding analytics rollups...", flush=True)
            await reconcile.rebuild(db)
            await db.commit()
    await engine.dispose()


async def _p95(call: Callable[[], Awaitable[None]], requests: int) -> float:
    latencies = []
    for _ in range(requests):
        began = time.perf_counter()
        await call()
        latencies.append((time.perf_counter() - began) * 1000)
    return statistics.quantiles(latencies, n=100)[94]


async def _measure(server: ApiServer, requests: int) -> None:
    redis = Redis.from_url(load_settings().redis_url)
    async with httpx.AsyncClient(base_url=server.base_url, timeout=60) as api:
        await sign_in_as_admin(api)
        print(f"{'endpoint':<76} {'uncached':>9} {'cached':>8}", flush=True)
        for path in PATHS:

            async def get(path: str = path) -> None:
                (await api.get(path)).raise_for_status()

            async def uncached(get: Callable[[], Awaitable[None]] = get) -> None:
                await redis.incr(GENERATION_KEY)  # what a committed write does
                await get()

            await get()  # warm the plan cache and the connection pool
            cold = await _p95(uncached, requests)
            await get()
            warm = await _p95(get, requests)
            print(f"{path:<76} {cold:>7.1f}ms {warm:>6.1f}ms", flush=True)
    await redis.aclose()


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dashboard", description=__doc__)
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=100, help="requests per endpoint and mode")
    parser.add_argument("--fresh", action="store_true", help="reseed the kept database")
    args = parser.parse_args()
    url = seeded_database(load_settings().database_url, args.orders, fresh=args.fresh)
    asyncio.run(_ensure_rollups(url))
    with running_api(url) as server:
        asyncio.run(_measure(server, args.requests))
    print(f"p95 over {args.requests} requests each, at {args.orders:,} orders")
    print(f"reproduce: .venv/bin/python -m bench.dashboard --orders {args.orders}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
