"""What a report may be asked for, published for the custom report builder
(`GET /api/reports/options/`), and the one check every request passes: at the API, and again
in the worker, so a stored job with bad parameters fails with the same readable message.

A request is a kind, a date range (whole days in the reporting time zone, `general.timezone`)
and filters; a custom report also names dimensions to group by and metrics to compute over
orders. A reseller's reports are limited to its own rows (`reseller_scope`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from core.errors import ValidationFailed
from models import OrderSource, OrderStatus, PaymentStatus, ReportKind, SimType

MAX_RANGE_DAYS = 5 * 366
MAX_DIMENSIONS = 4
MAX_METRICS = 10


class FieldType(StrEnum):
    date = "date"
    datetime = "datetime"
    string = "string"
    integer = "integer"
    money = "money"
    enum = "enum"


@dataclass(frozen=True)
class Option:
    name: str
    label: str
    type: FieldType
    choices: tuple[str, ...] = ()


def _by_name(*options: Option) -> dict[str, Option]:
    return {option.name: option for option in options}


def _enum(name: str, label: str, values: type[StrEnum]) -> Option:
    return Option(name, label, FieldType.enum, tuple(v.value for v in values))


ORDER_FILTERS = (
    _enum("status", "Order status", OrderStatus),
    _enum("payment_status", "Payment status", PaymentStatus),
    _enum("source", "Source (app or reseller)", OrderSource),
    _enum("sim_type", "SIM type", SimType),
    Option("network_provider", "Network provider", FieldType.string),
    Option("plan_id", "Plan id", FieldType.integer),
    Option("reseller_id", "Reseller id", FieldType.integer),
    Option("amount_min", "Order total at least", FieldType.money),
    Option("amount_max", "Order total at most", FieldType.money),
)
FILTERS = _by_name(*ORDER_FILTERS, Option("payment_method", "Payment method", FieldType.string))

DIMENSIONS = _by_name(
    Option("day", "Day", FieldType.date),
    Option("week", "Week (starting Monday)", FieldType.date),
    Option("month", "Month", FieldType.date),
    Option("source", "Source", FieldType.enum, ORDER_FILTERS[2].choices),
    Option("status", "Order status", FieldType.enum, ORDER_FILTERS[0].choices),
    Option("payment_status", "Payment status", FieldType.enum, ORDER_FILTERS[1].choices),
    Option("network_provider", "Network provider", FieldType.string),
    Option("sim_type", "SIM type", FieldType.enum, ORDER_FILTERS[3].choices),
    Option("plan_name", "Plan", FieldType.string),
    Option("reseller", "Reseller", FieldType.string),
)
METRICS = _by_name(
    Option("orders", "Orders", FieldType.integer),
    Option("revenue", "Revenue (order totals)", FieldType.money),
    Option("average_order_value", "Average order value", FieldType.money),
    Option("plan_revenue", "Plan revenue", FieldType.money),
    Option("tax", "Tax", FieldType.money),
    Option("delivery_fees", "Delivery fees", FieldType.money),
    Option("service_charges", "Service charges", FieldType.money),
    Option("cancelled_orders", "Cancelled orders", FieldType.integer),
    Option("activated_orders", "Activated orders", FieldType.integer),
)


@dataclass(frozen=True)
class KindInfo:
    label: str
    filters: tuple[str, ...]
    staff_only: bool = False


_ORDER_FILTER_NAMES = tuple(o.name for o in ORDER_FILTERS)
KINDS: dict[ReportKind, KindInfo] = {
    ReportKind.sales: KindInfo("Sales: every order", _ORDER_FILTER_NAMES),
    ReportKind.revenue: KindInfo(
        "Revenue per day: payments, refunds, net", ("reseller_id", "payment_method")
    ),
    ReportKind.user_growth: KindInfo(
        "New app users, resellers and reseller clients per day", (), staff_only=True
    ),
    ReportKind.reseller_performance: KindInfo(
        "Orders, revenue, clients and commission per reseller", ("reseller_id",)
    ),
    ReportKind.custom: KindInfo("Custom: dimensions x metrics over orders", _ORDER_FILTER_NAMES),
}


@dataclass(frozen=True)
class ReportSpec:
    kind: ReportKind
    date_from: date
    date_to: date
    timezone: str = "UTC"
    filters: dict[str, Any] = field(default_factory=dict)
    dimensions: tuple[str, ...] = ()
    metrics: tuple[str, ...] = ()
    reseller_scope: int | None = None

    def to_params(self) -> dict[str, Any]:
        """As stored on the job (JSON)."""
        return {
            "date_from": self.date_from.isoformat(),
            "date_to": self.date_to.isoformat(),
            "timezone": self.timezone,
            "filters": {
                k: str(v) if isinstance(v, Decimal) else v for k, v in self.filters.items()
            },
            "dimensions": list(self.dimensions),
            "metrics": list(self.metrics),
            "reseller_scope": self.reseller_scope,
        }


def options() -> dict[str, Any]:
    """The builder's catalogue, as the API publishes it."""

    def described(option: Option) -> dict[str, Any]:
        return {
            "name": option.name,
            "label": option.label,
            "type": option.type.value,
            "choices": list(option.choices),
        }

    return {
        "kinds": [
            {"kind": kind.value, "label": info.label, "filters": list(info.filters)}
            for kind, info in KINDS.items()
        ],
        "dimensions": [described(o) for o in DIMENSIONS.values()],
        "metrics": [described(o) for o in METRICS.values()],
        "filters": [described(o) for o in FILTERS.values()],
        "max_range_days": MAX_RANGE_DAYS,
        "max_dimensions": MAX_DIMENSIONS,
    }


