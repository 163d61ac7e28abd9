"""The back-office API at a million orders, on one API process: p95 of the list requests staff
make, sent one at a time (with the share of CPU time the host took from this machine meanwhile);
requests/s with 16 connections; then the orders CSV export's memory.

    .venv/bin/python -m bench.api --orders 1000000

The seeded database is kept as `simdesk_bench_<orders>` on DATABASE_URL's server, so a rerun
skips the seed (`--fresh` reseeds). The API runs as `python -m api` would (rate limits off:
the benchmark is one client sending thousands of requests); it logs in as the demo admin.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from itertools import cycle, islice
from pathlib import Path
from urllib.parse import quote, urlsplit

import asyncpg
import httpx
from sqlalchemy.engine import make_url

from bench.database import seeded_database
from bench.server import ApiServer, running_api, sign_in_as_admin
from core.settings import load_settings


@dataclass(frozen=True)
class Scenario:
    label: str
    # Sent in turn: one path repeated, or many alike (each search text a statement of its own).
    paths: tuple[str, ...]
    # A page whose `next_cursor` the path continues from (keyset paging at depth).
    cursor_of: str | None = None

    async def resolved(self, api: httpx.AsyncClient) -> tuple[str, ...]:
        if self.cursor_of is None:
            return self.paths
        page = (await api.get(self.cursor_of)).raise_for_status().json()
        return tuple(f"{path}&cursor={quote(page['next_cursor'])}" for path in self.paths)


async def _scenarios(url: str) -> list[Scenario]:
    """The requests of the target, with values taken from the data itself."""
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    connection = await asyncpg.connect(dsn)
    try:
        surnames = "SELECT split_part(full_name, ' ', -1) FROM public_users GROUP BY 1"
        ranked = await connection.fetch(f"{surnames} ORDER BY count(*) DESC, 1 LIMIT 200")
        commonest = [name for (name,) in ranked]
        rare = await connection.fetchval(f"{surnames} ORDER BY count(*), 1 LIMIT 1")
        newest = await connection.fetchval("SELECT max(created_at) FROM sim_orders")
    finally:
        await connection.close()
    since = (newest - timedelta(days=91)).date().isoformat()
    return [
        Scenario("orders, page 1", ("/api/orders/",)),
        Scenario(
            "orders, status + 3 months",
            (f"/api/orders/?status=activated&created_from={since}T00:00:00Z",),
        ),
        Scenario(
            f"orders, search {commonest[0]!r}", (f"/api/orders/?search={quote(commonest[0])}",)
        ),
        # As staff search: a different customer each time, so no statement is run twice in a row.
        Scenario(
            f"orders, {len(commonest)} common surnames in turn",
            tuple(f"/api/orders/?search={quote(name)}" for name in commonest),
        ),
        # Rare and absent names: no page to find by walking the newest orders.
        Scenario(f"orders, search {rare!r}", (f"/api/orders/?search={quote(rare)}",)),
        Scenario("orders, search matching nothing", ("/api/orders/?search=Zyxwvut",)),
        Scenario("orders, status, page 500", ("/api/orders/?status=activated&page=500",)),
        Scenario(
            "orders, status, 500th page by cursor",
            ("/api/orders/?status=activated",),
            cursor_of="/api/orders/?status=activated&page=499",
        ),
        Scenario("resellers with revenue", ("/api/resellers/",)),
    ]


class _Wire:
    """GET requests over one kept-alive HTTP/1.1 connection, with next to no client work: the
    client shares the two cores with the API and PostgreSQL, and httpx spent ~3 ms of CPU on
    each request, up to a fifth of what it measured."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, head: str):
        self._reader, self._writer, self._head = reader, writer, head

    @classmethod
    async def open(cls, base_url: str, authorization: str) -> _Wire:
        address = urlsplit(base_url)
        reader, writer = await asyncio.open_connection(address.hostname, address.port)
        head = f"Host: {address.netloc}\r\nAuthorization: {authorization}\r\n\r\n"
        return cls(reader, writer, head)

    async def get(self, path: str) -> None:
        self._writer.write(f"GET {path} HTTP/1.1\r\n{self._head}".encode())
        head = await self._reader.readuntil(b"\r\n\r\n")
        length = _CONTENT_LENGTH.search(head)
        if not head.startswith(b"HTTP/1.1 200") or length is None:
            raise SystemExit(f"GET {path}: {head.decode(errors='replace')}")
        await self._reader.readexactly(int(length[1]))

    def close(self) -> None:
        self._writer.close()


