"""`simdesk seed` run as a real process against scratch databases: sizes, consistency of every
generated row with its order, reruns that add, the demo admin, and one-line refusals."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from typing import Any

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from core.crypto import FieldCipher
from core.passwords import verify_password
from core.settings import PROJECT_ROOT, Settings
from tests.cli.test_values import luhn_valid

ORDERS = 3_000
# The sizing rules for 3,000 orders, spelled out: at least 5 resellers (N / 2,000) with 20
# clients each, N / 5 app users, N / 50 tickets, 15 staff (1 super admin, 2 admins,
# 4 moderators, 8 support) + one owner account per reseller + one account per app user, and
# max(100, N / 20) SIMs in stock besides one per order past pending.
SIZES = {
    "resellers": 5,
    "reseller_clients": 100,
    "public_users": 600,
    "accounts": 15 + 5 + 600,
    "support_tickets": 60,
    "sim_orders": ORDERS,
}
STOCK = 150
CATALOG = {"plan_categories": 6, "sim_plans": 25}
SIM_STATE = {
    "confirmed": "assigned",
    "dispatched": "shipped",
    "delivered": "shipped",
    "activated": "active",
    "cancelled": "recycled",
}
TABLES = (*SIZES, *CATALOG, "sims", "transactions", "order_status_history", "ticket_replies")


def seed(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli.main", "seed", *args],
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


def fetch(url: str, sql: str, *args: Any) -> list[Any]:
    async def run() -> list[Any]:
        dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        connection = await asyncpg.connect(dsn)
        try:
            return list(await connection.fetch(sql, *args))
        finally:
            await connection.close()

    return asyncio.run(run())


def value(url: str, sql: str) -> Any:
    return fetch(url, sql)[0][0]


def counts(url: str) -> dict[str, int]:
    union = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in TABLES)  # noqa: S608
    return {table: count for table, count in fetch(url, union)}


def expected_derived(url: str, runs: int) -> dict[str, int]:
    """Rows that follow from each order's status and payment status, after `runs` seeds."""
    row = fetch(
        url,
        """
        SELECT
          count(*) FILTER (WHERE status <> 'pending') AS sims,
          count(*) FILTER (WHERE payment_status <> 'pending')
          + count(*) FILTER (WHERE order_type = 'reseller_client'
                             AND payment_status IN ('paid', 'partially_refunded', 'refunded'))
          + count(*) FILTER (WHERE payment_status IN ('partially_refunded', 'refunded'))
          + count(*) FILTER (WHERE order_type = 'reseller_client'
                             AND payment_status IN ('partially_refunded', 'refunded'))
            AS transactions
        FROM sim_orders
        """,
    )[0]
    return {"sims": row["sims"] + runs * STOCK, "transactions": row["transactions"]}


