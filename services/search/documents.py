"""What a row looks like in Meilisearch: its searchable fields plus the tenancy fields
(`reseller_id`, `user_id`, from services/tenancy.OWNERS) that every search filters on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Column, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql import visitors

from models import PublicUser, ResellerClient, SimOrder
from services.search.types import SearchType
from services.tenancy import OWNERS


def searchable(spec: SearchType) -> list[str]:
    """Attributes in ranking order: the title first, exact identifiers next."""
    names = [spec.title.key, *(c.key for c in spec.exact), *(c.key for c in spec.subtitle)]
    if spec.model is SimOrder:
        names += ["customer_name", "customer_phone"]
    return list(dict.fromkeys(names))


def _fields(spec: SearchType) -> dict[str, InstrumentedAttribute[Any]]:
    """Document field → the row's column it copies."""
    reseller_column, user_column = OWNERS.get(spec.model, (None, None))
    columns = {c.key: c for c in (spec.title, *spec.exact, *spec.subtitle)}
    if reseller_column is not None:
        columns["reseller_id"] = reseller_column
    if user_column is not None:
        columns["user_id"] = user_column
    return columns


def source_attributes(spec: SearchType) -> frozenset[str]:
    """The row's attributes its document depends on: changing any other (a login time, a
    balance) leaves the document as it was."""
    names = {column.key for column in _fields(spec).values()}
    names |= {column.key for column in visitors.iterate(spec.visible) if isinstance(column, Column)}
    if spec.model is SimOrder:  # customer_name and customer_phone come from these
        names |= {SimOrder.user_id.key, SimOrder.client_id.key}
    return frozenset(names)


async def documents(
    db: AsyncSession, spec: SearchType, ids: Sequence[int]
) -> tuple[list[dict[str, Any]], list[int]]:
    """The documents of the rows `ids` that should be found, and the ids that should not
    (deleted, or hidden such as a soft-deleted reseller)."""
    model = spec.model
    columns = _fields(spec)
    query = select(model.id, model.created_at, *columns.values()).where(
        model.id.in_(ids), spec.visible
    )
    if model is SimOrder:
        query = query.add_columns(
            PublicUser.full_name.label("user_name"), PublicUser.phone.label("user_phone"),
            ResellerClient.client_name, ResellerClient.client_phone,
        ).outerjoin(PublicUser, SimOrder.user_id == PublicUser.id).outerjoin(
            ResellerClient, SimOrder.client_id == ResellerClient.id
        )  # fmt: skip
    found: list[dict[str, Any]] = []
    for row in await db.execute(query):
        document = {name: _plain(getattr(row, column.key)) for name, column in columns.items()}
        document |= {"id": row.id, "created_at": int(row.created_at.timestamp())}
        if model is SimOrder:
            document["customer_name"] = row.user_name or row.client_name or ""
            document["customer_phone"] = row.user_phone or row.client_phone or ""
        found.append(document)
    present = {d["id"] for d in found}
    return found, [i for i in ids if i not in present]


def _plain(value: Any) -> Any:
    return str(value) if hasattr(value, "value") else value
