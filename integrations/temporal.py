"""One way to reach Temporal, shared by the API and the worker: same address, namespace and
data converter (pydantic models travel as JSON on both sides)."""

from __future__ import annotations

import asyncio

from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.runtime import PrometheusConfig, Runtime, TelemetryConfig

from core.settings import Settings


async def connect(
    settings: Settings, *, connect_timeout: float = 5.0, runtime: Runtime | None = None
) -> Client:
    return await asyncio.wait_for(
        Client.connect(
            settings.temporal_address,
            namespace=settings.temporal_namespace,
            data_converter=pydantic_data_converter,
            runtime=runtime,
        ),
        connect_timeout,
    )


def runtime_with_metrics(bind_address: str) -> Runtime:
    """A runtime whose SDK metrics (task latencies, slots, polls) are served for Prometheus."""
    return Runtime(telemetry=TelemetryConfig(metrics=PrometheusConfig(bind_address=bind_address)))


class LazyTemporalClient:
    """Connects on first use and again after a failure, so the API starts (and reports itself
    not ready) while Temporal is down instead of refusing to boot."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._client: Client | None = None
        self._lock = asyncio.Lock()

    async def get(self) -> Client:
        if self._client is None:
            async with self._lock:
                if self._client is None:
                    self._client = await connect(self._settings, connect_timeout=3.0)
        return self._client
