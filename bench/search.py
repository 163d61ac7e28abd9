"""p95 of a two-word, typo'd search (users and orders) on the PostgreSQL engine.

    .venv/bin/python -m bench.search --orders 1000000

Uses the seeded `simdesk_bench_<orders>` database (bench/database.py; seeded on first use,
orders/5 app users), takes real customer names, misspells both words (one letter dropped)
and times `services.search.search` as GET /api/search/?types=users,orders runs it; then the
same queries as whole requests to an API process (authentication, JSON and HTTP included).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time

import httpx
from sqlalchemy import text

from bench.database import seeded_database
from bench.server import ApiServer, running_api, sign_in_as_admin
from core.settings import load_settings
from models.identity import AccountKind
from models.session import create_engine, create_sessionmaker
from services import search
from services.access import PERMISSIONS
from services.auth.principal import Principal
from services.search.query import parse
from services.search.types import TYPES

STAFF = Principal(
    account_id=0, kind=AccountKind.staff, role="super_admin", permissions=frozenset(PERMISSIONS),
    session_id=None, reseller_id=None, public_user_id=None,
)  # fmt: skip


def misspell(word: str, rng: random.Random) -> str:
    """Drop one inner letter: the commonest typo, and one trigrams can still recognise."""
    if len(word) < 5:
        return word
    cut = rng.randrange(1, len(word) - 1)
    return word[:cut] + word[cut + 1 :]


async def typed_queries(url: str, queries: int, seed: int) -> list[str]:
    """Two-word customer names, each word with a letter dropped."""
    engine = create_engine(load_settings().model_copy(update={"database_url": url}))
    rng = random.Random(seed)
    async with create_sessionmaker(engine)() as db:
        names = await db.scalars(
            text(
                "SELECT full_name FROM public_users TABLESAMPLE SYSTEM (5)"
                " WHERE full_name LIKE '% %' LIMIT :n"
            ),
            {"n": queries},
        )
        typed = [" ".join(misspell(word, rng) for word in name.split()[:2]) for name in names]
    await engine.dispose()
    return typed


async def in_process(url: str, typed: list[str]) -> list[float]:
    engine = create_engine(load_settings().model_copy(update={"database_url": url}))
    timings: list[float] = []
    async with create_sessionmaker(engine)() as db:
        types = [TYPES["users"], TYPES["orders"]]
        searcher = search.PostgresEngine()  # one per app, like the API's
        for query in typed:
            started = time.perf_counter()
            await search.search(db, searcher, STAFF, parse(query), types, 5)
            timings.append((time.perf_counter() - started) * 1000)
            await db.rollback()
    await engine.dispose()
    return timings


async def over_http(server: ApiServer, typed: list[str]) -> list[float]:
    timings: list[float] = []
    async with httpx.AsyncClient(base_url=server.base_url, timeout=60) as api:
        await sign_in_as_admin(api)
        for query in typed:
            started = time.perf_counter()
            answer = await api.get("/api/search/", params={"q": query, "types": "users,orders"})
            timings.append((time.perf_counter() - started) * 1000)
            answer.raise_for_status()
    return timings


def _summary(timings: list[float]) -> str:
    timings = sorted(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    return f"p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.search", description=__doc__)
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--fresh", action="store_true", help="reseed the benchmark database")
    args = parser.parse_args()
    url = seeded_database(load_settings().database_url, args.orders, fresh=args.fresh)
    typed = asyncio.run(typed_queries(url, args.queries, seed=42))
    engine_only = asyncio.run(in_process(url, typed))
    with running_api(url) as server:
        whole = asyncio.run(over_http(server, typed))
    print(
        f"search 'first last' (both typo'd), types=users,orders, {args.orders:,} orders,"
        f" {args.orders // 5:,} users, {len(typed)} queries:\n"
        f"  services.search.search: {_summary(engine_only)}\n"
        f"  GET /api/search/ over HTTP: {_summary(whole)}"
    )
    print(f"reproduce: .venv/bin/python -m bench.search --orders {args.orders}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
