"""The dashboard's figures, read from the daily rollups (never from millions of raw orders).

Definitions, shared with the orders statistics endpoint: an order counts on the UTC day it was
placed; `gross` is the total of the orders placed (the statistics' `amount`, cancelled orders
included); `revenue` is the money actually taken minus what was refunded (captured - refunded).

Whose figures: staff see the whole business (`Audience(None)`); a reseller login sees its own
sales and clients only, and nothing that compares resellers or counts the business's app users
(`business_only` refuses those with 403).

The figures themselves: metrics.py (today, this month, all time) and trends.py (series and
breakdowns over a period)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Select,
    Subquery,
    bindparam,
    func,
    or_,
    select,
    union_all,
)

from core.errors import PermissionDenied, ValidationFailed
from core.validators import check_range
from models import MONTHLY, ResellerSalesDaily, SalesDaily
from models.identity import AccountKind
from services.auth.principal import Principal


class Granularity(StrEnum):
    day = "day"
    week = "week"
    month = "month"


# Longest range per granularity: a bounded number of points, so no request is ever slow.
MAX_DAYS = {Granularity.day: 366, Granularity.week: 5 * 366, Granularity.month: 10 * 366}


@dataclass(frozen=True)
class Audience:
    """Whose figures: None is the whole business, else one reseller's."""

    reseller_id: int | None

    @property
    def key(self) -> str:
        return "business" if self.reseller_id is None else f"reseller-{self.reseller_id}"


def audience_of(principal: Principal) -> Audience:
    if principal.kind is AccountKind.staff:
        return Audience(None)
    if principal.kind is AccountKind.reseller and principal.reseller_id is not None:
        return Audience(principal.reseller_id)
    raise PermissionDenied("The dashboard is for staff and resellers.")


def business_only(audience: Audience) -> None:
    if audience.reseller_id is not None:
        raise PermissionDenied(
            "This figure compares the whole business; a reseller sees its own figures only.",
            code="business_figures_only",
        )


def check_period(date_from: date, date_to: date, granularity: Granularity) -> None:
    check_range(date_from, date_to, "date_from", "date_to")
    limit = MAX_DAYS[granularity]
    if (date_to - date_from).days >= limit:
        raise ValidationFailed(
            f"A range by {granularity.value} covers at most {limit} days.",
            code="range_too_long",
            details=[
                {"field": "query.date_to", "message": f"at most {limit} days after date_from"}
            ],
        )


# Where an all-time total starts: before any row (a month's first day, so all months are whole).
SINCE_EVER = date(2000, 1, 1)

# The conditions that keep a rollup's rows, given the table (daily or its monthly twin).
Filter = Callable[[Any], list[ColumnElement[bool]]]


def today() -> date:
    return datetime.now(UTC).date()


def sales_of(audience: Audience) -> tuple[Any, Filter]:
    """The audience's daily sales rollup and the condition that keeps its rows."""
    if audience.reseller_id is None:
        return SalesDaily, lambda _: []
    reseller_id = audience.reseller_id
    return ResellerSalesDaily, lambda table: [table.reseller_id == reseller_id]


def revenue_of(table: Any) -> Any:
    """Money taken minus money refunded, summed over a sales rollup's rows."""
    return func.coalesce(func.sum(table.captured_amount - table.refunded_amount), 0)


def _whole_months(date_from: date, date_to: date) -> tuple[date, date] | None:
    """The first and last month lying entirely inside date_from..date_to, if any."""
    first = date_from if date_from.day == 1 else (date_from + timedelta(days=32)).replace(day=1)
    after = date_to + timedelta(days=1)
    last = (after.replace(day=1) - timedelta(days=1)).replace(day=1)
    return (first, last) if first <= last else None


def spanning(
    daily: Any, date_from: date, date_to: date, columns: tuple[str, ...], where: Filter
) -> Subquery:
    """The rows of `daily` for date_from..date_to, read as few as possible: whole months from
    its monthly twin, the days at either end from the daily table. Columns: `columns` (named
    alike in both tables) and `month`, the first day of each row's month."""

    def rows(table: Any, month: Any, within: ColumnElement[bool]) -> Select[Any]:
        picked = [getattr(table, column) for column in columns]
        return select(*picked, month.label("month")).where(within, *where(table))

    def between(column: Any, start: date, end: date) -> ColumnElement[bool]:
        # The dates are written into the SQL: under a generic plan PostgreSQL took the resellers'
        # all-time range for a narrow one and read every reseller's months (6 ms, not 1).
        known = [bindparam(None, day, type_=Date(), literal_execute=True) for day in (start, end)]
        condition: ColumnElement[bool] = column.between(*known)
        return condition

    day_month = func.date_trunc("month", daily.day).cast(Date)
    months = _whole_months(date_from, date_to)
    if months is None:
        return rows(daily, day_month, between(daily.day, date_from, date_to)).subquery()
    first, last = months
    monthly: Any = MONTHLY[daily]
    # Two ranges, not one range and a filter: each end is its own index scan.
    ends = or_(
        between(daily.day, date_from, first - timedelta(days=1)),
        between(daily.day, (last + timedelta(days=32)).replace(day=1), date_to),
    )
    return union_all(
        rows(monthly, monthly.month, between(monthly.month, first, last)),
        rows(daily, day_month, ends),
    ).subquery()
