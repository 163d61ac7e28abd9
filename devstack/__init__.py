"""Local stand-ins for simdesk's external services, for `make run` and the tests.

Each `ensure_*`/`start_*` reuses a service that already answers on its address, or starts an
embedded one from the venv there; the returned RunningService's `stop()` only stops what it started.

Names are imported lazily: `python -m devstack.smtp` (a service process) must not pull in asyncpg,
redis and the rest, nor import itself twice.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from devstack.postgres import create_database, drop_database, ensure_postgres
    from devstack.process import RunningService, ServiceError, port_answers
    from devstack.redis import ensure_redis
    from devstack.smtp import read_messages, start_smtp_sink
    from devstack.stripe import start_localstripe
    from devstack.temporal import start_temporal, temporal_binary

_HOMES = {
    "create_database": "postgres",
    "drop_database": "postgres",
    "ensure_postgres": "postgres",
    "RunningService": "process",
    "ServiceError": "process",
    "port_answers": "process",
    "ensure_redis": "redis",
    "read_messages": "smtp",
    "start_smtp_sink": "smtp",
    "start_localstripe": "stripe",
    "start_temporal": "temporal",
    "temporal_binary": "temporal",
}
__all__ = [
    "RunningService",
    "ServiceError",
    "create_database",
    "drop_database",
    "ensure_postgres",
    "ensure_redis",
    "port_answers",
    "read_messages",
    "start_localstripe",
    "start_smtp_sink",
    "start_temporal",
    "temporal_binary",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'devstack' has no attribute {name!r}")
    return getattr(import_module(f"devstack.{_HOMES[name]}"), name)