class _Problems:
    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.items: list[dict[str, str]] = []

    def add(self, path: str, message: str, kind: str = "value_error") -> None:
        self.items.append({"field": f"{self.prefix}.{path}", "message": message, "type": kind})


def parse(
    kind: ReportKind,
    params: dict[str, Any],
    *,
    timezone: str = "UTC",
    reseller_scope: int | None = None,
    prefix: str = "body",
) -> ReportSpec:
    """A checked request, or ValidationFailed listing every problem with its field path."""
    problems = _Problems(prefix)
    date_from = _date(params.get("date_from"), "date_from", problems)
    date_to = _date(params.get("date_to"), "date_to", problems)
    if date_from and date_to:
        if date_to < date_from:
            problems.add("date_to", "must not be before date_from", "range_reversed")
        elif (date_to - date_from).days + 1 > MAX_RANGE_DAYS:
            problems.add(
                "date_to", f"a report covers at most {MAX_RANGE_DAYS} days", "range_too_long"
            )
    info = KINDS[kind]
    filters = _filters(params.get("filters") or {}, info, problems)
    dimensions = _names(params.get("dimensions") or [], "dimensions", DIMENSIONS, problems)
    metrics = _names(params.get("metrics") or [], "metrics", METRICS, problems)
    if kind is ReportKind.custom:
        if not params.get("dimensions"):
            problems.add("dimensions", "a custom report needs at least one dimension", "missing")
        if not params.get("metrics"):
            problems.add("metrics", "a custom report needs at least one metric", "missing")
        if len(dimensions) > MAX_DIMENSIONS:
            problems.add("dimensions", f"at most {MAX_DIMENSIONS} dimensions", "too_many")
        if len(metrics) > MAX_METRICS:
            problems.add("metrics", f"at most {MAX_METRICS} metrics", "too_many")
    else:
        for name, chosen in (("dimensions", dimensions), ("metrics", metrics)):
            if chosen:
                problems.add(name, f"only custom reports take {name}", "not_allowed")
    if problems.items or date_from is None or date_to is None:
        raise ValidationFailed("The report request is not valid.", details=problems.items)
    return ReportSpec(
        kind, date_from, date_to, timezone, filters, dimensions, metrics, reseller_scope
    )


def from_params(kind: ReportKind, params: dict[str, Any]) -> ReportSpec:
    """A stored job's parameters, checked again (the catalogue may have changed since)."""
    return parse(
        kind,
        params,
        timezone=str(params.get("timezone") or "UTC"),
        reseller_scope=params.get("reseller_scope"),
        prefix="params",
    )


def _date(value: Any, name: str, problems: _Problems) -> date | None:
    if isinstance(value, date):
        return value
    if value is None:
        problems.add(name, "is required", "missing")
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        problems.add(name, "must be a date, YYYY-MM-DD", "date_parsing")
        return None


def _names(value: Any, path: str, known: dict[str, Option], problems: _Problems) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.add(path, "must be a list of names", "list_type")
        return ()
    for index, name in enumerate(value):
        if name not in known:
            problems.add(
                f"{path}.{index}",
                f"unknown {path[:-1]} {name!r}; known: {', '.join(known)}",
                "unknown",
            )
    if len(set(value)) != len(value):
        problems.add(path, "names must not repeat", "duplicate")
    return tuple(v for v in value if v in known)


def _filters(value: Any, info: KindInfo, problems: _Problems) -> dict[str, Any]:
    if not isinstance(value, dict):
        problems.add("filters", "must be an object of filter names to values", "dict_type")
        return {}
    parsed: dict[str, Any] = {}
    for name, raw in value.items():
        if name not in info.filters:
            allowed = ", ".join(info.filters) or "none"
            problems.add(f"filters.{name}", f"unknown filter; allowed: {allowed}", "unknown")
            continue
        option = FILTERS[name]
        try:
            parsed[name] = _typed(option, raw)
        except ValueError as error:
            problems.add(f"filters.{name}", str(error), f"{option.type.value}_type")
    low, high = parsed.get("amount_min"), parsed.get("amount_max")
    if low is not None and high is not None and low > high:
        problems.add("filters.amount_max", "must not be below amount_min", "range_reversed")
    return parsed


def _typed(option: Option, raw: Any) -> Any:
    if option.type is FieldType.enum:
        if raw not in option.choices:
            raise ValueError(f"must be one of: {', '.join(option.choices)}")
        return raw
    if option.type is FieldType.integer:
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 1:
            raise ValueError("must be a positive whole number")
        return raw
    if option.type is FieldType.money:
        try:
            amount = Decimal(str(raw))
        except InvalidOperation:
            raise ValueError("must be an amount, e.g. 25.00") from None
        if isinstance(raw, bool) or not amount.is_finite() or not 0 <= amount <= 10**9:
            raise ValueError("must be an amount between 0 and 1000000000")
        return amount
    if not isinstance(raw, str) or not 1 <= len(raw.strip()) <= 100:
        raise ValueError("must be text of 1 to 100 characters")
    return raw.strip()
