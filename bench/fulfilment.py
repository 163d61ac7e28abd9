"""Order fulfilment end to end: how fast orders go from `POST /api/orders/` to charged and
delivered (reseller eSIM orders: placed → confirmed → credit booked → activation code sent),
with 1 and with 3 worker processes, and the API's latency for placing an order (workflow start
included) while 8 clients place orders at once.

    .venv/bin/python -m bench.fulfilment --orders 300

Uses DATABASE_URL's server (a scratch database, dropped at the end) and the Temporal server
at TEMPORAL_ADDRESS (the dev server `make run` starts; started here if none answers)."""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from decimal import Decimal

from httpx import ASGITransport, AsyncClient
from sqlalchemy import func, select, text

from bench.database import scratch_database
from core.passwords import hash_password
from core.settings import PROJECT_ROOT, Settings, load_settings
from devstack.temporal import start_temporal
from models import Account, Reseller, ResellerStatus, Sim, SimOrder, SimPlan, SimType
from models.identity import AccountKind, SystemRole
from models.session import create_engine, create_sessionmaker
from services.access import ensure_system_roles
from services.inventory import luhn_valid

PLACING_CLIENTS = 8
PASSWORD = "bench correct horse battery"  # noqa: S105 - a throwaway scratch account


def _iccid(serial: int) -> str:
    body = f"8947999{serial:011d}"
    return next(body + d for d in "0123456789" if luhn_valid(body + d))


async def _seed(settings: Settings, orders: int) -> tuple[int, int]:
    """A plan with stock for every order, a reseller with credit for all, an admin."""
    engine = create_engine(settings)
    async with create_sessionmaker(engine)() as db:
        roles = await ensure_system_roles(db)
        plan = SimPlan(
            code="BENCH-ESIM",
            name="Bench 5GB",
            network_provider="BenchNet",
            sim_type=SimType.esim,
            validity_days=30,
            price=Decimal("10.00"),
        )
        reseller = Reseller(
            business_name="Bench Reseller",
            contact_person="B",
            email="bench@example.org",
            phone="+14155550100",
            city="Austin",
            country="US",
            status=ResellerStatus.active,
            credit_limit=Decimal("10000000"),
        )
        db.add_all([plan, reseller])
        db.add_all(
            Sim(
                iccid=_iccid(n),
                network_provider="BenchNet",
                sim_type=SimType.esim,
                activation_code=f"LPA:1$bench${n}",
            )
            for n in range(orders * 2)
        )
        db.add(
            Account(
                kind=AccountKind.staff,
                email="bench-admin@example.org",
                password_hash=hash_password(PASSWORD),
                role_id=roles[SystemRole.admin],
            )
        )
        # Workflow ids are order numbers, and earlier runs' workflows may still be open on
        # this Temporal server: number this run's orders apart from theirs.
        start = random.randrange(1, 900_000) * 1000
        await db.execute(text(f"ALTER SEQUENCE order_number_seq RESTART WITH {start}"))
        await db.commit()
        ids = plan.id, reseller.id
    await engine.dispose()
    return ids


def _start_workers(env: dict[str, str], count: int) -> list[subprocess.Popen[bytes]]:
    command = [sys.executable, "-m", "worker", "--queues", "orders"]
    return [
        subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL)
        for _ in range(count)
    ]


async def _run(settings: Settings, workers: int, orders: int, plan: int, reseller: int) -> str:
    from api.main import create_app

    prefix = f"bench-{uuid.uuid4().hex[:6]}-"
    run_settings = settings.model_copy(
        update={
            "temporal_task_queue_prefix": prefix,
            "rate_limit_enabled": False,
            "log_level": "WARNING",
        }
    )
    env = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "TEMPORAL_TASK_QUEUE_PREFIX": prefix,
        "LOG_LEVEL": "WARNING",
    }
    processes = _start_workers(env, workers)
    engine = create_engine(run_settings)
    sessionmaker = create_sessionmaker(engine)
    app = create_app(run_settings)
    latencies: list[float] = []
    try:
        async with (
            app.router.lifespan_context(app),
            AsyncClient(transport=ASGITransport(app=app), base_url="http://bench") as api,
        ):
            login = await api.post(
                "/api/auth/login/", json={"login": "bench-admin@example.org", "password": PASSWORD}
            )
            auth = {"Authorization": f"Bearer {login.json()['access_token']}"}
            async with sessionmaker() as db:
                already = await db.scalar(select(func.count()).select_from(SimOrder)) or 0
            started = time.perf_counter()
            remaining = iter(range(orders))

            async def place() -> None:
                for _ in remaining:
                    began = time.perf_counter()
                    placed = await api.post(
                        "/api/orders/",
                        headers=auth,
                        json={"plan_id": plan, "reseller_id": reseller},
                    )
                    latencies.append(time.perf_counter() - began)
                    placed.raise_for_status()

            # Several staff placing orders at once, so the workers, not one client, set the pace.
            await asyncio.gather(*(place() for _ in range(PLACING_CLIENTS)))
            while True:
                async with sessionmaker() as db:
                    done = await db.scalar(
                        select(func.count())
                        .select_from(SimOrder)
                        .where(SimOrder.payment_status == "paid")
                    )
                if (done or 0) >= already + orders:
                    break
                await asyncio.sleep(0.2)
            elapsed = time.perf_counter() - started
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait()
        await engine.dispose()
    p95 = statistics.quantiles(latencies, n=100)[94] * 1000
    p50 = statistics.median(latencies) * 1000
    return (
        f"{workers} worker(s): {orders} orders in {elapsed:.1f} s = {orders / elapsed:.1f} "
        f"orders/s end to end; POST /api/orders/ p50 {p50:.0f} ms, p95 {p95:.0f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fulfilment", description=__doc__)
    parser.add_argument("--orders", type=int, default=300)
    args = parser.parse_args()
    settings = load_settings()
    temporal = start_temporal(
        settings.temporal_address,
        settings.temporal_ui_url,
        settings.data_dir / "temporal.db",
    )
    try:
        with scratch_database(settings.database_url) as url:
            scratch = settings.model_copy(update={"database_url": url})
            plan, reseller = asyncio.run(_seed(scratch, args.orders))
            for workers in (1, 3):
                print(asyncio.run(_run(scratch, workers, args.orders, plan, reseller)), flush=True)
    finally:
        temporal.stop()
    print(f"reproduce: .venv/bin/python -m bench.fulfilment --orders {args.orders}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
