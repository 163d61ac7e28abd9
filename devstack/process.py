"""Start, wait for and stop the local stand-in services, one way for all of them.

Every service is either *reused* (something already answers on its port, so we leave it alone) or
*started* by us as a child process whose output goes to `<data_dir>/logs/<name>.log`.
"""

from __future__ import annotations

import atexit
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

START_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0

# Safety net: an orphaned embedded postgres keeps writing to a data dir that the next run may
# re-create, so whatever this interpreter started is stopped when it exits, even on an error.
_STARTED: list[RunningService] = []


@atexit.register
def _stop_leftovers() -> None:
    for service in reversed(_STARTED):
        service.stop()


class ServiceError(RuntimeError):
    """A service could not be reached or started.

    The first line of the message names the service, the address, the setting to change and the
    log file; the lines after it are the end of that log, which usually says why.
    """

    def __init__(
        self,
        name: str,
        address: str,
        setting: str,
        reason: str,
        log_path: Path | None = None,
        *,
        action: str = "could not start on",
    ) -> None:
        self.name, self.setting, self.log_path = name, setting, log_path
        where = f"{action} {address}" if address else action.removesuffix(" on")
        headline = f"{name}: {where} ({setting}) — {reason}"
        if log_path is not None:
            headline += f"; see {display_path(log_path)}"
        tail = log_tail(log_path) if log_path is not None else ""
        super().__init__(headline + "".join(f"\n    | {line}" for line in tail.splitlines()))


def display_path(path: Path) -> str:
    """path relative to the current directory when it is below it (shorter in messages)."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def log_tail(path: Path, lines: int = 15) -> str:
    """The last lines of a log file, or "" when there is none yet."""
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return ""
    return "\n".join(text.rstrip().splitlines()[-lines:])


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` (created if missing) for the duration of the block."""
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file closes, or the process dies
        yield


def port_answers(host: str, port: int, timeout: float = 0.5) -> bool:
    """True when something accepts a TCP connection on host:port."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (the kernel picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def format_address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


@dataclass
class RunningService:
    """A service the app can use; `process` is None when an existing one was reused."""

    name: str
    url: str
    process: subprocess.Popen[bytes] | None = None
    log_path: Path | None = None
    # postgres treats SIGTERM as "wait for every client to disconnect"; it asks for SIGINT.
    stop_signal: int = signal.SIGTERM

    @property
    def started(self) -> bool:
        return self.process is not None

    def alive(self) -> bool:
        return self.process is None or self.process.poll() is None

    def stop(self, timeout: float = STOP_TIMEOUT) -> None:
        """Ask the process to exit, then kill its whole process group; no-op when reused."""
        proc = self.process
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(self.stop_signal)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            # The group takes helpers (e.g. postgres backends) down with the leader.
            with suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)


def spawn(
    name: str,
    url: str,
    argv: Sequence[str | os.PathLike[str]],
    *,
    log_dir: Path | None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    user: str | None = None,
    stop_signal: int = signal.SIGTERM,
) -> RunningService:
    """Start `argv` with its output appended to log_dir/<name>.log (None: to our terminal).

    Each child gets its own session so a Ctrl-C in the terminal reaches only `devstack run`,
    which then stops everything itself, in order.
    """
    log_path = log_dir / f"{name}.log" if log_dir is not None else None
    with _open_log(log_path, f"starting {name}") as log:
        proc = subprocess.Popen(
            [os.fspath(arg) for arg in argv],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT if log is not None else None,
            env=dict(env) if env is not None else None,
            cwd=cwd,
            start_new_session=True,
            **_run_as(user),
        )
    service = RunningService(name, url, proc, log_path, stop_signal)
    _STARTED.append(service)
    return service


def run_logged(
    argv: Sequence[str | os.PathLike[str]],
    *,
    log_path: Path,
    cwd: Path | None = None,
    user: str | None = None,
) -> int:
    """Run a one-off helper (e.g. initdb) to completion, output appended to log_path."""
    with _open_log(log_path, f"running {Path(argv[0]).name}") as log:
        argv = [os.fspath(arg) for arg in argv]
        return subprocess.run(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=cwd,
            check=False,
            **_run_as(user),
        ).returncode


@contextmanager
def _open_log(log_path: Path | None, banner: str) -> Iterator[BinaryIO | None]:
    if log_path is None:
        yield None
        return
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log:
        log.write(f"\n--- {time.strftime('%Y-%m-%d %H:%M:%S')} {banner}\n".encode())
        log.flush()
        yield log


def _run_as(user: str | None) -> dict[str, Any]:
    """subprocess arguments that drop root for `user`, with no supplementary groups."""
    if user is None:
        return {}
    import pwd

    return {"user": user, "group": pwd.getpwnam(user).pw_gid, "extra_groups": []}


def wait_until_ready(
    service: RunningService,
    host: str,
    port: int,
    setting: str,
    *,
    probe: Callable[[], bool] | None = None,
    timeout: float = START_TIMEOUT,
) -> RunningService:
    """Block until the service answers (port, then `probe`), or stop it and raise ServiceError."""
    address = format_address(host, port)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if service.process is not None and (code := service.process.poll()) is not None:
            raise ServiceError(
                service.name, address, setting, f"exited with code {code}", service.log_path
            )
        if port_answers(host, port, timeout=0.2) and (probe is None or probe()):
            return service
        time.sleep(0.1)
    service.stop()
    raise ServiceError(
        service.name, address, setting, f"did not answer within {timeout:.0f}s", service.log_path
    )


def start_service(
    name: str,
    url: str,
    argv: Sequence[str | os.PathLike[str]],
    *,
    host: str,
    port: int,
    setting: str,
    log_dir: Path,
    probe: Callable[[], bool] | None = None,
    timeout: float = START_TIMEOUT,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    user: str | None = None,
    stop_signal: int = signal.SIGTERM,
) -> RunningService:
    """spawn() + wait_until_ready(), turning "binary missing" into a ServiceError too."""
    address = format_address(host, port)
    if port_answers(host, port):
        raise ServiceError(name, address, setting, "the port is already taken by another program")
    try:
        service = spawn(
            name, url, argv, log_dir=log_dir, env=env, cwd=cwd, user=user, stop_signal=stop_signal
        )
    except OSError as exc:
        reason = f"cannot run {argv[0]}: {exc.strerror or exc}"
        raise ServiceError(name, address, setting, reason) from exc
    return wait_until_ready(service, host, port, setting, probe=probe, timeout=timeout)
