"""Run Temporal workers: `python -m worker [--queues orders,payments]`.

Several processes may serve the same queue; Temporal spreads the work between them.
SIGTERM or Ctrl-C stops polling, lets running activities finish, then exits."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys

from redis.asyncio import Redis
from temporalio.client import Client

from core.logging import configure_logging
from core.settings import ConfigurationError, Settings, load_settings
from integrations.payments import payment_gateway
from integrations.temporal import connect, register_search_attributes, runtime_with_metrics
from models.session import create_engine, create_sessionmaker
from services import generations, live
from services.messaging import dispatch
from services.messaging.notifier import OutboxNotifier
from worker.registry import QUEUES, WorkerDeps, build_workers
from worker.schedules import ensure_schedules
from workflows import queues, search
from workflows.deliveries import DeliveryStarter
from workflows.report_control import ReportSchedules

logger = logging.getLogger("simdesk.worker")
CONNECT_ATTEMPTS = 15


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m worker", description=__doc__)
    parser.add_argument(
        "--queues",
        default=",".join(QUEUES),
        help=f"comma-separated task queues to serve (default: all of {', '.join(QUEUES)})",
    )
    parser.add_argument(
        "--metrics-address",
        default="",
        help="host:port to serve the Temporal SDK's Prometheus metrics on (default: off)",
    )
    return parser.parse_args(argv)


async def _connect_with_retry(settings: Settings, metrics_address: str):  # type: ignore[no-untyped-def]
    runtime = runtime_with_metrics(metrics_address) if metrics_address else None
    for attempt in range(1, CONNECT_ATTEMPTS + 1):
        try:
            return await connect(settings, runtime=runtime)
        except Exception as exc:
            if attempt == CONNECT_ATTEMPTS:
                raise ConnectionError(
                    f"temporal: cannot reach {settings.temporal_address} (TEMPORAL_ADDRESS): {exc}"
                ) from None
            await asyncio.sleep(min(2.0, 0.2 * attempt))
    raise AssertionError("unreachable")


async def serve(settings: Settings, task_queues: list[str], metrics_address: str) -> None:
    client = await _connect_with_retry(settings, metrics_address)
    await register_search_attributes(client, search.ALL)
    if queues.ORDERS in task_queues:
        await ensure_schedules(client, settings)
    engine = create_engine(settings)
    sessionmaker = create_sessionmaker(engine)
    if queues.REPORTS in task_queues:
        # The report_schedules table is the truth: any Temporal Schedule a crash left out of
        # step with it is fixed before the first run.
        await ReportSchedules(client, settings).reconcile(sessionmaker)
    # Activities' committed changes reach the API's live sockets like requests' do.
    redis = Redis.from_url(settings.redis_url, socket_connect_timeout=2, socket_timeout=5)
    publisher = live.Publisher(redis, settings.live_channel)
    live.attach(sessionmaker, publisher)
    publisher.start()
    stop_invalidating = generations.advance_on_commit(redis)

    connected: Client = client

    async def temporal() -> Client:
        return connected

    # Messages and webhooks written by activities start their delivery once committed.
    deliveries = dispatch.install(sessionmaker, DeliveryStarter(temporal, settings))
    deps = WorkerDeps(settings, sessionmaker, payment_gateway(settings), OutboxNotifier(), client)
    workers = build_workers(client, deps, task_queues)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    runs = [asyncio.create_task(worker.run()) for worker in workers]
    logger.info("worker started", extra={"task_queues": task_queues})
    await asyncio.wait(
        [*runs, asyncio.create_task(stop.wait())], return_when=asyncio.FIRST_COMPLETED
    )
    logger.info("worker stopping")
    await asyncio.gather(*(worker.shutdown() for worker in workers))
    await deliveries.drain()
    await publisher.close()
    stop_invalidating()
    await redis.aclose()
    await engine.dispose()
    for run in runs:
        if run.done() and run.exception():
            raise run.exception()  # type: ignore[misc]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    task_queues = [q.strip() for q in args.queues.split(",") if q.strip()]
    try:
        settings = load_settings()
        unknown = sorted(set(task_queues) - set(QUEUES))
        if unknown:
            raise ConfigurationError(
                f"unknown task queue(s): {', '.join(unknown)}; known: {', '.join(QUEUES)}"
            )
        configure_logging(settings.log_level, settings.log_json)
        asyncio.run(serve(settings, task_queues, args.metrics_address))
    except (ConfigurationError, ConnectionError) as exc:
        print(f"worker: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
