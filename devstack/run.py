"""`python -m devstack run`, what `make run` calls: services, migrations, demo data, API, worker.

Services that already answer are reused; the others start from the venv's embedded stand-ins.
Ctrl-C or SIGTERM stops what was started here, newest first; if the API or the worker dies,
everything stops and the exit code is non-zero.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from types import FrameType

from devstack.postgres import ensure_postgres
from devstack.process import (
    RunningService,
    ServiceError,
    display_path,
    port_answers,
    spawn,
    wait_until_ready,
)
from devstack.redis import ensure_redis
from devstack.smtp import start_smtp_sink
from devstack.stripe import deliver_webhooks_to, start_localstripe
from devstack.temporal import start_temporal

APP_START_TIMEOUT = 60.0


class _Stop(Exception):
    """Raised from the SIGINT/SIGTERM handler to unwind into the clean-up."""


class StepFailed(Exception):
    """A one-off step (migrations, demo data) or the API/worker failed; the message says which."""


def run() -> int:
    from core.settings import PROJECT_ROOT, ConfigurationError, load_settings

    try:
        settings = load_settings()
    except ConfigurationError as exc:
        print(exc, file=sys.stderr)
        return 2
    data_dir = settings.data_dir.resolve()
    maildir = data_dir / "mail"
    started: list[RunningService] = []

    def service(label: str, start: Callable[[], RunningService]) -> RunningService:
        began = time.monotonic()
        try:
            svc = start()
        except OSError as exc:  # e.g. DATA_DIR not writable: still one line, no traceback
            raise StepFailed(f"{label}: {exc} (DATA_DIR={data_dir})") from exc
        if svc.started:
            started.append(svc)
        verb = "started" if svc.started else "reusing"
        print(f"{label:<12} {verb} {svc.url} ({time.monotonic() - began:.1f}s)", flush=True)
        return svc

    def task(label: str, argv: list[str]) -> None:
        began = time.monotonic()
        code = subprocess.run(argv, cwd=PROJECT_ROOT, check=False).returncode
        if code != 0:
            command = " ".join(["python", *argv[1:]])
            raise StepFailed(f"{label}: `{command}` exited with code {code} (see its output above)")
        print(f"{label:<12} done ({time.monotonic() - began:.1f}s)", flush=True)

    # Installed explicitly: a shell starts background jobs with SIGINT ignored.
    previous = {sig: signal.signal(sig, _raise_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    code = 0
    try:
        service("postgres", lambda: ensure_postgres(settings.database_url, data_dir))
        service("redis", lambda: ensure_redis(settings.redis_url, data_dir))
        service(
            "temporal",
            lambda: start_temporal(
                settings.temporal_address, settings.temporal_ui_url, data_dir / "temporal.db"
            ),
        )
        service(
            "localstripe", lambda: start_localstripe(settings.stripe_api_base, data_dir=data_dir)
        )
        smtp = service(
            "smtp", lambda: start_smtp_sink(settings.smtp_host, settings.smtp_port, maildir)
        )
        python = sys.executable
        task("migrations", [python, "-m", "alembic", "upgrade", "head"])
        task("demo data", [python, "-m", "cli.main", "seed", "--demo"])

        api_url = _browser_url(settings.host, settings.port, settings.public_url)
        api_host = _probe_host(settings.host)
        if port_answers(api_host, settings.port):
            raise ServiceError("api", f"{api_host}:{settings.port}", "PORT", "the port is taken")
        apps: list[RunningService] = []
        for name, argv in (("api", [python, "-m", "api"]), ("worker", [python, "-m", "worker"])):
            apps.append(spawn(name, api_url, argv, log_dir=None, cwd=PROJECT_ROOT))
            started.append(apps[-1])
        wait_until_ready(apps[0], api_host, settings.port, "PORT", timeout=APP_START_TIMEOUT)
        print(f"{'api':<12} started {api_url}", flush=True)
        deliver_webhooks_to(
            settings.stripe_api_base,
            f"{api_url}/api/webhooks/stripe/",
            settings.stripe_webhook_secret.get_secret_value(),
        )
        mail = (
            display_path(maildir) if smtp.started else f"(not ours: {smtp.url} was already running)"
        )
        _print_box(
            [
                ("API", api_url),
                ("API docs", f"{api_url}/api/docs"),
                ("Admin panel", f"{api_url}/"),
                ("Temporal UI", settings.temporal_ui_url),
                ("localstripe", settings.stripe_api_base),
                ("Mail folder", mail),
                ("Demo admin", settings.demo_admin_email),
                ("Password", settings.demo_admin_password.get_secret_value()),
            ]
        )
        code = _watch(apps)
    except (ServiceError, StepFailed) as exc:
        print(exc, file=sys.stderr)
        code = 1
    except (KeyboardInterrupt, _Stop):
        print("\nstopping…", flush=True)
    finally:
        # A second Ctrl-C must not cut the clean-up short; each stop() is bounded anyway.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        for svc in reversed(started):
            svc.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return code


def _watch(apps: list[RunningService]) -> int:
    """Sleep until the API or the worker exits; then report it and return a non-zero code."""
    while True:
        for app in apps:
            code = app.process.poll() if app.process is not None else None
            if code is not None:
                print(f"{app.name} exited with code {code}; stopping everything", file=sys.stderr)
                return code if code > 0 else 1
        time.sleep(0.5)


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    raise _Stop


def _probe_host(host: str) -> str:
    # An API bound to every interface still answers on loopback.
    return {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)  # noqa: S104


def _browser_url(host: str, port: int, public_url: str) -> str:
    if public_url:
        return public_url.rstrip("/")
    host = _probe_host(host)
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def _print_box(rows: list[tuple[str, str]]) -> None:
    lines = ["simdesk is running — Ctrl-C stops everything", ""]
    lines += [f"{label:<12} {value}" for label, value in rows]
    width = max(len(line) for line in lines)
    print("┌" + "─" * (width + 2) + "┐")
    for line in lines:
        print(f"│ {line:<{width}} │")
    print("└" + "─" * (width + 2) + "┘", flush=True)
