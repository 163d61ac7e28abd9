"""Saved views: a person's named filters and sort of one of the panel's lists, kept with their
account so they follow them to any browser. Each person sees and changes only their own.

Saving under a name a view of that list already has (in any letter case) replaces that view's
parameters: the panel's "save as" overwrites, as a file dialog does. Renaming onto another
view's name is refused instead, since it would silently delete that view."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import Conflict, NotFound, ValidationFailed
from models import Account, SavedView

# The panel's table ids ("orders", "reseller-orders", "audit-log"): a pattern rather than a
# list, so a new list page needs no change here.
LIST_KEY_PATTERN = r"^[a-z][a-z0-9_.-]{0,49}$"
PARAM_NAME_PATTERN = r"^[a-z][a-z0-9_]{0,49}$"
MAX_NAME_LENGTH = 60
MAX_PARAMS = 30
MAX_PARAMS_BYTES = 2048
MAX_VIEWS_PER_LIST = 50


async def list_views(db: AsyncSession, account_id: int, list_key: str) -> Sequence[SavedView]:
    """Oldest first: a replaced view keeps its place."""
    return (
        await db.scalars(
            select(SavedView)
            .where(SavedView.account_id == account_id, SavedView.list_key == list_key)
            .order_by(SavedView.id)
        )
    ).all()


async def save(
    db: AsyncSession, account_id: int, list_key: str, name: str, params: dict[str, str]
) -> tuple[SavedView, bool]:
    """The view named `name` with these parameters, replaced or created; True when created."""
    _check_params(params)
    await _lock_views_of(db, account_id)
    view = await _named(db, account_id, list_key, name)
    if view is not None:
        view.name, view.params = name, params
        await db.flush()
        return view, False
    count = await db.scalar(
        select(func.count())
        .select_from(SavedView)
        .where(SavedView.account_id == account_id, SavedView.list_key == list_key)
    )
    if (count or 0) >= MAX_VIEWS_PER_LIST:
        raise ValidationFailed(
            f"You have {MAX_VIEWS_PER_LIST} saved views of this list: delete one first.",
            code="too_many_views",
            details=[{"field": "body.name", "message": "no room for another view"}],
        )
    view = SavedView(account_id=account_id, list_key=list_key, name=name, params=params)
    db.add(view)
    await db.flush()
    return view, True


async def update(
    db: AsyncSession,
    account_id: int,
    view_id: int,
    *,
    name: str | None = None,
    params: dict[str, str] | None = None,
) -> SavedView:
    """Renames a view and/or replaces its parameters."""
    if params is not None:
        _check_params(params)
    await _lock_views_of(db, account_id)
    view = await own_view(db, account_id, view_id)
    if name is not None and name != view.name:
        other = await _named(db, account_id, view.list_key, name)
        if other is not None and other.id != view.id:
            raise Conflict(
                f"You already have a view of this list named “{other.name}”.",
                code="view_exists",
                details=[{"field": "body.name", "message": "already used by another view"}],
            )
        view.name = name
    if params is not None:
        view.params = params
    await db.flush()
    return view


async def delete(db: AsyncSession, account_id: int, view_id: int) -> None:
    await db.delete(await own_view(db, account_id, view_id))
    await db.flush()


async def own_view(db: AsyncSession, account_id: int, view_id: int) -> SavedView:
    """Another person's view is as absent as one that never existed."""
    view = await db.scalar(
        select(SavedView).where(SavedView.id == view_id, SavedView.account_id == account_id)
    )
    if view is None:
        raise NotFound("No such saved view.")
    return view


def _check_params(params: dict[str, str]) -> None:
    size = len(json.dumps(params, ensure_ascii=False).encode())
    if size > MAX_PARAMS_BYTES:
        raise ValidationFailed(
            f"A view's parameters are limited to {MAX_PARAMS_BYTES} bytes; these take {size}.",
            code="params_too_large",
            details=[{"field": "body.params", "message": f"at most {MAX_PARAMS_BYTES} bytes"}],
        )


async def _lock_views_of(db: AsyncSession, account_id: int) -> None:
    """One save or rename at a time per person, so two tabs cannot both take the last free
    place or the same name. NO KEY UPDATE, the weakest write lock: rows referring to the
    account (sessions, this view) can still be inserted meanwhile."""
    await db.execute(
        select(Account.id).where(Account.id == account_id).with_for_update(key_share=True)
    )


async def _named(db: AsyncSession, account_id: int, list_key: str, name: str) -> SavedView | None:
    return await db.scalar(
        select(SavedView).where(
            SavedView.account_id == account_id,
            SavedView.list_key == list_key,
            func.lower(SavedView.name) == func.lower(name),
        )
    )
