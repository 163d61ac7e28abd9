"""Reconciliation: recompute the rollups of a range of days from the raw rows and fix drift
(a write that bypassed the services, a bulk import, a bug since fixed), in both grains: the
days asked for and the whole months they fall in.

Each table is fixed by one statement that reads the raw figures and the rollup in the same
snapshot and *adds* the difference with the same ON CONFLICT increment the services use, so
writers committing meanwhile keep their increments: nothing is deleted and rewritten.
The seed runs it over its whole period to fill the rollups (`rebuild`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from models import (
    OrderSource,
    OrderStatus,
    PaymentStatus,
    TransactionStatus,
    TransactionType,
    after_commit,
)
from services import payments
from services.analytics.rollups import CHANGED

SALES_FIGURES = (
    "orders", "gross_amount", "captured_amount", "refunded_amount", "cancelled_orders",
    "pending_orders",
)  # fmt: skip
# An order's money was taken once its payment status reached one of these.
CAPTURED = (PaymentStatus.paid, PaymentStatus.partially_refunded, PaymentStatus.refunded)

_SALES_RAW = f"""
    SELECT {{period}}, {{keys}},
        count(*) AS orders,
        sum(o.total_amount) AS gross_amount,
        coalesce(sum(o.total_amount) FILTER (WHERE o.payment_status IN
            ({", ".join(f"'{s.value}'" for s in CAPTURED)})), 0) AS captured_amount,
        coalesce(sum(r.amount), 0) AS refunded_amount,
        count(*) FILTER (WHERE o.status = '{OrderStatus.cancelled.value}') AS cancelled_orders,
        count(*) FILTER (WHERE o.status = '{OrderStatus.pending.value}') AS pending_orders
    FROM sim_orders o
    LEFT JOIN (
        SELECT order_id, sum(amount) AS amount FROM transactions
        WHERE transaction_type = '{TransactionType.refund.value}'
            AND status = '{TransactionStatus.completed.value}'
            AND order_id IN (SELECT id FROM sim_orders WHERE created_at >= :start
                AND created_at < :end)
        GROUP BY order_id
    ) r ON r.order_id = o.id
    WHERE o.created_at >= :start AND o.created_at < :end {{where}}
    GROUP BY {{group}}
"""  # noqa: S608 - built from code constants only, never from input
_METHOD = (
    f"CASE o.order_type WHEN '{OrderSource.reseller_client.value}' "
    f"THEN '{payments.method_for(OrderSource.reseller_client)}' "
    f"ELSE '{payments.method_for(OrderSource.app_user)}' END"
)
_REGISTRATIONS_RAW = """
    SELECT {period}, kind, reseller_id, count(*) AS registrations
    FROM (
        SELECT created_at, 'user' AS kind, 0::bigint AS reseller_id FROM public_users
        UNION ALL SELECT created_at, 'reseller', 0 FROM resellers
        UNION ALL SELECT created_at, 'client', reseller_id FROM reseller_clients
    ) people
    WHERE created_at >= :start AND created_at < :end
    GROUP BY 1, 2, 3
"""


def _next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


@dataclass(frozen=True)
class _Grain:
    """Days or months: the rollup tables' period column and how a range of days widens to it."""

    column: str
    suffix: str
    trunc: str | None  # date_trunc's unit; None: the day itself

    def period(self, moment: str) -> str:
        day = f"({moment} AT TIME ZONE 'UTC')"
        expression = f"date_trunc('{self.trunc}', {day})" if self.trunc else day
        return f"{expression}::date AS {self.column}"

    def span(self, first: date, last: date) -> tuple[date, date, date]:
        """The periods' first days from `first`'s to `last`'s, and the day after the last one."""
        if self.trunc is None:
            return first, last, last + timedelta(days=1)
        return first.replace(day=1), last.replace(day=1), _next_month(last)


