"""`seed --orders N`: generate a realistic dataset sized from N and COPY it in, all inside the
caller's transaction. Rows are generated in chunks of orders, so memory stays flat whatever N."""

from __future__ import annotations

import gc
import random
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import aclosing
from dataclasses import dataclass
from datetime import UTC, datetime
from time import perf_counter

from cli.database import CommandError
from cli.seed.catalog import Plan, ensure_catalog
from cli.seed.load import (
    Connection,
    advance,
    compact_codecs,
    copy_rows,
    defer_constraints,
    generate_ahead,
    identity_sequence,
    next_values,
    rows_below,
)
from cli.seed.orders import (
    HISTORY_COLUMNS,
    ORDER_COLUMNS,
    SIM_COLUMNS,
    TRANSACTION_COLUMNS,
    OrderFactory,
)
from cli.seed.people import (
    ACCOUNT_COLUMNS,
    CLIENT_COLUMNS,
    CLIENTS_PER_RESELLER,
    RESELLER_COLUMNS,
    STAFF_PER_ROLE,
    USER_COLUMNS,
    Encrypt,
    PeopleFactory,
    Row,
    Starts,
)
from cli.seed.pools import PHONE_ID_LIMIT, build_names
from cli.seed.tickets import REPLY_COLUMNS, TICKET_COLUMNS, TicketFactory
from cli.seed.values import DAY, Calendar, Timeline, micros
from models.identity import SystemRole

CHUNK_ORDERS = 50_000
CHUNK_USERS = 50_000
PERIOD_DAYS = 548  # about 18 months
# Every table gets explicit ids: rows point at each other, and it spares the server a sequence
# call per row. Rows go in by `_batches`, parents before children.
TABLES = (
    "accounts", "resellers", "reseller_clients", "public_users", "sim_orders",
    "order_status_history", "sims", "transactions", "support_tickets", "ticket_replies",
)  # fmt: skip
LAST_ORDER_TABLES = (
    "sim_orders", "order_status_history", "transactions", "support_tickets", "ticket_replies",
)  # fmt: skip
CODE_SEQUENCES = ("order_number_seq", "transaction_number_seq", "ticket_number_seq")

Say = Callable[[str], None]


