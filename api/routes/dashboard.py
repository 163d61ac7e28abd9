"""/api/dashboard/: the back office's figures, from the daily rollups, cached in Redis.

Staff see the whole business. A reseller login (its owner role has `dashboard:read`) sees its
own metrics, sales trend and activity; rankings and distributions that compare resellers or
describe the whole business answer 403 to it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel

from api.deps import RedisDep, SessionDep
from api.listing import PaginationDep, only_params
from api.schemas.dashboard import (
    ActivityFeed,
    ActivityRead,
    CountMetric,
    DashboardMetrics,
    Metric,
    RegistrationPeriod,
    RegistrationTrends,
    ResellerRankRead,
    RevenueDistribution,
    SalesTrends,
    ShareRead,
    SourceFigures,
    TopResellers,
    TrendPeriod,
    ViewedItem,
)
from api.security import require
from services.analytics import dashboard, feed, metrics, trends
from services.analytics.dashboard import Audience, Granularity
from services.analytics.metrics import Figure
from services.analytics.trends import Dimension, TopBy
from services.auth.principal import Principal
from services.cache import DashboardCache
from services.recent import RecentlyViewed, labels_of

router = APIRouter(prefix="/api/dashboard", tags=["dashboard"])
Readers = Annotated[Principal, require("dashboard:read")]
DateFrom = Annotated[
    date | None, Query(description="First day (UTC); default: 29 days before date_to")
]
DateTo = Annotated[date | None, Query(description="Last day (UTC), included; default: today")]
DEFAULT_DAYS = 30
ZERO = Decimal("0")


def _period(
    principal: Principal,
    date_from: date | None,
    date_to: date | None,
    granularity: Granularity,
    *,
    business_only: bool = False,
) -> tuple[Audience, date, date]:
    """Whose figures and which days (default: the last 30), refused before any work if this
    login may not see them or the range is too long for the granularity."""
    audience = dashboard.audience_of(principal)
    if business_only:
        dashboard.business_only(audience)
    end = date_to or dashboard.today()
    start = date_from or end - timedelta(days=DEFAULT_DAYS - 1)
    dashboard.check_period(start, end, granularity)
    return audience, start, end


async def _cached(
    redis: RedisDep, audience: Audience, name: str, params: dict[str, Any],
    compute: Callable[[], Awaitable[BaseModel]],
) -> Response:  # fmt: skip
    async def encode() -> bytes:
        return (await compute()).model_dump_json().encode()

    body = await DashboardCache(redis).answer(audience.key, name, params, encode)
    return Response(body, media_type="application/json")


def _percent(value: Decimal, previous: Decimal | None) -> float | None:
    if not previous:
        return None
    return round(float((value - previous) / previous * 100), 1)


def _money(figure: Figure) -> Metric:
    return Metric(
        value=figure.value,
        previous=figure.previous,
        change_percent=_percent(figure.value, figure.previous),
    )


def _count(figure: Figure) -> CountMetric:
    previous = None if figure.previous is None else int(figure.previous)
    return CountMetric(
        value=int(figure.value),
        previous=previous,
        change_percent=_percent(figure.value, figure.previous),
    )


@router.get("/metrics/", response_model=DashboardMetrics, dependencies=[only_params()])
async def dashboard_metrics(principal: Readers, db: SessionDep, redis: RedisDep) -> Response:
    """Today's, this month's and all-time figures, each with the previous period's."""
    audience, on = dashboard.audience_of(principal), dashboard.today()

    async def compute() -> DashboardMetrics:
        figures = (await metrics.metrics(db, audience, on)).figures

        def optional(name: str) -> CountMetric | None:
            return _count(figures[name]) if name in figures else None

        return DashboardMetrics(
            on=on,
            orders_today=_count(figures["orders_today"]),
            orders_month=_count(figures["orders_month"]),
            revenue_today=_money(figures["revenue_today"]),
            revenue_month=_money(figures["revenue_month"]),
            revenue_total=_money(figures["revenue_total"]),
            pending_orders=_count(figures["pending_orders"]),
            reseller_clients=_count(figures["reseller_clients"]),
            open_tickets=_count(figures["open_tickets"]),
            public_users=optional("public_users"),
            resellers=optional("resellers"),
            active_staff_sessions=optional("active_staff_sessions"),
        )

    return await _cached(redis, audience, "metrics", {"on": on}, compute)


@router.get(
    "/sales-trends/",
    response_model=SalesTrends,
    dependencies=[only_params("date_from", "date_to", "granularity")],
)
async def sales_trends(
    principal: Readers,
    db: SessionDep,
    redis: RedisDep,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    granularity: Granularity = Granularity.day,
) -> Response:
    """Orders, gross and revenue per day, ISO week or month, split by app and reseller sales
    (a day range of at most 366 days, weeks 5 years, months 10 years)."""
    audience, start, end = _period(principal, date_from, date_to, granularity)

    async def compute() -> SalesTrends:
        periods, points = await trends.sales_trends(db, audience, start, end, granularity)
        by_period: dict[tuple[date, str], trends.TrendPoint] = {
            (p.period, p.source): p for p in points
        }

        def figures(period: date, source: str) -> SourceFigures:
            point = by_period.get((period, source))
            if point is None:
                return SourceFigures(orders=0, gross=ZERO, revenue=ZERO)
            return SourceFigures(orders=point.orders, gross=point.gross, revenue=point.revenue)

        rows = []
        for period in periods:
            app, reseller = figures(period, "app_user"), figures(period, "reseller_client")
            rows.append(
                TrendPeriod(
                    period=period,
                    orders=app.orders + reseller.orders,
                    gross=app.gross + reseller.gross,
                    revenue=app.revenue + reseller.revenue,
                    app=app,
                    reseller=reseller,
                )
            )
        return SalesTrends(
            date_from=start, date_to=end, granularity=granularity.value, periods=rows
        )

    params = {"from": start, "to": end, "granularity": granularity.value}
    return await _cached(redis, audience, "sales-trends", params, compute)


