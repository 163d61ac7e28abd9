"""How long the built admin panel takes to make /dashboard usable (its metric cards showing
figures and its four charts drawn), from navigation start, in headless Chromium on a local API;
target: under 1.5 s cold, with under 300 KB of gzipped JS for the first route.

    make panel  # the API serves admin-panel/dist: build it first, and after any panel change
    .venv/bin/python -m bench.panel_load --orders 1000000

Cold: a fresh browser context each run (empty HTTP cache, what a person opening the panel gets).
Warm: new tabs of one context that has loaded the dashboard once (hashed assets cached).
Each context is signed in as "remember me" leaves it (a refresh token from an API login in
localStorage), so the login form is not measured. Uses the seeded database kept by bench.api."""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

import httpx
from playwright.async_api import Browser, BrowserContext, async_playwright
from playwright.async_api import TimeoutError as PlaywrightTimeout

from api.panel import PANEL_DIST
from bench.database import seeded_database
from bench.server import ApiServer, log_in_as_admin, running_api, sign_in_as_admin
from core.settings import load_settings

CHROMIUM = "/usr/bin/chromium"  # Debian's: nothing is downloaded
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
CHARTS = ("sales-trends", "top-resellers", "revenue-distribution", "registration-trends")
# Polled every frame; answers the time since navigation start once the dashboard is usable.
USABLE = f"""() => {{
  const figures = document.querySelector('dl[aria-label="Key figures"] dd');
  const charts = {json.dumps(CHARTS)}
    .every((id) => document.querySelector(`#${{id}} svg.recharts-surface`));
  return figures && charts ? performance.now() : false;
}}"""
# What the page fetched so far; transferSize is 0 for what the HTTP cache answered.
FETCHED = """() => ['navigation', 'resource']
  .flatMap((type) => performance.getEntriesByType(type))
  .map((e) => ({
    url: e.name, sent: e.transferSize, gzipped: e.encodedBodySize, raw: e.decodedBodySize,
  }))"""
TIMEOUT_MS = 60_000


@dataclass(frozen=True)
class Load:
    ms: float
    transferred: int  # bytes over the network, headers included
    js_gzipped: int  # the JavaScript the dashboard ran, as sent
    js_raw: int


async def _signed_in(browser: Browser, api: httpx.AsyncClient) -> BrowserContext:
    refresh = json.dumps((await log_in_as_admin(api))["refresh_token"])
    context = await browser.new_context(
        base_url=str(api.base_url), viewport={"width": 1280, "height": 900}
    )
    # Only when absent: the panel rotates the token on every start and keeps the new one.
    await context.add_init_script(
        "if (!localStorage.getItem('simdesk.refresh'))"
        f" localStorage.setItem('simdesk.refresh', {refresh});"
    )
    return context


async def _load(context: BrowserContext) -> Load:
    page = await context.new_page()
    try:
        await page.goto("/dashboard", wait_until="commit")
        usable = await page.wait_for_function(USABLE, polling="raf", timeout=TIMEOUT_MS)
        ms = float(await usable.json_value())
        fetched = await page.evaluate(FETCHED)
    except PlaywrightTimeout:
        raise SystemExit(f"/dashboard not usable after {TIMEOUT_MS} ms (at {page.url})") from None
    finally:
        await page.close()
    scripts = [entry for entry in fetched if entry["url"].endswith(".js")]
    return Load(
        ms,
        sum(entry["sent"] for entry in fetched),
        sum(entry["gzipped"] for entry in scripts),
        sum(entry["raw"] for entry in scripts),
    )


async def _measure(server: ApiServer, runs: int) -> dict[str, list[Load]]:
    async with (
        httpx.AsyncClient(base_url=server.base_url, timeout=60) as api,
        async_playwright() as playwright,
    ):
        await sign_in_as_admin(api)  # waits for the API to answer
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        cached = await _signed_in(browser, api)
        await _load(cached)  # fills its HTTP cache, and warms the API and Chromium up for all
        cold = []
        for _ in range(runs):
            context = await _signed_in(browser, api)  # its own, empty, cache
            cold.append(await _load(context))
            await context.close()
        warm = [await _load(cached) for _ in range(runs)]
        await cached.close()
        await browser.close()
    return {"cold": cold, "warm": warm}


def _kb(size: float) -> str:
    return f"{size / 1024:.1f} KB"


def _report(loads: dict[str, list[Load]]) -> None:
    print(f"{'/dashboard':<10} {'p50':>8} {'p95':>8} {'transferred (p50)':>18}")
    for mode, runs in loads.items():
        times = [load.ms for load in runs]
        p95 = statistics.quantiles(times, n=100)[94]
        sent = statistics.median(load.transferred for load in runs)
        print(f"{mode:<10} {statistics.median(times):>6.0f}ms {p95:>6.0f}ms {_kb(sent):>18}")
    first = loads["cold"][0]  # the lazy charts chunk included: the dashboard needs it
    print(f"JS of a cold load: {_kb(first.js_gzipped)} gzipped ({_kb(first.js_raw)} raw)")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.panel_load", description=__doc__)
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20, help="loads per mode (at least 2)")
    parser.add_argument("--fresh", action="store_true", help="reseed the kept database")
    args = parser.parse_args()
    if args.runs < 2:
        parser.error("--runs must be at least 2 for a p95")
    if not (PANEL_DIST / "index.html").is_file():
        raise SystemExit("admin-panel/dist is not built: run `make panel` first")
    if not Path(CHROMIUM).is_file():
        raise SystemExit(f"{CHROMIUM} is missing: `make chromium` installs Debian's")
    url = seeded_database(load_settings().database_url, args.orders, fresh=args.fresh)
    with running_api(url) as server:
        loads = asyncio.run(_measure(server, args.runs))
    _report(loads)
    print(f"{args.runs} loads each, at {args.orders:,} orders; target: cold < 1500 ms, JS < 300 KB")
    print(f"reproduce: .venv/bin/python -m bench.panel_load --orders {args.orders}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
