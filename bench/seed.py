"""How long `simdesk seed --orders N` takes on a fresh, migrated database.

    .venv/bin/python -m bench.seed --orders 1000000

Creates a scratch database on DATABASE_URL's server, migrates it, times the seed command as
a user runs it, prints the numbers and the command that reproduces them, drops the database.
"""

from __future__ import annotations

import argparse
import sys
import time

from bench.database import scratch_database, simdesk
from core.settings import load_settings


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.seed", description=__doc__)
    parser.add_argument("--orders", type=int, default=1_000_000)
    args = parser.parse_args()
    with scratch_database(load_settings().database_url) as url:
        started = time.perf_counter()
        simdesk(url, "seed", "--orders", str(args.orders))
        elapsed = time.perf_counter() - started
    print(f"seed --orders {args.orders:,}: {elapsed:.1f} s ({args.orders / elapsed:,.0f} orders/s)")
    print(f"reproduce: .venv/bin/python -m bench.seed --orders {args.orders}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
