"""The searchable types: which table, who may read it, what a hit shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, true
from sqlalchemy.orm import InstrumentedAttribute

from models import PublicUser, Reseller, ResellerClient, SimOrder, SimPlan, SupportTicket


@dataclass(frozen=True)
class SearchType:
    name: str
    label: str
    model: type[Any]
    permission: str
    # Tenancy scoping applies (services/tenancy.py); catalogue plans are readable by all.
    tenant_owned: bool
    title: InstrumentedAttribute[Any]
    subtitle: tuple[InstrumentedAttribute[Any], ...]
    # Equal to the whole query (case-insensitively) ranks a row first: an order number typed
    # in full must be the top hit, whatever else mentions it.
    exact: tuple[InstrumentedAttribute[Any], ...]
    # Rows that exist but must not be found (soft-deleted resellers).
    visible: ColumnElement[bool]


_TYPES = (
    SearchType(
        name="orders", label="Orders", model=SimOrder, permission="orders:read",
        tenant_owned=True, title=SimOrder.order_number,
        subtitle=(SimOrder.plan_name, SimOrder.status, SimOrder.delivery_tracking_number),
        exact=(SimOrder.order_number, SimOrder.delivery_tracking_number), visible=true(),
    ),
    SearchType(
        name="users", label="App users", model=PublicUser, permission="users:read",
        tenant_owned=True, title=PublicUser.full_name,
        subtitle=(PublicUser.email, PublicUser.phone, PublicUser.city),
        exact=(PublicUser.email, PublicUser.phone), visible=true(),
    ),
    SearchType(
        name="resellers", label="Resellers", model=Reseller, permission="resellers:read",
        tenant_owned=True, title=Reseller.business_name,
        subtitle=(Reseller.contact_person, Reseller.email, Reseller.phone, Reseller.city),
        exact=(Reseller.email, Reseller.phone), visible=Reseller.deleted_at.is_(None),
    ),
    SearchType(
        name="clients", label="Reseller clients", model=ResellerClient,
        permission="clients:read", tenant_owned=True, title=ResellerClient.client_name,
        subtitle=(ResellerClient.client_email, ResellerClient.client_phone),
        exact=(ResellerClient.client_email, ResellerClient.client_phone), visible=true(),
    ),
    SearchType(
        name="plans", label="Plans", model=SimPlan, permission="catalog:read",
        tenant_owned=False, title=SimPlan.name,
        subtitle=(SimPlan.code, SimPlan.network_provider, SimPlan.description),
        exact=(SimPlan.code,), visible=true(),
    ),
    SearchType(
        name="tickets", label="Support tickets", model=SupportTicket,
        permission="support:read", tenant_owned=True, title=SupportTicket.subject,
        subtitle=(SupportTicket.ticket_number, SupportTicket.status),
        exact=(SupportTicket.ticket_number,), visible=true(),
    ),
)  # fmt: skip
TYPES: dict[str, SearchType] = {t.name: t for t in _TYPES}


@dataclass(frozen=True)
class Match:
    """A row found, with its score and the columns a hit shows (`shown_columns`), by key."""

    id: int
    score: float
    values: dict[str, Any]


def shown_columns(spec: SearchType) -> tuple[InstrumentedAttribute[Any], ...]:
    return (spec.title, *spec.subtitle)
