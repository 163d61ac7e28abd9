"""`simdesk reindex`: rebuild every Meilisearch index from the database (SearchReindex on the
search workers), following its progress until it is swapped in."""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any, TextIO

from temporalio.client import Client, WorkflowFailureError, WorkflowQueryFailedError
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.service import RPCError

from cli.database import CommandError
from core.settings import Settings, load_settings
from integrations.temporal import connect
from workflows import queues
from workflows.search_index import REINDEX_ID, ReindexProgress, ReindexResult, SearchReindex

POLL_SECONDS = 1.0


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "reindex",
        help="rebuild the Meilisearch indexes from the database",
        description="Builds fresh indexes beside the live ones and swaps them in: search keeps "
        "working meanwhile. A reindex already running is followed, not started twice.",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    return asyncio.run(_connected(settings))


async def _connected(settings: Settings) -> int:
    try:
        client = await connect(settings)
    except (OSError, TimeoutError, RuntimeError) as exc:
        raise CommandError(f"cannot reach Temporal at {settings.temporal_address}: {exc}") from None
    await reindex(client, settings, sys.stdout)
    return 0


async def reindex(client: Client, settings: Settings, out: TextIO) -> ReindexResult:
    """Start the reindex (or join the one running), print its progress, return its result."""
    prefix = settings.temporal_task_queue_prefix
    handle = await client.start_workflow(
        SearchReindex.run,
        id=f"{prefix}{REINDEX_ID}",
        task_queue=queues.qualified(prefix, queues.SEARCH),
        id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE,
        id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
    )
    outcome = asyncio.ensure_future(handle.result())
    shown = ""
    while not outcome.done():
        await asyncio.wait([outcome], timeout=POLL_SECONDS)
        if outcome.done():
            break
        try:
            progress: ReindexProgress = await handle.query(SearchReindex.progress)
        except (RPCError, WorkflowQueryFailedError):  # no worker has picked it up yet
            continue
        line = _describe(progress)
        if line and line != shown:
            print(line, file=out, flush=True)
            shown = line
    try:
        result: ReindexResult = outcome.result()
    except WorkflowFailureError as exc:
        raise CommandError(f"reindex failed: {exc.cause or exc}") from None
    if not result.configured:
        print("Meilisearch is not configured (MEILI_URL): nothing to reindex", file=out)
    for name, count in result.indexed.items():
        print(f"{name}: {count:,} documents", file=out)
    return result


def _describe(progress: ReindexProgress) -> str:
    if not progress.type:
        return ""
    return f"indexing {progress.type}: {progress.indexed:,} documents"
