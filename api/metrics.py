"""Prometheus metrics: request latency per route, errors, and database pool use."""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import QueuePool


class ApiMetrics:
    """One registry per app, so several apps in one process (tests) don't collide."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.request_duration = Histogram(
            "simdesk_http_request_duration_seconds",
            "Time to answer a request, by route template",
            ["method", "route", "status"],
            registry=self.registry,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
        )
        self.errors = Counter(
            "simdesk_http_errors_total",
            "Responses with a 4xx or 5xx status, by route template",
            ["method", "route", "status"],
            registry=self.registry,
        )

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        labels = (method, route, str(status))
        self.request_duration.labels(*labels).observe(seconds)
        if status >= 400:
            self.errors.labels(*labels).inc()

    def watch_pool(self, engine: AsyncEngine) -> None:
        self.registry.register(_PoolCollector(engine))


class _PoolCollector(Collector):
    def __init__(self, engine: AsyncEngine) -> None:
        self._pool = cast(QueuePool, engine.sync_engine.pool)

    def collect(self) -> Iterator[GaugeMetricFamily]:
        pool = self._pool
        for name, help_text, value in (
            ("simdesk_db_pool_size", "Configured pool size", pool.size()),
            ("simdesk_db_pool_checked_out", "Connections in use", pool.checkedout()),
            ("simdesk_db_pool_overflow", "Connections beyond the size", max(0, pool.overflow())),
        ):
            yield GaugeMetricFamily(name, help_text, value=value)
