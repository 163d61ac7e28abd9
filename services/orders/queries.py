"""Finding orders: the filters of the orders screen, one order with its history, statistics."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    CompoundSelect,
    Select,
    TypeDecorator,
    any_,
    bindparam,
    cast,
    false,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload
from sqlalchemy.types import Date

from core.errors import NotFound, ValidationFailed
from core.validators import check_range
from models import OrderSource, OrderStatus, PaymentStatus, PublicUser, ResellerClient, SimOrder
from services.auth.principal import Principal
from services.querying import (
    ID_LIST_ESTIMATE_FACTOR,
    TRUSTED_ESTIMATE_FACTOR,
    Window,
    count_or_estimate,
)
from services.search.postgres import Matcher, matcher, matching
from services.tenancy import scope, sees_all

MAX_STATISTICS_DAYS = 366
# Of orders, or of customers (~5 orders each): beyond this many in one source, a search's
# orders are a sizeable share of all orders.
MAX_RESOLVED_MATCHES = 5_000
# Matches of all sources together below which their orders are counted without an estimate.
NARROW_MATCHES = 1_000


@dataclass(frozen=True)
class OrderFilter:
    search: str | None = None
    source: OrderSource | None = None
    status: OrderStatus | None = None
    payment_status: PaymentStatus | None = None
    network_provider: str | None = None
    reseller_id: int | None = None
    user_id: int | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None

    @property
    def only_search(self) -> bool:
        """Nothing but a search narrows the orders."""
        return self == OrderFilter(search=self.search)

    def conditions(self, search: ColumnElement[bool] | None = None) -> list[ColumnElement[bool]]:
        """`search`: the search already resolved by `resolved_search` (what lists use);
        without it, the same search as subqueries (exports, which stream every match)."""
        c: list[ColumnElement[bool]] = []
        if self.search:
            c.append(search if search is not None else _search(self.search.strip()))
        for column, value in (
            (SimOrder.order_type, self.source),
            (SimOrder.status, self.status),
            (SimOrder.payment_status, self.payment_status),
            (SimOrder.network_provider, self.network_provider),
            (SimOrder.reseller_id, self.reseller_id),
            (SimOrder.user_id, self.user_id),
        ):
            if value is not None:
                c.append(column == value)
        if self.created_from:
            c.append(SimOrder.created_at >= self.created_from)
        if self.created_to:
            c.append(SimOrder.created_at <= self.created_to)
        if self.amount_min is not None:
            c.append(SimOrder.total_amount >= self.amount_min)
        if self.amount_max is not None:
            c.append(SimOrder.total_amount <= self.amount_max)
        return c


def _search(text: str) -> ColumnElement[bool]:
    """The order's own number or tracking number, or its customer (app user or reseller
    client) matches, the way /api/search/ matches them."""
    return or_(
        matching(SimOrder, text),
        SimOrder.user_id.in_(select(PublicUser.id).where(matching(PublicUser, text))),
        SimOrder.client_id.in_(select(ResellerClient.id).where(matching(ResellerClient, text))),
    )


@dataclass(frozen=True)
class ResolvedSearch:
    condition: ColumnElement[bool]
    # How many ids the condition lists; None for the subquery form.
    listed: int | None
    # How many orders the search matches by itself, known without counting them: from its
    # customers' `orders_count` (an order has one customer, so none is counted twice) or the
    # orders found by their own number; None when both kinds matched or it was not resolved.
    orders: int | None = None

    @property
    def nothing(self) -> bool:
        """No order, customer or client matched: no order can, whatever the other filters."""
        return self.listed == 0

    @property
    def narrow(self) -> bool:
        """Few enough matches that their orders are most likely under the exact-count limit:
        counted without asking the planner first."""
        return self.listed is not None and self.listed <= NARROW_MATCHES

    @property
    def trusted_factor(self) -> float:
        """How far past the exact-count limit the planner's estimate is taken without counting:
        sooner for id lists, which it estimates well."""
        return TRUSTED_ESTIMATE_FACTOR if self.listed is None else ID_LIST_ESTIMATE_FACTOR


class _IdArray(TypeDecorator[list[int]]):
    """A list of ids written into the SQL as one array constant, `'{1,2,3}'::bigint[]`: the
    planner sees every value (true estimates), and rendering it is one join, where an IN list
    renders each id on its own (~1 ms for 600 ids, in every statement that carries them)."""

    impl = ARRAY(BigInteger)
    cache_ok = True

    def literal_processor(self, dialect: Dialect) -> Callable[[list[int]], str]:
        def render(ids: list[int]) -> str:
            return "'{" + ",".join(str(int(i)) for i in ids) + "}'::bigint[]"

        return render


# Where a search's matches are looked up, the order column their ids are matched against, and
# how many orders each match stands for.
_MATCH_SOURCES: tuple[tuple[type[Any], Any, Any], ...] = (
    (SimOrder, SimOrder.id, literal(1)),
    (PublicUser, SimOrder.user_id, PublicUser.orders_count),
    (ResellerClient, SimOrder.client_id, ResellerClient.orders_count),
)


async def resolved_search(db: AsyncSession, text: str) -> ResolvedSearch:
    """`_search` with its matches looked up first, in one statement through their search
    indexes (orders by their own number, app users, reseller clients), and written into the
    statement as id lists. Against subqueries PostgreSQL can only test the OR row by row
    (counting a common surname's orders read all of sim_orders: 1.2 s at a million), and it
    guesses a text condition at 2% of rows (a search matching nothing or a rare name walked the
    whole sort index for a page: 0.4 s). With constant lists each branch is an index scan, all
    combined in one bitmap, and the planner knows how many orders match. Inlined rather than
    bound: a constant list gets a hashed lookup and true estimates even under a generic plan.
    Past `MAX_RESOLVED_MATCHES` in a source (a search for a few letters) the matches are dense
    enough for the subquery form to find a page by walking the sort index."""
    match = matcher(text)
    found: list[list[int]] = [[] for _ in _MATCH_SOURCES]
    orders = [0 for _ in _MATCH_SOURCES]
    values = {**match.values, "cap": MAX_RESOLVED_MATCHES + 1}
    if (lookups := _LOOKUPS.get(match.shape)) is None:
        lookups = _LOOKUPS[match.shape] = _lookups(match)
    for source, ids, count in await db.execute(lookups, values):
        found[source], orders[source] = ids or [], count or 0
    if max(map(len, found)) > MAX_RESOLVED_MATCHES:
        return ResolvedSearch(_search(text), listed=None)
    matches = [
        column == any_(bindparam(None, ids, type_=_IdArray(), literal_execute=True))
        for (_, column, _), ids in zip(_MATCH_SOURCES, found, strict=True)
        if ids
    ]
    # An order found by its number may also be a matched customer's.
    by_number, *customers = found
    overlapping = bool(by_number) and any(customers)
    return ResolvedSearch(
        or_(*matches) if matches else false(),
        listed=sum(map(len, found)),
        orders=None if overlapping else sum(orders),
    )


def _lookups(match: Matcher) -> CompoundSelect[Any]:
    """Per source: the ids of up to `cap` matches and how many orders they stand for,
    aggregated in the database (a row per source, not per match)."""
    sources = []
    for source, (model, _, orders) in enumerate(_MATCH_SOURCES):
        found = (
            select(model.id.label("id"), orders.label("orders"))
            .where(match.condition(model))
            .limit(bindparam("cap"))
            .subquery()
        )
        sources.append(
            select(literal(source), func.array_agg(found.c.id), func.sum(found.c.orders))
        )
    return union_all(*sources)


# The lookup statement of each shape of search text (there are four): building it costs more
# Python than running it.
_LOOKUPS: dict[Hashable, CompoundSelect[Any]] = {}


async def list_orders(
    db: AsyncSession,
    principal: Principal,
    filters: OrderFilter,
    order_by: Sequence[Any],
    window: Window,
) -> tuple[list[SimOrder], int, bool]:
    search = await resolved_search(db, filters.search.strip()) if filters.search else None
    if search is not None and search.nothing:
        return [], 0, True
    query: Select[Any] = scope(select(SimOrder), principal, SimOrder).where(
        *filters.conditions(search.condition if search else None)
    )
    # The search's own number of orders is the total when nothing else narrows them.
    known = search.orders if search and filters.only_search and sees_all(principal) else None
    total, exact = (known, True) if known is not None else await _counted(db, query, search, window)
    # A search's customers are in the newest-first index: its page's ids come from there.
    ids_first = search is not None and search.listed is not None
    rows = await db.scalars(window.apply(query.order_by(*order_by), ids_first=ids_first))
    return list(rows), total, exact


async def _counted(
    db: AsyncSession, query: Select[Any], search: ResolvedSearch | None, window: Window
) -> tuple[int, bool]:
    narrow = search is not None and search.narrow
    factor = search.trusted_factor if search else TRUSTED_ESTIMATE_FACTOR
    return await count_or_estimate(
        db, query, window.count_limit, narrow=narrow, trusted_factor=factor
    )


async def get_order(db: AsyncSession, principal: Principal, order_id: int) -> SimOrder:
    query = (
        scope(select(SimOrder), principal, SimOrder)
        .where(SimOrder.id == order_id)
        .options(selectinload(SimOrder.status_history))
        # The order may already be in the session with an older history loaded.
        .execution_options(populate_existing=True)
    )
    order: SimOrder | None = (await db.scalars(query)).one_or_none()
    if order is None:
        raise NotFound("No such order.")
    return order


@dataclass(frozen=True)
class Statistics:
    by_status: list[tuple[str, int, Decimal]]
    by_source: list[tuple[str, int, Decimal]]
    by_day: list[tuple[date, int, Decimal]]


async def statistics(
    db: AsyncSession, principal: Principal, date_from: date, date_to: date
) -> Statistics:
    check_range(date_from, date_to, "date_from", "date_to")
    if (date_to - date_from).days >= MAX_STATISTICS_DAYS:
        raise ValidationFailed(
            f"Statistics cover at most {MAX_STATISTICS_DAYS} days at a time.",
            details=[{"field": "query.date_to", "message": "range too long"}],
        )
    day = cast(SimOrder.created_at, Date)
    base = scope(select(), principal, SimOrder).where(day >= date_from, day <= date_to)

    async def grouped(key: Any) -> list[Any]:
        query = base.add_columns(
            key, func.count(), func.coalesce(func.sum(SimOrder.total_amount), 0)
        )
        rows = await db.execute(query.group_by(key).order_by(key))
        return [(k.value if hasattr(k, "value") else k, n, Decimal(s)) for k, n, s in rows]

    return Statistics(
        by_status=await grouped(SimOrder.status),
        by_source=await grouped(SimOrder.order_type),
        by_day=await grouped(day),
    )