@dataclass(frozen=True)
class Sizing:
    """How much of everything goes with N orders."""

    orders: int

    @property
    def resellers(self) -> int:
        return max(5, round(self.orders / 2_000))

    @property
    def users(self) -> int:
        return max(1, self.orders // 5)

    @property
    def stock(self) -> int:
        """Unsold SIMs on top of one per order past pending."""
        return max(100, self.orders // 20)

    def estimate(self) -> dict[str, int]:
        """Rows each table will receive, roughly; decides where rebuilding indexes pays off."""
        n = self.orders
        return {
            "accounts": sum(STAFF_PER_ROLE.values()) + self.resellers + self.users,
            "resellers": self.resellers,
            "reseller_clients": self.resellers * CLIENTS_PER_RESELLER,
            "public_users": self.users,
            "sim_orders": n,
            "sims": n + self.stock,
            "transactions": n * 13 // 10,
            "support_tickets": n // 50,
            "order_status_history": n * 4,
            "ticket_replies": n // 20,
        }


Copy = tuple[str, Sequence[str], list[Row]]  # table, columns, rows


@dataclass(frozen=True)
class Batch:
    label: str  # progress line printed once the batch is in
    copies: tuple[Copy, ...]
    completes: tuple[str, ...] = ()  # tables that receive no more rows after this batch


async def seed_orders(
    conn: Connection,
    sizing: Sizing,
    seed: int,
    role_ids: dict[SystemRole, int],
    password_hash: str,
    encrypt: Encrypt,
    say: Say,
) -> Counter[str]:
    # Millions of new tuples would trigger cyclic garbage collections that rescan every live
    # row (~20% of generation time); rows hold only scalars, so there are no cycles to find.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return await _seed_orders(conn, sizing, seed, role_ids, password_hash, encrypt, say)
    finally:
        if gc_was_enabled:
            gc.enable()


async def _seed_orders(
    conn: Connection,
    sizing: Sizing,
    seed: int,
    role_ids: dict[SystemRole, int],
    password_hash: str,
    encrypt: Encrypt,
    say: Say,
) -> Counter[str]:
    began = perf_counter()

    def progress(message: str) -> None:
        say(f"  {perf_counter() - began:6.1f}s  {message}")

    plans = await ensure_catalog(conn)
    # Writers wait until the seed commits, so the ids and numbers read below stay free.
    await conn.execute(f"LOCK TABLE {', '.join(TABLES)} IN SHARE ROW EXCLUSIVE MODE")
    free = await next_values(conn, TABLES, CODE_SEQUENCES)
    starts = Starts(
        users=free["public_users"], resellers=free["resellers"], clients=free["reseller_clients"],
        accounts=free["accounts"], orders=free["sim_orders"], sims=free["sims"],
        history=free["order_status_history"], transactions=free["transactions"],
        tickets=free["support_tickets"], replies=free["ticket_replies"],
        order_number=free["order_number_seq"], transaction_number=free["transaction_number_seq"],
        ticket_number=free["ticket_number_seq"],
    )  # fmt: skip
    if starts.users + sizing.users > PHONE_ID_LIMIT:
        raise CommandError(f"phone numbers are derived from user ids below {PHONE_ID_LIMIT:,}")

    expected = sizing.estimate()
    deferred = [t for t in TABLES if await rows_below(conn, t, expected[t]) < expected[t]]
    rebuild = await defer_constraints(conn, deferred)
    # Enough memory for parallel, in-memory index sorts and hash joins (this transaction only).
    await conn.execute("SET LOCAL maintenance_work_mem = '512MB'")
    await conn.execute("SET LOCAL work_mem = '256MB'")
    batches = _batches(sizing, seed, starts, plans, role_ids, password_hash, encrypt)
    counts: Counter[str] = Counter()
    async with compact_codecs(conn), aclosing(generate_ahead(batches)) as stream:
        async for batch in stream:
            for table, columns, rows in batch.copies:
                counts[table] += await copy_rows(conn, table, columns, rows)
            progress(batch.label)
            # A finished table is indexed right away, while the thread generates what follows.
            finished = [table for table in batch.completes if rebuild.get(table)]
            for table in finished:
                for statement in rebuild.pop(table):
                    await conn.execute(statement)
            if finished:
                progress(f"indexes and constraints rebuilt: {', '.join(finished)}")
    for statements in rebuild.values():  # tables no batch declared complete
        for statement in statements:
            await conn.execute(statement)
    await _finish(conn, counts, free)
    progress("sequences advanced, tables analyzed")
    return counts


async def _finish(conn: Connection, counts: Counter[str], free: dict[str, int]) -> None:
    """Point identities and code sequences past the ids and numbers used, refresh statistics."""
    for table in TABLES:
        if counts[table]:
            sequence = await identity_sequence(conn, table)
            await advance(conn, sequence, free[table] + counts[table] - 1)
    for sequence, table in zip(
        CODE_SEQUENCES, ("sim_orders", "transactions", "support_tickets"), strict=True
    ):
        if counts[table]:
            await advance(conn, sequence, free[sequence] + counts[table] - 1)
    # Fresh statistics, so the first queries on millions of new rows get sensible plans.
    await conn.execute(f"ANALYZE {', '.join(TABLES)}")


def _batches(
    sizing: Sizing,
    seed: int,
    starts: Starts,
    plans: list[Plan],
    role_ids: dict[SystemRole, int],
    password_hash: str,
    encrypt: Encrypt,
) -> Iterator[Batch]:
    """Everything to insert, in foreign-key order; runs in the generator thread."""
    # The period ends at today's midnight (UTC), so a seed gives the same rows all day long.
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    timeline = Timeline(micros(today) - PERIOD_DAYS * DAY, micros(today))
    calendar = Calendar(timeline.start - 2 * 365 * DAY, timeline.end)
    rnd = random.Random(seed)
    people = PeopleFactory(
        rnd, build_names(seed), timeline, role_ids, password_hash, starts, encrypt
    )
    staff = people.staff()
    resellers, owners, clients = people.resellers(sizing.resellers, plans)
    yield Batch(
        f"staff and {sizing.resellers:,} resellers",
        (
            ("accounts", ACCOUNT_COLUMNS, staff),
            ("resellers", RESELLER_COLUMNS, resellers),
            ("accounts", ACCOUNT_COLUMNS, owners),
            ("reseller_clients", CLIENT_COLUMNS, clients),
        ),
        completes=("resellers", "reseller_clients"),
    )
    for first in range(0, sizing.users, CHUNK_USERS):
        stop = min(first + CHUNK_USERS, sizing.users)
        users, accounts = people.users(first, stop, sizing.users)
        yield Batch(
            f"users {stop:,} / {sizing.users:,}",
            (("public_users", USER_COLUMNS, users), ("accounts", ACCOUNT_COLUMNS, accounts)),
            completes=("public_users", "accounts") if stop == sizing.users else (),
        )
    orders = OrderFactory(rnd, people.people, plans, starts, sizing.orders, timeline, calendar)
    tickets = TicketFactory(rnd, people.people, starts, timeline, calendar)
    for first in range(0, sizing.orders, CHUNK_ORDERS):
        stop = min(first + CHUNK_ORDERS, sizing.orders)
        chunk = orders.chunk(first, stop)
        ticket_rows, reply_rows = tickets.chunk(chunk.orders, first)
        yield Batch(
            f"orders {stop:,} / {sizing.orders:,}",
            (
                ("sim_orders", ORDER_COLUMNS, chunk.orders),
                ("order_status_history", HISTORY_COLUMNS, chunk.history),
                ("sims", SIM_COLUMNS, chunk.sims),
                ("transactions", TRANSACTION_COLUMNS, chunk.transactions),
                ("support_tickets", TICKET_COLUMNS, ticket_rows),
                ("ticket_replies", REPLY_COLUMNS, reply_rows),
            ),
            completes=LAST_ORDER_TABLES if stop == sizing.orders else (),
        )
    yield Batch(
        f"{sizing.stock:,} SIMs in stock",
        (("sims", SIM_COLUMNS, orders.stock(sizing.stock)),),
        completes=("sims",),
    )
