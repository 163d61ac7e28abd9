"""Garbage collection for a long-running server process.

CPython's cyclic collector walks every tracked object of the generations it collects. The API
keeps ~300,000 of them from start-up (modules, routes, schemas, mapped classes), all in the
oldest generation, so each full collection walked them all: 180-490 ms of CPU, a stall for
every request in flight, several times a minute under load. Frozen, they are never walked again.
Requests allocate thousands of short-lived objects each: at CPython's default threshold of 700
a young collection ran every second request (0.4 ms each); at 10,000 one runs every few
hundred, and most of what it finds is already gone. Measured with `bench.api` (README)."""

from __future__ import annotations

import gc

YOUNG_GENERATION_THRESHOLD = 10_000


def settle() -> None:
    """Call once the process holds what it keeps for its whole life, before it serves."""
    gc.collect()
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD, middle, oldest)
