"""What each engine sends to PostgreSQL: the PostgreSQL engine asks for pg_trgm once per
process, looks up typo corrections (in one query) only for a search that can use them, and
reads each type in one query; rows ranked by an index that lags are read through the caller's
scope. Written rows teach the vocabulary typos are corrected against."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.settings import get_settings
from models import PublicUser, ResellerClient
from models.identity import AccountKind, SystemRole
from models.search import search_words
from services import search
from services.auth.principal import Principal, principal_for_account
from services.search.query import parse
from services.search.types import TYPES
from tests.factories import make_reseller, make_staff
from tests.statements import session_statements


async def _principal(db: AsyncSession, role: SystemRole) -> Principal:
    account = await make_staff(db, role)
    return await principal_for_account(db, get_settings(), account.id)


async def _statements(
    db: AsyncSession, engine: search.SearchEngine, principal: Principal, q: str
) -> list[str]:
    async with session_statements(db) as statements:
        types = [TYPES["users"], TYPES["orders"]]
        await search.search(db, engine, principal, parse(q), types, 5)
    return statements


async def test_postgres_round_trips(db: AsyncSession) -> None:
    staff = await _principal(db, SystemRole.admin)
    engine = search.PostgresEngine()
    first = await _statements(db, engine, staff, "margret jonson")
    again = await _statements(db, engine, staff, "margret jonson")
    short = await _statements(db, engine, staff, "al jo")  # too short for typo tolerance

    def kinds(statements: list[str]) -> list[str]:
        return [
            "pg_trgm?" if "pg_extension" in s else "corrections" if "search_words" in s
            else "users" if "FROM public_users" in s.split("UNION")[0] and "sim_orders" not in s
            else "orders"
            for s in statements
        ]  # fmt: skip

    installed = await search.postgres.trigrams_installed(db)
    typo = ["corrections"] if installed else []
    assert kinds(first) == ["pg_trgm?", *typo, "users", "orders"]
    assert kinds(again) == [*typo, "users", "orders"]
    assert kinds(short) == ["users", "orders"]


async def test_rows_ranked_elsewhere_are_read_through_the_callers_scope(
    db: AsyncSession,
) -> None:
    mine, theirs = await make_reseller(db), await make_reseller(db)
    own = ResellerClient(
        reseller_id=mine.id, client_name="Own Client", client_email="own@example.com",
        client_phone="+447900000011",
    )  # fmt: skip
    other = ResellerClient(
        reseller_id=theirs.id, client_name="Other Client", client_email="other@example.com",
        client_phone="+447900000012",
    )  # fmt: skip
    db.add_all([own, other])
    await db.flush()
    staff = await _principal(db, SystemRole.admin)
    reseller = replace(staff, kind=AccountKind.reseller, reseller_id=mine.id)
    ranked = [(other.id, 0.9), (own.id, 0.5), (own.id + other.id + 1000, 0.4)]

    found = await search.load(db, TYPES["clients"], reseller, ranked)

    assert [(m.id, m.score, m.values["client_name"]) for m in found] == [
        (own.id, 0.5, "Own Client")
    ]
    assert [m.id for m in await search.load(db, TYPES["clients"], staff, ranked)] == [
        other.id,
        own.id,
    ]


async def test_written_rows_teach_the_vocabulary_and_typos_find_its_words(
    db: AsyncSession,
) -> None:
    if not await search.postgres.trigrams_installed(db):
        return  # without pg_trgm there are no corrections to look up (the vocabulary still fills)
    person = PublicUser(
        full_name="Wilhelmina Quarterman", email="wq.2026@example.com", phone="+351966666666",
        city="Evora",
    )  # fmt: skip
    db.add(person)
    await db.flush()
    words = set(await db.scalars(select(search_words.c.word)))
    assert {"wilhelmina", "quarterman", "example", "evora"} <= words
    assert not {"2026", "com", "351966666666"} & words  # numbers and short words: typed exactly

    person.full_name = "Wilhelmina Quartermaine"  # a changed row adds its new words
    await db.flush()
    assert await db.scalar(select(search_words.c.word).where(search_words.c.word == "quartermaine"))

    text = await search.postgres.corrected(db, parse("Wilhelmna Quartrman"))
    assert "wilhelmina" in text.corrections[0]
    assert "quarterman" in text.corrections[1]
    assert "(wilhelmna:* | wilhelmina" in text.tsquery
    unchanged = await search.postgres.corrected(db, parse("Wilhelmna Qu"))  # "qu": too short
    assert unchanged.corrections == ()
