"""How long `simdesk seed --orders N` takes on a fresh, migrated database.

    .venv/bin/python -m bench.seed --orders 1000000

Creates a scratch database on DATABASE_URL's server, migrates it, times the seed command as
a user runs it, prints the numbers and the command that reproduces them, drops the database.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
import uuid

from sqlalchemy.engine import make_url

from core.settings import PROJECT_ROOT, load_settings
from devstack.postgres import create_database, drop_database


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.seed", description=__doc__)
    parser.add_argument("--orders", type=int, default=1_000_000)
    args = parser.parse_args()
    server_url = load_settings().database_url
    name = f"simdesk_bench_{uuid.uuid4().hex[:8]}"
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    env = {**os.environ, "DATABASE_URL": url}
    asyncio.run(create_database(server_url, name))
    try:
        subprocess.run(
            [sys.executable, "-m", "alembic", "upgrade", "head"],
            cwd=PROJECT_ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        command = [sys.executable, "-m", "cli.main", "seed", "--orders", str(args.orders)]
        started = time.perf_counter()
        subprocess.run(command, cwd=PROJECT_ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        elapsed = time.perf_counter() - started
    finally:
        asyncio.run(drop_database(server_url, name))
    print(f"seed --orders {args.orders:,}: {elapsed:.1f} s ({args.orders / elapsed:,.0f} orders/s)")
    print(f"reproduce: .venv/bin/python -m bench.seed --orders {args.orders}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
