"""Work that waits for the transaction that asked for it to commit.

A service calls `defer(db, channel, item)`: the item waits in the session's `info`. SQLAlchemy's
session hooks then decide its fate: the outermost commit hands each channel's waiting items, in
the order deferred, to the callbacks registered for it with `on_commit`; a rolled-back savepoint
drops what was deferred inside it (a bulk action's failed item leaves nothing behind); releasing
a savepoint is not a commit, so its items wait for the outermost one; the end of the outermost
transaction, committed or not, forgets the rest. An item already waiting on its channel is
queued once.

Callbacks run inside the commit, synchronously (SQLAlchemy's greenlet: `await_only` works), so
they must be quick and must not raise: they hand the items to whatever delivers them."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from itertools import islice
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, SessionTransaction

Callback = Callable[[Session, list[Any]], None]

_DEFERRED = "after_commit.deferred"  # channel -> items (dict keys: ordered, each once)
_SAVEPOINT_MARKS = "after_commit.savepoint_marks"  # savepoint -> channel -> items before it
_callbacks: dict[str, list[Callback]] = {}


def defer(db: AsyncSession | Session, channel: str, item: Hashable) -> None:
    """Queue `item` for `channel`'s callbacks once `db`'s transaction commits."""
    deferred: dict[str, dict[Hashable, None]] = db.info.setdefault(_DEFERRED, {})
    deferred.setdefault(channel, {})[item] = None


def on_commit(channel: str, callback: Callback) -> Callable[[], None]:
    """Call `callback(session, items)` with every commit's items for `channel`, in every
    session; returns the function that stops it."""
    _callbacks.setdefault(channel, []).append(callback)
    return lambda: _callbacks[channel].remove(callback)


def _marks(session: Session) -> WeakKeyDictionary[SessionTransaction, dict[str, int]]:
    marks: WeakKeyDictionary[SessionTransaction, dict[str, int]] = session.info.setdefault(
        _SAVEPOINT_MARKS, WeakKeyDictionary()
    )
    return marks


@event.listens_for(Session, "after_transaction_create")
def _remember_savepoint(session: Session, transaction: SessionTransaction) -> None:
    if transaction.nested:
        deferred: dict[str, dict[Hashable, None]] = session.info.get(_DEFERRED, {})
        _marks(session)[transaction] = {channel: len(items) for channel, items in deferred.items()}


@event.listens_for(Session, "after_soft_rollback")
def _drop_rolled_back(session: Session, previous: SessionTransaction) -> None:
    deferred: dict[str, dict[Hashable, None]] | None = session.info.get(_DEFERRED)
    if not deferred:
        return
    if not previous.nested:
        deferred.clear()
        return
    marks = _marks(session).get(previous, {})
    for channel, items in deferred.items():
        kept = marks.get(channel, 0)
        if kept < len(items):
            deferred[channel] = dict.fromkeys(islice(items, kept))


@event.listens_for(Session, "after_commit")
def _hand_over_committed(session: Session) -> None:
    # Releasing a savepoint is not a commit: its items wait for the outermost transaction.
    if session.in_nested_transaction():
        return
    deferred: dict[str, dict[Hashable, None]] = session.info.pop(_DEFERRED, {})
    for channel, items in deferred.items():
        for callback in _callbacks.get(channel, ()):
            callback(session, list(items))


@event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_DEFERRED, None)
        session.info.pop(_SAVEPOINT_MARKS, None)
