"""The query behind each kind of report, read a chunk at a time by keyset: every query orders
by hidden key columns, and the next chunk starts after the last key seen, so a retried
activity resumes where it stopped and no chunk costs more than the one before it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    Date,
    DateTime,
    Select,
    and_,
    case,
    cast,
    func,
    literal,
    literal_column,
    select,
    tuple_,
)
from sqlalchemy.ext.asyncio import AsyncSession

from models import (
    OrderStatus,
    PublicUser,
    ReportKind,
    Reseller,
    ResellerClient,
    SimOrder,
    Transaction,
    TransactionStatus,
    TransactionType,
)
from services.reports.catalogue import DIMENSIONS, METRICS, FieldType, ReportSpec


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    type: FieldType
    # Whether a grand total under the column means something (not for averages or ids).
    summable: bool = False

    @property
    def numeric(self) -> bool:
        return self.type in (FieldType.integer, FieldType.money)


@dataclass(frozen=True)
class ReportQuery:
    columns: tuple[Column, ...]
    statement: Select[Any]  # the columns' values, then the key columns `_k0`, `_k1`...
    key_types: tuple[FieldType, ...]


Cursor = list[Any]  # the last key read, as JSON (dates as ISO strings)


def _money(name: str, label: str) -> Column:
    return Column(name, label, FieldType.money, summable=True)


def _count(name: str, label: str) -> Column:
    return Column(name, label, FieldType.integer, summable=True)


def window(spec: ReportSpec) -> tuple[datetime, datetime]:
    """The range as instants: from the first day's midnight to the midnight after the last,
    in the reporting time zone."""
    zone = ZoneInfo(spec.timezone)
    start = datetime.combine(spec.date_from, time.min, zone)
    return start, datetime.combine(spec.date_to + timedelta(days=1), time.min, zone)


def _local_day(spec: ReportSpec, column: Any) -> ColumnElement[Any]:
    return cast(func.timezone(spec.timezone, column), Date)


def _order_conditions(spec: ReportSpec) -> list[ColumnElement[bool]]:
    start, end = window(spec)
    conditions = [SimOrder.created_at >= start, SimOrder.created_at < end]
    f = spec.filters
    for name, column in (
        ("status", SimOrder.status),
        ("payment_status", SimOrder.payment_status),
        ("source", SimOrder.order_type),
        ("sim_type", SimOrder.sim_type),
        ("network_provider", SimOrder.network_provider),
        ("plan_id", SimOrder.plan_id),
        ("reseller_id", SimOrder.reseller_id),
    ):
        if name in f:
            conditions.append(column == f[name])
    if "amount_min" in f:
        conditions.append(SimOrder.total_amount >= Decimal(f["amount_min"]))
    if "amount_max" in f:
        conditions.append(SimOrder.total_amount <= Decimal(f["amount_max"]))
    if spec.reseller_scope is not None:
        conditions.append(SimOrder.reseller_id == spec.reseller_scope)
    return conditions


def _sales(spec: ReportSpec) -> ReportQuery:
    columns = (
        Column("order_number", "Order", FieldType.string),
        Column("created_at", "Placed", FieldType.datetime),
        Column("source", "Source", FieldType.enum),
        Column("status", "Status", FieldType.enum),
        Column("payment_status", "Payment", FieldType.enum),
        Column("network_provider", "Provider", FieldType.string),
        Column("plan_name", "Plan", FieldType.string),
        _money("plan_price", "Plan price"),
        _money("tax_amount", "Tax"),
        _money("total_amount", "Total"),
        Column("currency", "Currency", FieldType.string),
    )
    statement = select(
        SimOrder.order_number,
        func.timezone(spec.timezone, SimOrder.created_at).label("created_at"),
        SimOrder.order_type.label("source"),
        SimOrder.status,
        SimOrder.payment_status,
        SimOrder.network_provider,
        SimOrder.plan_name,
        SimOrder.plan_price,
        SimOrder.tax_amount,
        SimOrder.total_amount,
        SimOrder.currency,
        SimOrder.id.label("_k0"),
    ).where(*_order_conditions(spec))
    return ReportQuery(columns, statement, (FieldType.integer,))


def _revenue(spec: ReportSpec) -> ReportQuery:
    start, end = window(spec)
    day = _local_day(spec, Transaction.created_at)
    payment = Transaction.transaction_type == TransactionType.payment
    refund = Transaction.transaction_type == TransactionType.refund
    gross = func.coalesce(func.sum(case((payment, Transaction.amount))), 0)
    refunds = func.coalesce(func.sum(case((refund, Transaction.amount))), 0)
    conditions = [
        Transaction.created_at >= start,
        Transaction.created_at < end,
        Transaction.status == TransactionStatus.completed,
        Transaction.transaction_type.in_((TransactionType.payment, TransactionType.refund)),
    ]
    if "reseller_id" in spec.filters:
        conditions.append(Transaction.reseller_id == spec.filters["reseller_id"])
    if "payment_method" in spec.filters:
        conditions.append(Transaction.payment_method == spec.filters["payment_method"])
    if spec.reseller_scope is not None:
        conditions.append(Transaction.reseller_id == spec.reseller_scope)
    statement = (
        select(
            day.label("day"),
            func.count().filter(payment).label("payments"),
            gross.label("gross"),
            func.count().filter(refund).label("refunds"),
            refunds.label("refunded"),
            (gross - refunds).label("net"),
            day.label("_k0"),
        )
        .where(*conditions)
        .group_by(day)
    )
    columns = (
        Column("day", "Day", FieldType.date),
        _count("payments", "Payments"),
        _money("gross", "Gross"),
        _count("refunds", "Refunds"),
        _money("refunded", "Refunded"),
        _money("net", "Net"),
    )
    return ReportQuery(columns, statement, (FieldType.date,))


def _user_growth(spec: ReportSpec) -> ReportQuery:
    series = func.generate_series(
        literal(spec.date_from), literal(spec.date_to), literal_column("interval '1 day'")
    )
    days = select(cast(series, Date).label("day")).subquery("days")
    midnight = func.timezone(spec.timezone, cast(days.c.day, DateTime()))
    next_midnight = func.timezone(spec.timezone, days.c.day + literal_column("interval '1 day'"))

    def created_that_day(model: Any) -> Any:
        return (
            select(func.count())
            .where(model.created_at >= midnight, model.created_at < next_midnight)
            .scalar_subquery()
        )

    statement = select(
        days.c.day,
        created_that_day(PublicUser).label("app_users"),
        created_that_day(Reseller).label("resellers"),
        created_that_day(ResellerClient).label("reseller_clients"),
        days.c.day.label("_k0"),
    )
    columns = (
        Column("day", "Day", FieldType.date),
        _count("app_users", "New app users"),
        _count("resellers", "New resellers"),
        _count("reseller_clients", "New reseller clients"),
    )
    return ReportQuery(columns, statement, (FieldType.date,))


def _reseller_performance(spec: ReportSpec) -> ReportQuery:
    start, end = window(spec)
    in_range = and_(SimOrder.created_at >= start, SimOrder.created_at < end)
    mine = SimOrder.reseller_id == Reseller.id
    live = SimOrder.status != OrderStatus.cancelled
    orders = select(func.count()).where(mine, in_range, live).scalar_subquery()
    revenue = (
        select(func.coalesce(func.sum(SimOrder.total_amount), 0))
        .where(mine, in_range, live)
        .scalar_subquery()
    )
    clients = (
        select(func.count()).where(ResellerClient.reseller_id == Reseller.id).scalar_subquery()
    )
    commission = (
        select(func.coalesce(func.sum(Transaction.amount), 0))
        .where(
            Transaction.reseller_id == Reseller.id,
            Transaction.transaction_type == TransactionType.commission,
            Transaction.status == TransactionStatus.completed,
            Transaction.created_at >= start,
            Transaction.created_at < end,
        )
        .scalar_subquery()
    )
    conditions: list[ColumnElement[bool]] = [Reseller.deleted_at.is_(None)]
    if "reseller_id" in spec.filters:
        conditions.append(Reseller.id == spec.filters["reseller_id"])
    if spec.reseller_scope is not None:
        conditions.append(Reseller.id == spec.reseller_scope)
    statement = select(
        Reseller.id.label("reseller_id"),
        Reseller.business_name,
        Reseller.status,
        orders.label("orders"),
        revenue.label("revenue"),
        clients.label("clients"),
        commission.label("commission"),
        Reseller.id.label("_k0"),
    ).where(*conditions)
    columns = (
        Column("reseller_id", "Id", FieldType.integer),
        Column("business_name", "Reseller", FieldType.string),
        Column("status", "Status", FieldType.enum),
        _count("orders", "Orders"),
        _money("revenue", "Revenue"),
        _count("clients", "Clients"),
        _money("commission", "Commission"),
    )
    return ReportQuery(columns, statement, (FieldType.integer,))


def _dimension(spec: ReportSpec, name: str) -> ColumnElement[Any]:
    local = func.timezone(spec.timezone, SimOrder.created_at)
    expressions: dict[str, Any] = {
        "day": cast(local, Date),
        "week": cast(func.date_trunc("week", local), Date),
        "month": cast(func.date_trunc("month", local), Date),
        "source": SimOrder.order_type,
        "status": SimOrder.status,
        "payment_status": SimOrder.payment_status,
        "network_provider": SimOrder.network_provider,
        "sim_type": SimOrder.sim_type,
        "plan_name": SimOrder.plan_name,
        "reseller": func.coalesce(Reseller.business_name, "(direct)"),
    }
    chosen: ColumnElement[Any] = expressions[name]
    return chosen


def _metric(name: str) -> ColumnElement[Any]:
    def total(column: Any) -> ColumnElement[Any]:
        return func.coalesce(func.sum(column), 0)

    expressions: dict[str, ColumnElement[Any]] = {
        "orders": func.count(),
        "revenue": total(SimOrder.total_amount),
        "average_order_value": func.round(func.avg(SimOrder.total_amount), 2),
        "plan_revenue": total(SimOrder.plan_price),
        "tax": total(SimOrder.tax_amount),
        "delivery_fees": total(SimOrder.delivery_fee),
        "service_charges": total(SimOrder.service_charge),
        "cancelled_orders": func.count().filter(SimOrder.status == OrderStatus.cancelled),
        "activated_orders": func.count().filter(SimOrder.status == OrderStatus.activated),
    }
    return expressions[name]


def _custom(spec: ReportSpec) -> ReportQuery:
    dimensions = [_dimension(spec, name) for name in spec.dimensions]
    statement = (
        select(
            *(d.label(name) for d, name in zip(dimensions, spec.dimensions, strict=True)),
            *(_metric(name).label(name) for name in spec.metrics),
            *(d.label(f"_k{i}") for i, d in enumerate(dimensions)),
        )
        .select_from(SimOrder)
        .where(*_order_conditions(spec))
        .group_by(*dimensions)
    )
    if "reseller" in spec.dimensions:
        statement = statement.outerjoin(Reseller, Reseller.id == SimOrder.reseller_id)
    columns = tuple(
        Column(n, DIMENSIONS[n].label, DIMENSIONS[n].type) for n in spec.dimensions
    ) + tuple(
        Column(n, METRICS[n].label, METRICS[n].type, summable=n != "average_order_value")
        for n in spec.metrics
    )
    key_types = tuple(DIMENSIONS[n].type for n in spec.dimensions)
    return ReportQuery(columns, statement, key_types)


BUILDERS = {
    ReportKind.sales: _sales,
    ReportKind.revenue: _revenue,
    ReportKind.user_growth: _user_growth,
    ReportKind.reseller_performance: _reseller_performance,
    ReportKind.custom: _custom,
}


def build(spec: ReportSpec) -> ReportQuery:
    return BUILDERS[spec.kind](spec)


async def count_rows(db: AsyncSession, query: ReportQuery) -> int:
    counted = select(func.count()).select_from(query.statement.order_by(None).subquery())
    return int(await db.scalar(counted) or 0)


def _decode(value: Any, kind: FieldType) -> Any:
    return date.fromisoformat(value) if kind is FieldType.date else value


def _encode(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


async def read_chunk(
    db: AsyncSession, query: ReportQuery, after: Cursor | None, limit: int
) -> tuple[list[Sequence[Any]], Cursor | None]:
    """Up to `limit` rows after the key `after` (None: from the start), and the key of the last
    one (None once nothing is left)."""
    rows_of = query.statement.subquery("report")
    width = len(query.columns)
    keys = [rows_of.c[f"_k{i}"] for i in range(len(query.key_types))]
    chunk = select(rows_of).order_by(*keys).limit(limit)
    if after is not None:
        values = [literal(_decode(v, t)) for v, t in zip(after, query.key_types, strict=True)]
        chunk = chunk.where(
            tuple_(*keys) > tuple_(*values) if len(keys) > 1 else keys[0] > values[0]
        )
    rows = (await db.execute(chunk)).all()
    if not rows:
        return [], None
    last = rows[-1]
    return [tuple(row[:width]) for row in rows], [_encode(v) for v in last[width:]]
