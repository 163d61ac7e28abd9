"""What SQL a block of code sends: tests that assert round trips rather than timings."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.ext.asyncio import AsyncSession


@contextmanager
def recorded_statements(target: Connection | Engine) -> Iterator[list[str]]:
    """The statements sent through `target` (a connection, or every connection of an engine)
    while the block runs, in order."""
    statements: list[str] = []

    def record(_connection: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    event.listen(target, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(target, "before_cursor_execute", record)


@asynccontextmanager
async def session_statements(db: AsyncSession) -> AsyncIterator[list[str]]:
    """`recorded_statements` of the session's connection."""
    connection = (await db.connection()).sync_connection
    assert connection is not None
    with recorded_statements(connection) as statements:
        yield statements
