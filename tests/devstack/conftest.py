"""Fixtures for the devstack tests: free ports and a scratch directory outside pytest's tmp.

pytest's tmp root is 0700 and tightened again at each session start; the embedded postgres runs
as another account when we are root and must traverse the path to its data directory.
"""

from __future__ import annotations

import shutil
import socket
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from devstack import process


@pytest.fixture(scope="session")
def scratch() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="simdesk-devstack-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def free_port() -> Callable[[], int]:
    """A TCP port nothing listens on right now (the kernel picks it)."""
    return process.free_port


@pytest.fixture
def refusing_server() -> Iterator[int]:
    """A port where something accepts connections and hangs up at once: not the service."""
    import threading

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    stop = threading.Event()

    def serve() -> None:
        sock.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except TimeoutError:
                continue
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield int(sock.getsockname()[1])
    stop.set()
    thread.join()
    sock.close()