_CONTENT_LENGTH = re.compile(rb"(?i)\r\ncontent-length: *(\d+)")


def _cpu_jiffies() -> tuple[int, int]:
    """(stolen, all) time of this machine's CPUs since boot, from /proc/stat's first line:
    user, nice, system, idle, iowait, irq, softirq, steal."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split()[1:9]]
    return fields[7], sum(fields)


def _stolen_share(before: tuple[int, int], after: tuple[int, int]) -> float:
    """The share of CPU time the hypervisor gave other machines between two readings: on a
    shared host, a burst of it shows as a tail that no code change made."""
    return (after[0] - before[0]) / max(1, after[1] - before[1])


async def _one_at_a_time(wire: _Wire, paths: tuple[str, ...], requests: int) -> list[float]:
    await wire.get(paths[-1])  # warm the connection pool (and the plan cache of a repeated path)
    latencies = []
    for path in islice(cycle(paths), requests):
        began = time.perf_counter()
        await wire.get(path)
        latencies.append((time.perf_counter() - began) * 1000)
    return latencies


async def _throughput(
    api: httpx.AsyncClient, paths: tuple[str, ...], connections: int, seconds: float
) -> float:
    wires = [await _wire(api) for _ in range(connections)]
    done = 0
    deadline = time.perf_counter() + seconds

    async def client(wire: _Wire, offset: int) -> None:
        nonlocal done
        for path in islice(cycle(paths), offset, None):
            if time.perf_counter() >= deadline:
                return
            await wire.get(path)
            done += 1

    started = time.perf_counter()
    await asyncio.gather(
        *(client(wire, n * len(paths) // connections) for n, wire in enumerate(wires))
    )
    elapsed = time.perf_counter() - started
    for wire in wires:
        wire.close()
    return done / elapsed


async def _wire(api: httpx.AsyncClient) -> _Wire:
    return await _Wire.open(str(api.base_url), api.headers["Authorization"])


def _peak_rss_mb(pid: int) -> float:
    """The process's high-water resident memory (VmHWM), in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


async def _export(api: httpx.AsyncClient, pid: int) -> str:
    before = _peak_rss_mb(pid)
    size = 0
    began = time.perf_counter()
    async with api.stream("GET", "/api/export/orders/?format=csv") as answer:
        answer.raise_for_status()
        async for chunk in answer.aiter_bytes():
            size += len(chunk)
    elapsed = time.perf_counter() - began
    return (
        f"CSV export of every order: {size / 1e6:,.0f} MB in {elapsed:.0f} s; API peak RSS "
        f"{_peak_rss_mb(pid):.0f} MB (was {before:.0f} MB before the export)"
    )


async def _measure(
    url: str, server: ApiServer, args: argparse.Namespace, say: Callable[[str], None]
) -> None:
    limits = httpx.Limits(max_connections=args.connections)
    async with httpx.AsyncClient(base_url=server.base_url, limits=limits, timeout=600) as api:
        await sign_in_as_admin(api)
        concurrent = f"req/s @{args.connections}"
        say(f"{'request':<38} {'p50':>7} {'p95':>7} {'p99':>7} {'steal':>6} {concurrent:>10}")
        for scenario in await _scenarios(url):
            paths = await scenario.resolved(api)
            wire = await _wire(api)
            before = _cpu_jiffies()
            latencies = await _one_at_a_time(wire, paths, args.requests)
            stolen = _stolen_share(before, _cpu_jiffies())
            wire.close()
            cuts = statistics.quantiles(latencies, n=100)
            rps = await _throughput(api, paths, args.connections, args.seconds)
            say(
                f"{scenario.label:<38} {statistics.median(latencies):>5.1f}ms {cuts[94]:>5.1f}ms "
                f"{cuts[98]:>5.1f}ms {stolen:>6.0%} {rps:>10.0f}"
            )
        if not args.skip_export:
            say(await _export(api, server.pid))


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.api", description=__doc__)
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200, help="sequential requests per case")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10, help="throughput run per case")
    parser.add_argument("--skip-export", action="store_true")
    parser.add_argument("--fresh", action="store_true", help="reseed the kept database")
    args = parser.parse_args()
    url = seeded_database(load_settings().database_url, args.orders, fresh=args.fresh)
    with running_api(url) as server:
        asyncio.run(_measure(url, server, args, lambda line: print(line, flush=True)))
    print(f"reproduce: .venv/bin/python -m bench.api --orders {args.orders}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
