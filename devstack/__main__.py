"""`python -m devstack run`: start the local stack (see devstack.run)."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m devstack",
        description="Local stand-ins for simdesk's services (reused when already running).",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="services, migrations, demo data, then the API and worker")
    parser.parse_args(argv)  # "run" is the only command
    from devstack.run import run

    return run()


if __name__ == "__main__":
    sys.exit(main())
