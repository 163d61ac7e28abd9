"""Failures are reported as one line naming the service and the setting, not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from core.settings import PROJECT_ROOT
from devstack.postgres import ensure_postgres
from devstack.process import ServiceError, port_answers, start_service
from devstack.redis import ensure_redis, redis_server_binary
from devstack.temporal import temporal_binary

pytestmark = pytest.mark.devstack


def test_a_service_that_exits_at_once_names_itself_the_setting_and_its_log(
    scratch: Path, free_port: Callable[[], int]
) -> None:
    port = free_port()
    with pytest.raises(ServiceError) as caught:
        start_service(
            "redis",
            f"redis://127.0.0.1:{port}",
            [redis_server_binary(), "--port", str(port), "--no-such-option", "1"],
            host="127.0.0.1",
            port=port,
            setting="REDIS_URL",
            log_dir=scratch / "logs-bad",
        )
    headline, *tail = str(caught.value).splitlines()
    assert headline.startswith(f"redis: could not start on 127.0.0.1:{port} (REDIS_URL)")
    assert "exited with code 1" in headline and "redis.log" in headline
    assert any("no-such-option" in line for line in tail)  # the log's own explanation


def test_a_missing_binary_is_a_service_error(scratch: Path, free_port: Callable[[], int]) -> None:
    port = free_port()
    with pytest.raises(ServiceError, match=r"^ghost: could not start .*\(GHOST_URL\) — cannot run"):
        start_service(
            "ghost",
            "ghost://",
            [scratch / "no-such-binary"],
            host="127.0.0.1",
            port=port,
            setting="GHOST_URL",
            log_dir=scratch / "logs-ghost",
        )


def test_a_port_held_by_something_else_is_refused(scratch: Path, refusing_server: int) -> None:
    with pytest.raises(ServiceError, match=r"^redis: could not use .*\(REDIS_URL\)"):
        ensure_redis(f"redis://127.0.0.1:{refusing_server}/0", scratch / "redis-other")


def _devstack_run(env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    return subprocess.run(
        [sys.executable, "-m", "devstack", "run"],
        cwd=PROJECT_ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_run_with_a_bad_setting_exits_2_with_one_line(scratch: Path) -> None:
    result = _devstack_run({"PORT": "not-a-port", "DATA_DIR": str(scratch / "run-bad")})
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "PORT" in result.stderr and "Traceback" not in result.stderr


def test_run_names_the_service_and_setting_it_cannot_use(
    scratch: Path, refusing_server: int
) -> None:
    result = _devstack_run(
        {
            "DATABASE_URL": f"postgresql+asyncpg://postgres@127.0.0.1:{refusing_server}/simdesk",
            "DATA_DIR": str(scratch / "run-unusable"),
        }
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"postgres: could not use 127.0.0.1:{refusing_server}")
    assert "(DATABASE_URL)" in result.stderr


def test_postgres_that_cannot_start_points_at_its_log(
    scratch: Path, free_port: Callable[[], int]
) -> None:
    port = free_port()
    data_dir = scratch / "pg-broken"
    (data_dir / "postgres").mkdir(parents=True)
    (data_dir / "postgres" / "PG_VERSION").write_text("15\n")  # looks initialised, is not
    with pytest.raises(ServiceError) as caught:
        ensure_postgres(f"postgresql+asyncpg://postgres@127.0.0.1:{port}/x", data_dir)
    headline, *tail = str(caught.value).splitlines()
    assert headline.startswith(f"postgres: could not start on 127.0.0.1:{port} (DATABASE_URL)")
    assert headline.endswith("logs/postgres.log")
    assert any("postgresql.conf" in line for line in tail)
    assert not port_answers("127.0.0.1", port)


def test_missing_temporal_binary_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(
        ServiceError, match=r"^temporal: .*\(TEMPORAL_ADDRESS\) — no temporal binary"
    ):
        temporal_binary()
