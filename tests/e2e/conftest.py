"""End-to-end fixtures: the real API serving the built panel, driven by headless Chromium.

Each test gets a migrated database of its own (`scratch_database_url`) holding a super admin,
and the production app served by uvicorn on a free port in a background thread. Chromium is
Debian's (/usr/bin/chromium), driven by the `playwright` package; nothing is downloaded.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pyotp
import pytest
import uvicorn
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, sync_playwright
from redis import Redis
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter

from core.crypto import FieldCipher
from core.passwords import hash_password
from core.settings import PROJECT_ROOT, Settings
from devstack.process import free_port
from integrations.payments import payment_gateway
from integrations.temporal import register_search_attributes
from models import Account
from models.identity import AccountKind, SystemRole
from models.session import create_engine, create_sessionmaker
from services.access import ensure_system_roles
from services.messaging.notifier import OutboxNotifier
from tests.factories import number_apart
from worker.registry import WorkerDeps, build_workers
from workflows import search

PANEL_DIST = PROJECT_ROOT / "admin-panel" / "dist"
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ADMIN_EMAIL = "ada.admin@example.org"
ADMIN_PASSWORD = "e2e correct horse battery"
TOTP_EMAIL = "grace.totp@example.org"
TOTP_SECRET = pyotp.random_base32()
WIDTHS = {"desktop": 1280, "mobile": 375}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: drives the built admin panel in headless Chromium")


@dataclass(frozen=True)
class LiveServer:
    url: str
    settings: Settings

    def api_login(self, email: str = ADMIN_EMAIL, password: str = ADMIN_PASSWORD) -> dict[str, Any]:
        response = httpx.post(
            f"{self.url}/api/auth/login/", json={"login": email, "password": password}
        )
        assert response.status_code == 200, response.text
        tokens: dict[str, Any] = response.json()
        return tokens

    def api(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        token = self.api_login()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        return httpx.request(method, f"{self.url}{path}", headers=headers, **kwargs)


@pytest.fixture(scope="session")
def panel_dist() -> Path:
    if not (PANEL_DIST / "index.html").is_file():
        pytest.skip("admin-panel/dist is not built: run `make panel` (or `npm run build`)")
    if not CHROMIUM.is_file():
        pytest.skip("/usr/bin/chromium is missing: `apt-get install -y chromium` (make test does)")
    return PANEL_DIST


async def _seed(settings: Settings) -> None:
    """A super admin, and a second super admin who has turned 2FA on; workflow-naming numbers
    apart from other tests' (the Temporal server is the whole run's)."""
    engine = create_engine(settings, pool_size=1, max_overflow=0)
    try:
        async with create_sessionmaker(engine)() as db:
            await number_apart(db)
            role_ids = await ensure_system_roles(db)
            common = {
                "kind": AccountKind.staff,
                "password_hash": hash_password(ADMIN_PASSWORD),
                "role_id": role_ids[SystemRole.super_admin],
            }
            db.add(
                Account(
                    email=ADMIN_EMAIL, username="ada", first_name="Ada", last_name="Admin", **common
                )
            )
            db.add(
                Account(
                    email=TOTP_EMAIL,
                    first_name="Grace",
                    last_name="Hopper",
                    totp_secret=FieldCipher(settings).encrypt(TOTP_SECRET),
                    two_factor_enabled=True,
                    **common,
                )
            )
            await db.commit()
    finally:
        await engine.dispose()


@pytest.fixture
def live_server(
    request: pytest.FixtureRequest, panel_dist: Path, settings: Settings, scratch_database_url: str
) -> Iterator[LiveServer]:
    from api.main import create_app

    port = free_port()
    marker = request.node.get_closest_marker("server_settings")
    server_settings = settings.model_copy(
        update={
            "database_url": scratch_database_url,
            "port": port,
            "activity_flush_seconds": 0.2,
            **(marker.kwargs if marker else {}),
        }
    )
    asyncio.run(_seed(server_settings))
    # Throttles and used TOTP steps live in Redis, keyed by account ids that every scratch
    # database reuses: each test starts with none.
    Redis.from_url(settings.redis_url).flushdb()
    config = uvicorn.Config(
        create_app(server_settings), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="e2e-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the API did not start")
        time.sleep(0.05)
    yield LiveServer(url=f"http://127.0.0.1:{port}", settings=server_settings)
    server.should_exit = True
    thread.join(timeout=15)


@pytest.fixture
def browser(live_server: LiveServer) -> Iterator[Browser]:
    # Per test, after the server: sync Playwright keeps an event loop running in this thread
    # while it is open, and the database fixtures need asyncio.run() before and after it.
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class ConsoleErrors(list[str]):
    """Console errors and uncaught exceptions a page produced."""

    def watch(self, page: Page) -> None:
        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                self.append(f"console: {message.text}")

        page.on("console", on_console)
        page.on("pageerror", lambda error: self.append(f"pageerror: {error}"))


@pytest.fixture
def console_errors() -> ConsoleErrors:
    return ConsoleErrors()


def _set_timeouts(ctx: BrowserContext) -> None:
    """10 s for a locator to appear; 30 s for a page to load, which on two busy cores (the
    API, Temporal, PostgreSQL and the browser share them) has taken more than 10."""
    ctx.set_default_timeout(10_000)
    ctx.set_default_navigation_timeout(30_000)


@pytest.fixture
def context(browser: Browser, live_server: LiveServer) -> Iterator[BrowserContext]:
    ctx = browser.new_context(
        base_url=live_server.url,
        viewport={"width": WIDTHS["desktop"], "height": 900},
        color_scheme="light",
    )
    _set_timeouts(ctx)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext, console_errors: ConsoleErrors) -> Page:
    page = context.new_page()
    console_errors.watch(page)
    return page


def log_in(
    page: Page, email: str = ADMIN_EMAIL, password: str = ADMIN_PASSWORD, *, wait: bool = True
) -> None:
    """Logs in through the form; `wait`: until the panel has left the login page."""
    page.goto("/login")
    page.get_by_label("Email or username").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Log in").click()
    if wait:
        page.wait_for_url(lambda url: "/login" not in url)


def signed_in_context(browser: Browser, server: LiveServer, **options: Any) -> BrowserContext:
    """A browser already signed in: a refresh token from an API login, as "remember me" keeps
    it, which the panel trades for an access token when it starts. Set only when absent, since
    the panel rotates it on every start."""
    refresh = server.api_login()["refresh_token"]
    ctx = browser.new_context(base_url=server.url, **options)
    _set_timeouts(ctx)
    ctx.add_init_script(
        "if (!localStorage.getItem('simdesk.refresh'))"
        f" localStorage.setItem('simdesk.refresh', {json.dumps(refresh)});"
    )
    return ctx


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


# Task queues of the test's own on the run's Temporal server, for tests that run a worker.
PRIVATE_QUEUES = pytest.mark.server_settings(
    temporal_task_queue_prefix=f"e2e-{uuid.uuid4().hex[:8]}-"
)


@contextmanager
def running_worker(settings: Settings, queue: str) -> Iterator[None]:
    """A worker for `queue`, as `python -m worker` runs it, on an event loop of its own (the
    test's thread runs Playwright). Use with PRIVATE_QUEUES, so no other run takes its work."""
    loop = asyncio.new_event_loop()
    started = threading.Event()
    stop = asyncio.Event()
    failure: list[BaseException] = []

    async def serve() -> None:
        client = await Client.connect(
            settings.temporal_address,
            namespace=settings.temporal_namespace,
            data_converter=pydantic_data_converter,
        )
        await register_search_attributes(client, search.ALL)
        engine = create_engine(settings, pool_size=2)
        deps = WorkerDeps(
            settings,
            create_sessionmaker(engine),
            payment_gateway(settings),
            OutboxNotifier(),
            client,
        )
        workers = build_workers(client, deps, [queue])
        running = [asyncio.create_task(worker.run()) for worker in workers]
        started.set()
        await stop.wait()
        await asyncio.gather(*(worker.shutdown() for worker in workers))
        await asyncio.gather(*running, return_exceptions=True)
        await engine.dispose()

    def run() -> None:
        try:
            loop.run_until_complete(serve())
        except BaseException as error:  # reported to the test below
            failure.append(error)
            started.set()

    thread = threading.Thread(target=run, name="e2e-worker", daemon=True)
    thread.start()
    assert started.wait(30), "the worker did not start"
    assert failure == [], failure
    try:
        yield
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(timeout=30)