DAILY, MONTHLY = _Grain("day", "daily", None), _Grain("month", "monthly", "month")


@dataclass(frozen=True)
class _Rollup:
    name: str
    keys: tuple[str, ...]  # besides the period
    figures: tuple[str, ...]
    raw: str  # the figures from the raw rows, with a {period} to fill in
    moment: str  # the raw rows' timestamp that books them on a day

    def fix_statement(self, grain: _Grain) -> str:
        table = f"{self.name}_{grain.suffix}"
        keys, figures = ", ".join((grain.column, *self.keys)), ", ".join(self.figures)
        differences = ", ".join(
            f"coalesce(raw.{f}, 0) - coalesce(cur.{f}, 0) AS {f}" for f in self.figures
        )
        drifted = " OR ".join(f"coalesce(raw.{f}, 0) <> coalesce(cur.{f}, 0)" for f in self.figures)
        increments = ", ".join(f"{f} = {table}.{f} + excluded.{f}" for f in self.figures)
        period = grain.period(self.moment)
        return f"""
            INSERT INTO {table} ({keys}, {figures})
            SELECT {keys}, {differences}
            FROM ({self.raw.replace("{period}", period)}) raw
            FULL JOIN (SELECT * FROM {table}
                WHERE {grain.column} >= :first AND {grain.column} <= :last) cur
                USING ({keys})
            WHERE {drifted}
            ON CONFLICT ({keys}) DO UPDATE SET {increments}
        """  # noqa: S608 - built from code constants only, never from input


ROLLUPS = (
    _Rollup(
        "sales",
        ("source", "network_provider", "plan_id", "payment_method"),
        SALES_FIGURES,
        _SALES_RAW.format(
            period="{period}",
            keys=f"o.order_type AS source, o.network_provider, coalesce(o.plan_id, 0) AS plan_id,"
            f" {_METHOD} AS payment_method",
            where="",
            group="1, 2, 3, 4, 5",
        ),
        "o.created_at",
    ),
    _Rollup(
        "reseller_sales",
        ("reseller_id",),
        SALES_FIGURES,
        _SALES_RAW.format(
            period="{period}", keys="o.reseller_id", where="AND o.reseller_id IS NOT NULL",
            group="1, 2",
        ),
        "o.created_at",
    ),
    _Rollup("registrations", ("kind", "reseller_id"), ("registrations",), _REGISTRATIONS_RAW,
            "created_at"),
)  # fmt: skip


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


async def reconcile(db: AsyncSession, first: date, last: date) -> dict[str, int]:
    """Fix the rollups of days `first`..`last` (UTC), and of the whole months they fall in;
    returns the drifted rows per table."""
    fixed = {}
    for grain in (DAILY, MONTHLY):
        first_period, last_period, end = grain.span(first, last)
        params = {
            "first": first_period,
            "last": last_period,
            "start": _midnight(first_period),
            "end": _midnight(end),
        }
        for rollup in ROLLUPS:
            result = await db.execute(text(rollup.fix_statement(grain)), params)
            fixed[f"{rollup.name}_{grain.suffix}"] = result.rowcount  # type: ignore[attr-defined]
    for table, drifted in fixed.items():
        if drifted:
            after_commit.defer(db, CHANGED, table)
    return fixed


async def rebuild(db: AsyncSession) -> dict[str, int]:
    """Reconcile every day that has rows: fills empty rollups after a bulk load."""
    first = await db.scalar(
        text(
            "SELECT (least((SELECT min(created_at) FROM sim_orders),"
            " (SELECT min(created_at) FROM public_users), (SELECT min(created_at) FROM resellers),"
            " (SELECT min(created_at) FROM reseller_clients)) AT TIME ZONE 'UTC')::date"
        )
    )
    today = datetime.now(UTC).date()
    # Seeded rows may be stamped up to the end of today; nothing at all: nothing to do.
    return await reconcile(db, first, today) if first is not None else {}
