"""`simdesk rebuild-rollups`: recompute the analytics rollups from every order and registration.

The services keep the rollups current and the hourly reconciliation fixes the last week; run
this once after upgrading a database that held orders before the rollups existed (or after a
bulk load that bypassed the services)."""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from cli.database import cli_settings, transaction
from services.analytics import reconcile


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "rebuild-rollups",
        help="recompute the dashboard's daily rollups from the raw rows",
        description="Adds the difference to each rollup row in one transaction: safe while the "
        "API and workers run.",
    )
    parser.add_argument("--database-url", help="database to rebuild (default: DATABASE_URL)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    settings = cli_settings(args.database_url)
    fixed = asyncio.run(_rebuild(settings.database_url))
    print(f"rollup rows fixed: {sum(fixed.values()):,} {fixed}")
    return 0


async def _rebuild(database_url: str) -> dict[str, int]:
    async with transaction(database_url) as connection:
        return await reconcile.rebuild(AsyncSession(bind=connection))