@router.get(
    "/top-resellers/",
    response_model=TopResellers,
    dependencies=[only_params("date_from", "date_to", "by", "limit")],
)
async def top_resellers(
    principal: Readers,
    db: SessionDep,
    redis: RedisDep,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    by: TopBy = TopBy.revenue,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> Response:
    """Resellers ranked by revenue, orders or new clients in the period (staff only)."""
    audience, start, end = _period(
        principal, date_from, date_to, Granularity.month, business_only=True
    )

    async def compute() -> TopResellers:
        ranks = await trends.top_resellers(db, start, end, by, limit)
        items = [
            ResellerRankRead(
                reseller_id=r.reseller_id,
                business_name=r.business_name,
                orders=r.orders,
                revenue=r.revenue,
                new_clients=r.clients,
            )
            for r in ranks
        ]
        return TopResellers(date_from=start, date_to=end, by=by.value, items=items)

    params = {"from": start, "to": end, "by": by.value, "limit": limit}
    return await _cached(redis, audience, "top-resellers", params, compute)


@router.get(
    "/revenue-distribution/",
    response_model=RevenueDistribution,
    dependencies=[only_params("date_from", "date_to", "by")],
)
async def revenue_distribution(
    principal: Readers,
    db: SessionDep,
    redis: RedisDep,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    by: Dimension = Dimension.provider,
) -> Response:
    """The period's revenue by network provider, plan, source or payment method (staff only)."""
    audience, start, end = _period(
        principal, date_from, date_to, Granularity.month, business_only=True
    )

    async def compute() -> RevenueDistribution:
        shares = await trends.revenue_distribution(db, start, end, by)
        total = sum((s.revenue for s in shares), ZERO)
        items = [
            ShareRead(
                key=s.key,
                label=s.label,
                orders=s.orders,
                revenue=s.revenue,
                share_percent=round(float(s.revenue / total * 100), 1) if total else 0.0,
            )
            for s in shares
        ]
        return RevenueDistribution(
            date_from=start, date_to=end, by=by.value, total_revenue=total, items=items
        )

    params = {"from": start, "to": end, "by": by.value}
    return await _cached(redis, audience, "revenue-distribution", params, compute)


@router.get(
    "/registration-trends/",
    response_model=RegistrationTrends,
    dependencies=[only_params("date_from", "date_to", "granularity")],
)
async def registration_trends(
    principal: Readers,
    db: SessionDep,
    redis: RedisDep,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    granularity: Granularity = Granularity.day,
) -> Response:
    """New app users, resellers and reseller clients per period (staff only)."""
    audience, start, end = _period(principal, date_from, date_to, granularity, business_only=True)

    async def compute() -> RegistrationTrends:
        periods, points = await trends.registration_trends(db, start, end, granularity)
        counts = {(p.period, p.kind): p.registrations for p in points}
        rows = [
            RegistrationPeriod(
                period=period,
                users=counts.get((period, "user"), 0),
                resellers=counts.get((period, "reseller"), 0),
                clients=counts.get((period, "client"), 0),
            )
            for period in periods
        ]
        return RegistrationTrends(
            date_from=start, date_to=end, granularity=granularity.value, periods=rows
        )

    params = {"from": start, "to": end, "granularity": granularity.value}
    return await _cached(redis, audience, "registration-trends", params, compute)


@router.get("/recent-activities/", response_model=ActivityFeed, dependencies=[only_params()])
async def recent_activities(
    principal: Readers, db: SessionDep, redis: RedisDep, paging: PaginationDep
) -> Response:
    """Latest orders, registrations and reseller changes, merged newest first."""
    audience = dashboard.audience_of(principal)
    feed.check_depth(paging.offset, paging.page_size)

    async def compute() -> ActivityFeed:
        items, more = await feed.recent(db, audience, paging.offset, paging.page_size)
        return ActivityFeed(
            items=[ActivityRead.model_validate(item, from_attributes=True) for item in items],
            page=paging.page,
            page_size=paging.page_size,
            has_more=more,
        )

    params = {"page": paging.page, "page_size": paging.page_size}
    return await _cached(redis, audience, "recent-activities", params, compute)


@router.get("/recently-viewed/", response_model=list[ViewedItem], dependencies=[only_params()])
async def recently_viewed(principal: Readers, db: SessionDep, redis: RedisDep) -> list[ViewedItem]:
    """The orders, resellers and users this login opened last (newest first, at most 10);
    items it may no longer see are left out."""
    viewed = await RecentlyViewed(redis).items(principal.account_id)
    labels = await labels_of(db, principal, [(v.kind, v.item_id) for v in viewed])
    return [
        ViewedItem(
            kind=v.kind,
            id=v.item_id,
            label=labels[(v.kind, v.item_id)],
            viewed_at=datetime.fromtimestamp(v.viewed_at, UTC),
        )
        for v in viewed
        if (v.kind, v.item_id) in labels
    ]
