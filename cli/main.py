"""`simdesk`: one subcommand per module, each exposing `register(subparsers)`.

Problems the user can fix (bad configuration, unreachable database) print one line on stderr
and exit with status 2; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from cli import reindex, rollups, seed
from cli.database import CommandError
from core.settings import ConfigurationError

COMMANDS = (seed, reindex, rollups)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="simdesk", description="simdesk back-office tools")
    subcommands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.register(subcommands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except (ConfigurationError, CommandError) as exc:
        print(f"simdesk {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
