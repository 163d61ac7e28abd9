"""Row-level tenancy, applied in one place: staff see every row, a reseller login sees only
its reseller's rows, an app user only their own. Every list, export and lookup of tenant data
goes through `scope`, whatever filters the caller adds on top."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, false
from sqlalchemy.orm import InstrumentedAttribute

from models import PublicUser, Reseller, ResellerClient, SimOrder, SupportTicket, Transaction
from models.identity import AccountKind
from services.auth.principal import Principal

# For each tenant-owned model: the column naming its reseller, and the one naming its app user.
# A model missing here, or a None column, is invisible to that kind of account.
OWNERS: dict[
    type[Any], tuple[InstrumentedAttribute[Any] | None, InstrumentedAttribute[Any] | None]
] = {
    PublicUser: (None, PublicUser.id),
    Reseller: (Reseller.id, None),
    ResellerClient: (ResellerClient.reseller_id, None),
    SimOrder: (SimOrder.reseller_id, SimOrder.user_id),
    Transaction: (Transaction.reseller_id, Transaction.user_id),
    SupportTicket: (SupportTicket.reseller_id, SupportTicket.user_id),
}


def sees_all(principal: Principal) -> bool:
    """Whether `scope` leaves every query as it is for this principal."""
    return principal.kind is AccountKind.staff


def scope(query: Select[Any], principal: Principal, model: type[Any]) -> Select[Any]:
    if sees_all(principal):
        return query
    reseller_column, user_column = OWNERS.get(model, (None, None))
    if principal.kind is AccountKind.reseller and reseller_column is not None:
        return query.where(reseller_column == principal.reseller_id)
    if principal.kind is AccountKind.public and user_column is not None:
        return query.where(user_column == principal.public_user_id)
    return query.where(false())


def tenancy_of(principal: Principal) -> tuple[AccountKind, int | None, int | None]:
    """What `scope` reads of a principal: callers with the same tenancy get the same SQL."""
    return principal.kind, principal.reseller_id, principal.public_user_id


def may_see(
    principal: Principal, model: type[Any], *, reseller_id: int | None, user_id: int | None
) -> bool:
    """`scope` for one row already in hand (a live event about it): the same owners decide."""
    if sees_all(principal):
        return True
    reseller_column, user_column = OWNERS.get(model, (None, None))
    if principal.kind is AccountKind.reseller and reseller_column is not None:
        return reseller_id is not None and reseller_id == principal.reseller_id
    if principal.kind is AccountKind.public and user_column is not None:
        return user_id is not None and user_id == principal.public_user_id
    return False