def assert_consistent(url: str) -> None:
    """Everything the seed promises about its rows, each as a query that must find nothing."""
    violations = {
        "total is not the sum of its parts": """
            SELECT id FROM sim_orders
            WHERE total_amount <> plan_price + delivery_fee + tax_amount + service_charge""",
        "buyer does not match the order type": """
            SELECT o.id FROM sim_orders o LEFT JOIN reseller_clients c ON c.id = o.client_id
            WHERE (o.order_type = 'app_user') IS DISTINCT FROM
                  (o.user_id IS NOT NULL AND o.reseller_id IS NULL AND o.client_id IS NULL)
               OR (o.order_type = 'reseller_client' AND c.reseller_id IS DISTINCT FROM
                   o.reseller_id)""",
        "app order not priced at the catalogue price": """
            SELECT o.id FROM sim_orders o JOIN sim_plans p ON p.id = o.plan_id
            WHERE o.order_type = 'app_user' AND o.plan_price <> p.price""",
        # Each run lays out its own 18 months, so the order holds within a run.
        "created_at does not increase with the order number": f"""
            WITH o AS (
              SELECT id, created_at, split_part(order_number, '-', 3)::int AS number,
                     (row_number() OVER (ORDER BY id) - 1) / {ORDERS} AS run
              FROM sim_orders)
            SELECT id FROM (
              SELECT id, created_at, number, lag(created_at) OVER run AS previous_at,
                     lag(number) OVER run AS previous
              FROM o WINDOW run AS (PARTITION BY run ORDER BY id)) ordered
            WHERE created_at <= previous_at OR number <= previous""",  # noqa: S608
        "customer's orders_count is not their number of orders": """
            SELECT u.id FROM public_users u
            WHERE orders_count <> (SELECT count(*) FROM sim_orders WHERE user_id = u.id)
            UNION ALL
            SELECT c.id FROM reseller_clients c
            WHERE orders_count <> (SELECT count(*) FROM sim_orders WHERE client_id = c.id)""",
        "table left without planner statistics": """
            SELECT relname FROM pg_stat_user_tables
            WHERE relname IN ('sim_orders', 'public_users', 'reseller_sales_monthly')
              AND last_analyze IS NULL""",
        "code does not carry the year it was created in": """
            SELECT id FROM sim_orders
            WHERE order_number !~ '^ORD-[0-9]{4}-[0-9]{6,}$'
               OR split_part(order_number, '-', 2)::int <> extract(year FROM created_at)""",
        "status timestamps disagree with the status": """
            SELECT id FROM sim_orders
            WHERE (dispatched_at IS NOT NULL) <> (sim_type = 'physical'
                                                  AND status IN ('dispatched', 'delivered',
                                                                 'activated'))
               OR (delivered_at IS NOT NULL) <> (sim_type = 'physical'
                                                 AND status IN ('delivered', 'activated'))
               OR (sim_type = 'esim' AND status IN ('dispatched', 'delivered'))
               OR (activated_at IS NOT NULL) <> (status = 'activated')
               OR (cancelled_at IS NOT NULL) <> (status = 'cancelled')
               OR dispatched_at < created_at OR delivered_at < dispatched_at
               OR activated_at < delivered_at OR cancelled_at < created_at
               OR greatest(updated_at, activated_at, cancelled_at) > now()
               OR created_at < now() - interval '549 days'""",
        "order past pending without exactly one SIM in the right state": """
            SELECT o.id FROM sim_orders o LEFT JOIN sims s ON s.order_id = o.id
            GROUP BY o.id, o.status
            HAVING (o.status = 'pending') <> (count(s.id) = 0)
                OR (o.status <> 'pending' AND count(s.id) <> 1)
                OR bool_or(s.state IS DISTINCT FROM CASE o.status
                    WHEN 'confirmed' THEN 'assigned' WHEN 'dispatched' THEN 'shipped'
                    WHEN 'delivered' THEN 'shipped' WHEN 'activated' THEN 'active'
                    WHEN 'cancelled' THEN 'recycled' END) AND o.status <> 'pending'""",
        "history does not walk from pending to the order's status": """
            WITH h AS (
              SELECT order_id, from_status, to_status, created_at,
                     lag(to_status) OVER w AS previous, lag(created_at) OVER w AS previous_at,
                     row_number() OVER w AS step, count(*) OVER (PARTITION BY order_id) AS steps
              FROM order_status_history WINDOW w AS (PARTITION BY order_id ORDER BY id))
            SELECT o.id FROM sim_orders o LEFT JOIN h ON h.order_id = o.id
            WHERE h.order_id IS NULL
               OR (h.step = 1 AND (h.from_status IS NOT NULL OR h.to_status <> 'pending'
                                   OR h.created_at <> o.created_at))
               OR (h.step > 1 AND (h.from_status IS DISTINCT FROM h.previous
                                   OR h.created_at < h.previous_at))
               OR (h.step = h.steps AND h.to_status <> o.status)""",
        "transaction not attached to a captured or attempted payment": """
            SELECT t.id FROM transactions t JOIN sim_orders o ON o.id = t.order_id
            WHERE (t.transaction_type = 'payment' AND (o.payment_status = 'pending'
                                                       OR t.amount <> o.total_amount))
               OR (t.transaction_type IN ('refund', 'commission_reversal')
                   AND (o.payment_status NOT IN ('refunded', 'partially_refunded')
                        OR t.parent_id IS NULL))
               OR (t.transaction_type LIKE 'commission%' AND o.reseller_id IS NULL)
               OR (t.transaction_type = 'refund' AND o.payment_status = 'refunded'
                   AND t.amount <> o.total_amount)
               OR t.transaction_id !~ '^TXN-[0-9]{4}-[0-9]{6,}$'""",
        "SIM with a malformed ICCID or a number it should not have": """
            SELECT id FROM sims
            WHERE length(iccid) <> 19
               OR (msisdn IS NULL) <> (state IN ('in_stock', 'recycled'))
               OR (activation_code IS NULL) <> (sim_type = 'physical')""",
        "ticket about an order it does not belong to": """
            SELECT t.id FROM support_tickets t JOIN sim_orders o ON o.id = t.order_id
            WHERE t.user_id IS DISTINCT FROM o.user_id
               OR t.reseller_id IS DISTINCT FROM o.reseller_id
               OR t.created_at < o.updated_at
               OR (t.resolved_at IS NOT NULL) <> (t.status IN ('resolved', 'closed'))
               OR (t.closed_at IS NOT NULL) <> (t.status = 'closed')""",
        "email not lowercase": """
            SELECT email FROM accounts WHERE email <> lower(email)
            UNION ALL SELECT email FROM public_users WHERE email <> lower(email)""",
        "phone not E.164": "SELECT phone FROM public_users WHERE phone !~ '^\\+[1-9][0-9]{7,14}$'",
        "replies out of range": """
            SELECT t.id FROM support_tickets t LEFT JOIN ticket_replies r ON r.ticket_id = t.id
            GROUP BY t.id HAVING count(r.id) > 5""",
    }
    found = {name: fetch(url, sql) for name, sql in violations.items()}
    assert {name: rows[:3] for name, rows in found.items() if rows} == {}
    iccids = [row[0] for row in fetch(url, "SELECT iccid FROM sims")]
    assert all(luhn_valid(iccid) for iccid in iccids)


