"""Exports: the rows a list shows — same filters, same tenancy — as a stream of plain values for
`services.tabular`, read from the database in batches so any size streams in flat memory.

Personal documents stay out: a user export carries the KYC document type, never its number
(one person's full data is `GET /api/users/{id}/data-export/`)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import PublicUser, Reseller, ResellerClient, SimOrder, SimPlan
from services.auth.principal import Principal
from services.querying import EXPORT_BATCH
from services.tenancy import scope

COLUMNS: dict[type[Any], tuple[str, ...]] = {
    Reseller: (
        "id", "business_name", "contact_person", "email", "phone", "address", "city", "state",
        "country", "status", "status_reason", "credit_limit", "current_balance",
        "commission_rate", "currency", "created_at", "updated_at",
    ),
    ResellerClient: (
        "id", "reseller_id", "client_name", "client_email", "client_phone", "plan_id", "status",
        "monthly_limit", "current_usage", "created_at",
    ),
    PublicUser: (
        "id", "full_name", "email", "phone", "address", "city", "state", "postal_code",
        "date_of_birth", "id_document_type", "status", "status_reason", "email_verified_at",
        "phone_verified_at", "created_at", "updated_at",
    ),
    SimPlan: (
        "id", "code", "name", "category_id", "network_provider", "sim_type", "data_mb",
        "voice_minutes", "sms_count", "validity_days", "price", "currency",
        "reseller_price_floor", "description", "is_active", "created_at", "updated_at",
    ),
    SimOrder: (
        "id", "order_number", "order_type", "user_id", "reseller_id", "client_id", "plan_id",
        "sim_type", "network_provider", "plan_name", "plan_price", "delivery_fee",
        "service_charge", "tax_amount", "total_amount", "currency", "status", "payment_status",
        "courier", "delivery_tracking_number", "delivery_eta", "delivery_address", "created_at",
        "updated_at", "dispatched_at", "delivered_at", "activated_at", "cancelled_at",
    ),
}  # fmt: skip


def query(
    model: type[Any],
    principal: Principal,
    conditions: Sequence[ColumnElement[bool]],
    *,
    tenant_owned: bool = True,
) -> Select[Any]:
    """The export's rows in id order: `COLUMNS[model]` of the rows the list would show."""
    columns = [getattr(model, name) for name in COLUMNS[model]]
    statement = select(*columns).where(*conditions).order_by(model.id)
    # The catalogue belongs to no tenant: whoever may read it may export it.
    return scope(statement, principal, model) if tenant_owned else statement


async def rows(db: AsyncSession, statement: Select[Any]) -> AsyncIterator[Sequence[Any]]:
    result = await db.stream(statement.execution_options(yield_per=EXPORT_BATCH))
    async for partition in result.partitions():
        for row in partition:
            yield tuple(row)
