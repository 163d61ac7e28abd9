"""`python -m worker` as a real process: serves its queues, stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid

from temporalio.testing import WorkflowEnvironment

from core.settings import PROJECT_ROOT, Settings
from workflows import queues
from workflows.health import HealthCheck


def _worker(settings: Settings, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "TEMPORAL_ADDRESS": settings.temporal_address, "LOG_JSON": "true"}
    return subprocess.Popen(
        [sys.executable, "-m", "worker", *args],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


async def test_worker_serves_then_stops_on_sigterm(
    temporal_env: WorkflowEnvironment, settings: Settings, database_url: str
) -> None:
    process = _worker(settings, "--queues", queues.SYSTEM)
    try:
        report = await temporal_env.client.execute_workflow(
            HealthCheck.run, id=f"health-{uuid.uuid4().hex}", task_queue=queues.SYSTEM
        )
        assert report.database.database == database_url.rsplit("/", 1)[1]
        process.send_signal(signal.SIGTERM)
        started = time.monotonic()
        _, stderr = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 0, stderr
    assert time.monotonic() - started < 25
    assert '"message": "worker stopping"' in stderr


def test_unknown_queue_is_refused_in_one_line(settings: Settings) -> None:
    process = _worker(settings, "--queues", "orders-typo")
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 2
    known = "orders, payments, reports, notifications, onboarding, search, system"
    assert stderr.strip() == f"worker: unknown task queue(s): orders-typo; known: {known}"
