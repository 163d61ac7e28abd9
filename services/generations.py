"""Generation counters in Redis that committed changes move on, so every process (API or worker)
stops using what it cached before them: the dashboard's answers once a rollup changed
(services/cache.py), each account's principal once an account, role or permission changed
(services/auth/principal.py). Old entries are never deleted one by one: they stop matching."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.orm import Session
from sqlalchemy.util import await_only

from models.after_commit import on_commit
from services.analytics.rollups import CHANGED as ROLLUPS_CHANGED
from services.auth.principal import IDENTITY_CHANGED, IDENTITY_GENERATION_KEY
from services.cache import GENERATION_KEY as DASHBOARD_GENERATION_KEY

log = logging.getLogger(__name__)

# After-commit channel → the generation its commits move on.
GENERATIONS = {
    ROLLUPS_CHANGED: DASHBOARD_GENERATION_KEY,
    IDENTITY_CHANGED: IDENTITY_GENERATION_KEY,
}


def advance_on_commit(redis: Redis) -> Callable[[], None]:
    """Listen to every session's commits for the app's or worker's lifetime; returns the
    function that stops listening. Call it from the event loop the app runs on: the listeners
    are process-wide, and a commit on another loop (another app in the same process, as in
    the end-to-end tests) is that app's to report, with its own Redis client; `redis` must
    never be used from a loop it does not belong to."""
    loop = asyncio.get_running_loop()

    def listener(key: str) -> Callable[[Session, list[Any]], None]:
        def after_commit(session: Session, changes: list[Any]) -> None:
            if _running_loop() is not loop:
                return
            try:
                # Commit runs inside SQLAlchemy's greenlet: awaiting here finishes the bump
                # before the caller's commit returns, so its next read sees it.
                await_only(redis.incr(key))
            except RedisError:
                log.warning("could not move the generation on", extra={"key": key}, exc_info=True)

        return after_commit

    stops = [on_commit(channel, listener(key)) for channel, key in GENERATIONS.items()]

    def stop() -> None:
        for stop_one in stops:
            stop_one()

    return stop


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:  # a commit outside any loop (a synchronous script)
        return None
