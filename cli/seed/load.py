"""Getting millions of rows into PostgreSQL quickly, inside the caller's transaction.

- `copy_rows` is the one way rows go in: asyncpg's binary COPY.
- `generate_ahead` builds the next rows in a thread while the server ingests the last ones.
- `compact_codecs` lets COPY take ints for timestamps and money (see values.py).
- `defer_constraints` drops a table's secondary indexes, unique and foreign-key constraints and
  hands back the statements that recreate them: building an index once over the loaded rows is
  several times cheaper than maintaining it row by row, and re-adding a foreign key validates it
  with one join instead of a trigger call per row. It is transactional DDL, so a failed seed
  leaves the schema exactly as it was.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncGenerator, AsyncIterator, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from cli.seed.values import NumericCache, moment

Connection = Any  # asyncpg.Connection; asyncpg ships no type hints
T = TypeVar("T")

_CONSTRAINTS = """
    SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
    WHERE conrelid = $1::text::regclass AND contype IN ('u', 'f')
    ORDER BY contype DESC, conname
"""
_INDEXES = """
    SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
    WHERE i.indrelid = $1::text::regclass AND NOT i.indisprimary AND NOT EXISTS (
        SELECT FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid
    )
    ORDER BY 1
"""


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


async def copy_rows(
    conn: Connection, table: str, columns: Sequence[str], rows: Sequence[tuple[object, ...]]
) -> int:
    if rows:
        await conn.copy_records_to_table(table, records=rows, columns=list(columns))
    return len(rows)


async def generate_ahead(items: Iterator[T], depth: int = 2) -> AsyncGenerator[T, None]:
    """Yield from `items`, produced up to `depth` ahead in one worker thread.

    Generation is pure Python and the server's ingest runs in another process, so while the
    event loop feeds COPY with one batch the thread builds the next: the two overlap instead
    of taking turns. One worker keeps the iterator (and its random stream) strictly sequential.
    """
    loop = asyncio.get_running_loop()
    done = object()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="seed-generate") as worker:
        ahead = deque(loop.run_in_executor(worker, next, items, done) for _ in range(depth))
        while (item := await ahead.popleft()) is not done:
            ahead.append(loop.run_in_executor(worker, next, items, done))
            yield item  # type: ignore[misc]


@asynccontextmanager
async def compact_codecs(conn: Connection) -> AsyncIterator[None]:
    """Inside the block, timestamptz values are ints (microseconds since 2000-01-01 UTC) and
    numeric values are ints (hundredths). Codecs are restored only on success: after a failure
    the transaction is aborted and the connection is discarded anyway."""
    await conn.set_type_codec(
        "timestamptz", schema="pg_catalog", format="tuple",
        encoder=_as_tuple, decoder=_from_tuple,
    )  # fmt: skip
    await conn.set_type_codec(
        "numeric", schema="pg_catalog", format="binary",
        encoder=NumericCache().__getitem__, decoder=_write_only,
    )  # fmt: skip
    yield
    for type_name in ("timestamptz", "numeric"):
        await conn.reset_type_codec(type_name, schema="pg_catalog")


def _as_tuple(us: int) -> tuple[int]:
    return (us,)


def _from_tuple(value: tuple[int]) -> object:
    return moment(value[0])


def _write_only(value: bytes) -> object:
    raise TypeError("numeric values cannot be read while compact codecs are active")


async def rows_below(conn: Connection, table: str, limit: int) -> int:
    """Rows in `table`, counted no further than `limit` (cheap on big tables)."""
    sql = f"SELECT count(*) FROM (SELECT FROM {ident(table)} LIMIT $1) AS rows"  # noqa: S608
    return int(await conn.fetchval(sql, limit))


async def defer_constraints(conn: Connection, tables: Iterable[str]) -> dict[str, list[str]]:
    """Drop what `tables` can rebuild cheaply later; return, per table, the statements that
    rebuild it: indexes first, then unique and foreign-key constraints."""
    rebuild: dict[str, list[str]] = {}
    for table in tables:
        constraints = []
        for name, definition in await conn.fetch(_CONSTRAINTS, table):
            await conn.execute(f"ALTER TABLE {ident(table)} DROP CONSTRAINT {ident(name)}")
            constraints.append(
                f"ALTER TABLE {ident(table)} ADD CONSTRAINT {ident(name)} {definition}"
            )
        rebuild[table] = []
        for name, definition in await conn.fetch(_INDEXES, table):
            await conn.execute(f"DROP INDEX {name}")
            rebuild[table].append(definition)
        rebuild[table] += constraints
    return rebuild


async def next_values(
    conn: Connection, tables: Iterable[str], sequences: Iterable[str]
) -> dict[str, int]:
    """The first free id per table and number per sequence, without consuming anything.

    Ids continue after both the rows present and whatever the identity already handed out.
    """
    values: dict[str, int] = {}
    for table in tables:
        values[table] = await conn.fetchval(
            f"SELECT greatest(max(id), pg_sequence_last_value(pg_get_serial_sequence($1, 'id')),"  # noqa: S608
            f" 0) + 1 FROM {ident(table)}",
            table,
        )
    for sequence in sequences:
        values[sequence] = await conn.fetchval(
            "SELECT coalesce(pg_sequence_last_value($1::text::regclass), 0) + 1", sequence
        )
    return values


async def advance(conn: Connection, sequence: str, last: int) -> None:
    """Make `sequence` hand out numbers after `last`, which this seed used explicitly."""
    await conn.execute("SELECT setval($1::text::regclass, $2)", sequence, last)


async def identity_sequence(conn: Connection, table: str) -> str:
    return str(await conn.fetchval("SELECT pg_get_serial_sequence($1, 'id')", table))