def assert_codes_continue(url: str) -> None:
    """Each code sequence's next number comes after every seeded code, and likewise ids."""
    for table, column, sequence in (
        ("sim_orders", "order_number", "order_number_seq"),
        ("transactions", "transaction_id", "transaction_number_seq"),
        ("support_tickets", "ticket_number", "ticket_number_seq"),
    ):
        seeded = value(url, f"SELECT max(split_part({column}, '-', 3)::int) FROM {table}")  # noqa: S608
        assert value(url, f"SELECT nextval('{sequence}')") > seeded
    for table in (*SIZES, "sims", "transactions", "order_status_history", "ticket_replies"):
        highest = value(url, f"SELECT max(id) FROM {table}")  # noqa: S608
        assert value(url, f"SELECT nextval(pg_get_serial_sequence('{table}', 'id'))") > highest


def schema(url: str) -> list[Any]:
    return fetch(
        url,
        """
        SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), convalidated
        FROM pg_constraint WHERE connamespace = 'public'::regnamespace
        UNION ALL SELECT tablename, indexname, indexdef, true
        FROM pg_indexes WHERE schemaname = 'public'
        ORDER BY 1, 2, 3
        """,
    )


def test_orders_seed_sizes_consistency_and_reruns(
    scratch_database_url: str, database_url: str
) -> None:
    url = scratch_database_url
    first = seed("--orders", str(ORDERS), "--database-url", url)
    assert first.returncode == 0, first.stderr
    assert "rows added" in first.stdout

    seeded = counts(url)
    assert {table: seeded[table] for table in SIZES} == SIZES
    assert {table: seeded[table] for table in CATALOG} == CATALOG
    derived = expected_derived(url, runs=1)
    assert (seeded["sims"], seeded["transactions"]) == (derived["sims"], derived["transactions"])
    assert seeded["order_status_history"] >= ORDERS
    assert_consistent(url)
    assert_codes_continue(url)
    # KYC numbers are stored as the API stores them: encrypted, readable with the key.
    cipher = FieldCipher(Settings())
    stored = fetch(url, "SELECT id_document_number FROM public_users WHERE id_document_type <> ''")
    assert stored
    assert all(re.fullmatch(r"[A-Z]{2}[0-9]{7}", cipher.decrypt(r[0])) for r in stored)
    # Indexes and constraints dropped for the load come back exactly as migrated, validated.
    assert schema(url) == schema(database_url)

    # A second run adds a second dataset after the first: same sizes, ids and codes continue,
    # and the same seed draws the same orders.
    last_id, last_number = fetch(
        url, "SELECT max(id), max(split_part(order_number, '-', 3)::int) FROM sim_orders"
    )[0]
    second = seed("--orders", str(ORDERS), "--database-url", url)
    assert second.returncode == 0, second.stderr
    again = counts(url)
    assert {table: again[table] for table in SIZES} == {t: 2 * n for t, n in SIZES.items()}
    assert {table: again[table] for table in CATALOG} == CATALOG
    derived = expected_derived(url, runs=2)
    assert (again["sims"], again["transactions"]) == (derived["sims"], derived["transactions"])
    assert_consistent(url)
    assert_codes_continue(url)
    assert schema(url) == schema(database_url)
    runs = fetch(
        url,
        """
        SELECT id > $1 AS second, min(split_part(order_number, '-', 3)::int) AS first_number,
               array_agg(ARRAY[status, payment_status, plan_id::text, total_amount::text]
                         ORDER BY id) AS orders
        FROM sim_orders GROUP BY 1 ORDER BY 1
        """,
        last_id,
    )
    assert runs[1]["first_number"] > last_number
    assert runs[0]["orders"] == runs[1]["orders"]

    # Rollups lost (a database upgraded with orders already in it) come back exactly.
    rollups = ("sales_daily", "reseller_sales_daily", "registrations_daily")

    def rows(table: str) -> list[tuple[Any, ...]]:
        return sorted(tuple(row) for row in fetch(url, f"SELECT * FROM {table}"))  # noqa: S608

    before = {table: rows(table) for table in rollups}
    assert all(before.values())
    fetch(url, "TRUNCATE sales_daily, reseller_sales_daily, registrations_daily")
    rebuilt = subprocess.run(
        [sys.executable, "-m", "cli.main", "rebuild-rollups", "--database-url", url],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert {table: rows(table) for table in rollups} == before


def test_demo_seed_is_idempotent(scratch_database_url: str, settings: Settings) -> None:
    url = scratch_database_url
    first = seed("--demo", "--database-url", url)
    assert first.returncode == 0, first.stderr
    after_first = counts(url)
    assert after_first["sim_orders"] == 5_000

    second = seed("--demo", "--database-url", url)
    assert second.returncode == 0, second.stderr
    assert "already present" in second.stdout
    assert counts(url) == after_first

    admins = fetch(
        url,
        "SELECT a.kind, a.password_hash, r.name AS role FROM accounts a"
        " JOIN roles r ON r.id = a.role_id WHERE a.email = lower($1)",
        settings.demo_admin_email,
    )
    assert len(admins) == 1
    assert (admins[0]["kind"], admins[0]["role"]) == ("staff", "super_admin")
    assert verify_password(
        admins[0]["password_hash"], settings.demo_admin_password.get_secret_value()
    )


PRODUCTION = {
    "ENVIRONMENT": "production",
    "JWT_SECRET": "p" * 48,
    "DATA_ENCRYPTION_KEY": "k" * 44,
    "STRIPE_API_KEY": "sk_live_x",
    "STRIPE_WEBHOOK_SECRET": "whsec_live",
    "DEMO_ADMIN_PASSWORD": "not-the-demo-one",
}


def test_demo_seed_is_refused_in_production(scratch_database_url: str) -> None:
    result = seed("--demo", "--database-url", scratch_database_url, **PRODUCTION)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "simdesk seed: refusing to seed fake data: ENVIRONMENT is production"
    ]
    assert all(count == 0 for count in counts(scratch_database_url).values())
    assert value(scratch_database_url, "SELECT count(*) FROM roles") == 0


@pytest.mark.parametrize(
    ("database_url", "message"),
    [
        ("mysql://root@localhost/simdesk", "must be a postgresql+asyncpg:// URL"),
        ("postgresql+asyncpg://postgres@127.0.0.1:1/simdesk", "cannot connect to the database"),
        ("postgresql+asyncpg://postgres@127.0.0.1:5432/no_such_db", "does not exist"),
    ],
)
def test_bad_database_url_is_one_line_and_exit_2(database_url: str, message: str) -> None:
    result = seed("--orders", "10", DATABASE_URL=database_url)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.stderr
