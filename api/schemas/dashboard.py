"""Dashboard answers. Money leaves as strings with two decimals, like everywhere else."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from api.schemas import MoneyOut


class Metric(BaseModel):
    value: MoneyOut
    previous: MoneyOut | None = Field(
        description="The same figure for the previous period (yesterday; the same days of last "
        "month; a total: when this month began); null for a gauge of the present moment"
    )
    change_percent: float | None = Field(description="null when previous is null or zero")


class CountMetric(BaseModel):
    value: int
    previous: int | None
    change_percent: float | None


class DashboardMetrics(BaseModel):
    """Business-wide for staff; a reseller's own figures for a reseller login, which leaves
    out the figures that describe the whole business (null)."""

    on: date = Field(description="The UTC day the figures are for")
    orders_today: CountMetric
    orders_month: CountMetric
    revenue_today: Metric
    revenue_month: Metric
    revenue_total: Metric
    pending_orders: CountMetric
    reseller_clients: CountMetric
    open_tickets: CountMetric
    public_users: CountMetric | None
    resellers: CountMetric | None
    active_staff_sessions: CountMetric | None


class SourceFigures(BaseModel):
    orders: int
    gross: MoneyOut
    revenue: MoneyOut


class TrendPeriod(BaseModel):
    period: date = Field(description="First day of the day, ISO week (Monday) or month")
    orders: int
    gross: MoneyOut = Field(description="Total of the orders placed (the statistics' amount)")
    revenue: MoneyOut = Field(description="Money taken minus refunds")
    app: SourceFigures
    reseller: SourceFigures


class SalesTrends(BaseModel):
    date_from: date
    date_to: date
    granularity: str
    periods: list[TrendPeriod]


class ResellerRankRead(BaseModel):
    reseller_id: int
    business_name: str
    orders: int
    revenue: MoneyOut
    new_clients: int


class TopResellers(BaseModel):
    date_from: date
    date_to: date
    by: str
    items: list[ResellerRankRead]


class ShareRead(BaseModel):
    key: str
    label: str
    orders: int
    revenue: MoneyOut
    share_percent: float = Field(description="Of the period's revenue; 0 when there was none")


class RevenueDistribution(BaseModel):
    date_from: date
    date_to: date
    by: str
    total_revenue: MoneyOut
    items: list[ShareRead]


class RegistrationPeriod(BaseModel):
    period: date
    users: int
    resellers: int
    clients: int


class RegistrationTrends(BaseModel):
    date_from: date
    date_to: date
    granularity: str
    periods: list[RegistrationPeriod]


class ActivityRead(BaseModel):
    kind: str = Field(
        description="order_placed, user_registered, reseller_registered, client_added or "
        "reseller_event (an audited change to a reseller, or done by a reseller login)"
    )
    occurred_at: datetime
    entity_type: str
    entity_id: int
    summary: str


class ActivityFeed(BaseModel):
    """Newest first. No total: counting every order and registration would cost more than
    the page; `has_more` says whether another page follows (up to 1,000 entries deep)."""

    items: list[ActivityRead]
    page: int
    page_size: int
    has_more: bool


class ViewedItem(BaseModel):
    kind: str = Field(description="order, reseller or user")
    id: int
    label: str
    viewed_at: datetime
