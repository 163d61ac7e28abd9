"""Every change of a searchable row leaves a `search_changes` row in the same transaction.

A session event rather than calls in each service: it sees every ORM flush, from a request or
an activity alike, so a new code path cannot forget it, and a rolled-back change leaves nothing.
Bulk statements (`update(SimOrder)…`) and COPY bypass the ORM's unit of work and this hook:
nothing that changes a document's fields uses them, and `simdesk reindex` repairs any drift."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, UOWTransaction

from models.search import SearchChange
from services.search.documents import source_attributes
from services.search.types import TYPES

CREATE, UPDATE, DELETE = "create", "update", "delete"
# Model → (its search type's name, the attributes its document is made of).
_INDEXED: dict[type[Any], tuple[str, frozenset[str]]] = {
    spec.model: (spec.name, source_attributes(spec)) for spec in TYPES.values()
}


def _changed(instance: Any, attributes: frozenset[str]) -> bool:
    state = inspect(instance)
    return any(state.attrs[name].history.has_changes() for name in attributes)


@event.listens_for(Session, "after_flush")
def _record_changes(session: Session, flush_context: UOWTransaction) -> None:
    # After the flush: new rows have their ids, and the attribute history is still there.
    changes: list[dict[str, Any]] = []
    for op, instances in (
        (CREATE, session.new),
        (UPDATE, session.dirty),
        (DELETE, session.deleted),
    ):
        for instance in instances:
            indexed = _INDEXED.get(type(instance))
            if indexed is None:
                continue
            name, attributes = indexed
            if op == UPDATE and not _changed(instance, attributes):
                continue
            changes.append({"doc_type": name, "doc_id": instance.id, "op": op})
    if changes:
        # Core, on the flush's own connection: adding ORM objects during a flush is refused.
        session.connection().execute(insert(SearchChange), changes)
