"""`simdesk seed`: the demo admin and demo data (`--demo`), or a bulk dataset (`--orders N`)."""

from __future__ import annotations

import argparse
import asyncio
from time import perf_counter
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from cli.database import CommandError, cli_settings, driver_connection, transaction, vacuum
from core.crypto import FieldCipher
from core.passwords import hash_password
from core.settings import Settings
from services.access import ensure_system_roles
from services.analytics import reconcile


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "seed",
        help="create the demo admin and demo data, or bulk-generate a dataset",
        description="Everything runs in one transaction: a failed seed leaves no trace.",
    )
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument(
        "--demo",
        action="store_true",
        help="system roles, the demo super admin (DEMO_ADMIN_EMAIL/DEMO_ADMIN_PASSWORD) and, "
        "if there are no orders yet, a small dataset; safe to rerun",
    )
    what.add_argument(
        "--orders",
        type=_positive,
        metavar="N",
        help="add N orders and proportionate users, resellers, SIMs, payments and tickets",
    )
    parser.add_argument("--seed", type=int, default=42, help="random seed (default: 42)")
    parser.add_argument("--database-url", help="database to seed (default: DATABASE_URL)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    settings = cli_settings(args.database_url)
    if not settings.is_development:
        raise CommandError("refusing to seed fake data: ENVIRONMENT is production")
    asyncio.run(_seed(args, settings))
    return 0


async def _seed(args: argparse.Namespace, settings: Settings) -> None:
    # Imported here so other subcommands do not pay for Faker and the generators.
    from cli.seed.bulk import TABLES, Sizing, seed_orders
    from cli.seed.demo import DEMO_ORDERS, ensure_demo_admin

    began = perf_counter()
    async with transaction(settings.database_url) as connection:
        session = AsyncSession(bind=connection)
        role_ids = await ensure_system_roles(session)
        # Seeded logins share the demo password: one argon2 hash instead of one per account.
        password_hash = hash_password(settings.demo_admin_password.get_secret_value())
        if args.demo:
            created = await ensure_demo_admin(session, settings, role_ids, password_hash)
            state = "created" if created else "already present"
            _say(f"demo admin {settings.demo_admin_email.lower()}: {state}")
            if await connection.scalar(text("SELECT EXISTS (SELECT FROM sim_orders)")):
                _say("orders already exist: demo dataset not loaded")
                return
            sizing = Sizing(DEMO_ORDERS)
        else:
            sizing = Sizing(args.orders)
        _say(f"seeding {sizing.orders:,} orders (seed {args.seed})")
        counts = await seed_orders(
            await driver_connection(connection), sizing, args.seed, role_ids, password_hash,
            FieldCipher(settings).encrypt, _say,
        )  # fmt: skip
        # The dashboard reads rollups: bring them level with the rows just added.
        fixed = await reconcile.rebuild(session)
        _say(f"analytics rollups rebuilt: {sum(fixed.values()):,} rows")
    # What autovacuum would do soon: deep pages are found through index-only scans, and every
    # plan (the resellers' revenue from their rollups among them) needs the tables' statistics.
    await vacuum(settings.database_url, (*TABLES, *fixed))
    _say("tables vacuumed and analysed")
    _say("rows added:")
    for table, count in sorted(counts.items()):
        _say(f"  {table:<24} {count:>12,}")
    _say(f"done in {perf_counter() - began:.1f}s; seeded logins use DEMO_ADMIN_PASSWORD")


def _say(message: str) -> None:
    print(message, flush=True)


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number
