"""p95 of a two-word, typo'd search (users and orders) on the PostgreSQL engine.

    .venv/bin/python -m bench.search --orders 1000000

Uses the seeded `simdesk_bench_<orders>` database (bench/database.py; seeded on first use,
orders/5 app users), takes real customer names, misspells both words (one letter dropped)
and times `services.search.search` as GET /api/search/?types=users,orders runs it.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time

from sqlalchemy import text

from bench.database import seeded_database
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


async def run(url: str, queries: int, seed: int) -> list[float]:
    settings = load_settings().model_copy(update={"database_url": url})
    engine = create_engine(settings)
    rng = random.Random(seed)
    timings: list[float] = []
    async with create_sessionmaker(engine)() as db:
        names = list(
            await db.scalars(
                text(
                    "SELECT full_name FROM public_users TABLESAMPLE SYSTEM (5)"
                    " WHERE full_name LIKE '% %' LIMIT :n"
                ),
                {"n": queries},
            )
        )
        types = [TYPES["users"], TYPES["orders"]]
        searcher = search.PostgresEngine()  # one per app, like the API's
        for name in names:
            first, last = name.split()[:2]
            query = parse(f"{misspell(first, rng)} {misspell(last, rng)}")
            started = time.perf_counter()
            await search.search(db, searcher, STAFF, query, types, 5)
            timings.append((time.perf_counter() - started) * 1000)
            await db.rollback()
    await engine.dispose()
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.search", description=__doc__)
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--fresh", action="store_true", help="reseed the benchmark database")
    args = parser.parse_args()
    url = seeded_database(load_settings().database_url, args.orders, fresh=args.fresh)
    timings = asyncio.run(run(url, args.queries, seed=42))
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"search 'first last' (both typo'd), types=users,orders, {args.orders:,} orders,"
        f" {args.orders // 5:,} users, {len(timings)} queries:"
        f" p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms"
    )
    print(f"reproduce: .venv/bin/python -m bench.search --orders {args.orders}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
