"""One way to reach Temporal, shared by the API and the worker: same address, namespace and
data converter (pydantic models travel as JSON on both sides)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

from temporalio.api.enums.v1 import IndexedValueType
from temporalio.api.operatorservice.v1 import (
    AddSearchAttributesRequest,
    ListSearchAttributesRequest,
)
from temporalio.client import Client
from temporalio.common import SearchAttributeKey
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


async def register_search_attributes(
    client: Client, keys: Iterable[SearchAttributeKey[Any]]
) -> None:
    """Add the custom search attributes the namespace lacks (the dev server forgets them with
    its database; a production namespace keeps them, and this is then a no-op)."""
    known = await client.operator_service.list_search_attributes(
        ListSearchAttributesRequest(namespace=client.namespace)
    )
    missing = {
        key.name: IndexedValueType.ValueType(key.indexed_value_type.value)
        for key in keys
        if key.name not in known.custom_attributes
    }
    if missing:
        await client.operator_service.add_search_attributes(
            AddSearchAttributesRequest(namespace=client.namespace, search_attributes=missing)
        )


def runtime_with_metrics(bind_address: str) -> Runtime:
    """A runtime whose SDK metrics (task latencies, slots, polls) are served for Prometheus."""
    return Runtime(telemetry=TelemetryConfig(metrics=PrometheusConfig(bind_address=bind_address)))


class LazyTemporalClient:
    """Connects on first use and again after a failure, so the API starts (and reports itself
    not ready) while Temporal is down instead of refusing to boot."""

    def __init__(
        self, settings: Settings, search_attributes: Iterable[SearchAttributeKey[Any]] = ()
    ) -> None:
        self._settings = settings
        self._search_attributes = tuple(search_attributes)
        self._client: Client | None = None
        self._lock = asyncio.Lock()

    async def get(self) -> Client:
        if self._client is None:
            async with self._lock:
                if self._client is None:
                    client = await connect(self._settings, connect_timeout=3.0)
                    # Workflows are started with these: they must exist first.
                    await register_search_attributes(client, self._search_attributes)
                    self._client = client
        return self._client
