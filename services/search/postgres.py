"""The PostgreSQL engine: weighted full-text search over the generated `search_vector`
columns and substring matching over `search_text`, both through GIN indexes.

Typos (where pg_trgm exists), the way pg_trgm's documentation suggests: each typed word is
compared by trigram similarity with the vocabulary of known words (`search_words`, a few
thousand rows), and the closest few join it as alternatives in the full-text query. Comparing
the typed words with every row's text instead made a two-word search of 200,000 people take
~50 ms: common trigrams match most rows, and each must be rechecked.

`matching` is also what every list endpoint's `search=` uses (without typo correction), so a
row found in one place is found the same way everywhere."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import (
    ColumnClause,
    ColumnElement,
    Integer,
    Select,
    String,
    bindparam,
    case,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    union_all,
)
from sqlalchemy import text as sql
from sqlalchemy.ext.asyncio import AsyncSession

from core.lru import Lru
from models import PublicUser, ResellerClient, SimOrder
from services.auth.principal import Principal
from services.querying import escape_like
from services.search.query import MIN_SUBSTRING_LENGTH, SearchText, words_of
from services.search.types import TYPES, Match, SearchType, shown_columns
from services.tenancy import scope, tenancy_of

CONFIG: ColumnClause[Any] = literal_column("'simple'::regconfig")
# pg_trgm's similarity a known word needs to count as what a typed word meant: "smth" ~ "smith"
# is 0.38, "jonh" ~ "john" 0.25 (short words get no typo tolerance: too many near neighbours).
TYPO_THRESHOLD = 0.3
MIN_TYPO_WORD_LENGTH = 4
CORRECTIONS_PER_WORD = 5
EXACT_BOOST = 10.0
# An order found through its customer ranks below one found by its own number.
CUSTOMER_WEIGHT = 0.5
CUSTOMERS_PER_ORDER_SEARCH = 20


@dataclass(frozen=True)
class _Shape:
    """What a search's SQL depends on besides its values: whether it has words for the
    full-text index, and whether it is long enough to be looked for as a substring."""

    words: bool
    substring: bool

    @classmethod
    def of(cls, text: SearchText) -> _Shape:
        return cls(words=bool(text.words), substring=len(text.needle) >= MIN_SUBSTRING_LENGTH)


@dataclass(frozen=True)
class _Terms:
    """A search text's values in SQL: bound in place (a list's `search=`), or the named
    parameters of a search statement that is built once per shape and run with `_values`."""

    tsquery: ColumnElement[Any]
    needle: ColumnElement[Any]
    pattern: ColumnElement[Any]


_PARAMETERS = _Terms(
    tsquery=bindparam("tsquery", type_=String()),
    needle=bindparam("needle", type_=String()),
    pattern=bindparam("pattern", type_=String()),
)


def _values(text: SearchText) -> dict[str, str]:
    return {
        "tsquery": text.tsquery,
        "needle": text.needle,
        "pattern": f"%{escape_like(text.needle)}%",
    }


def _bound(text: SearchText) -> _Terms:
    values = _values(text)
    return _Terms(**{name: literal(value, String()) for name, value in values.items()})


def matching(model: type[Any], raw: str) -> ColumnElement[bool]:
    """Every word a prefix of a word of the row, or the whole text inside its identifying
    fields (so a phone number typed without its country code still matches)."""
    text = SearchText(raw=raw, words=words_of(raw))
    return _matching(model, _Shape.of(text), _bound(text))


@dataclass(frozen=True)
class Matcher:
    """`matching` for a statement built once and run for many texts: its `condition` is the
    same for every text of one `shape`, and `values` (this text's) are bound when it runs."""

    shape: _Shape
    values: dict[str, str]

    def condition(self, model: type[Any]) -> ColumnElement[bool]:
        return _matching(model, self.shape, _PARAMETERS)


def matcher(raw: str) -> Matcher:
    text = SearchText(raw=raw, words=words_of(raw))
    return Matcher(_Shape.of(text), _values(text))


def _matching(model: type[Any], shape: _Shape, terms: _Terms) -> ColumnElement[bool]:
    conditions: list[ColumnElement[bool]] = []
    if shape.words:
        conditions.append(model.search_vector.bool_op("@@")(func.to_tsquery(CONFIG, terms.tsquery)))
    if shape.substring:
        conditions.append(model.search_text.like(terms.pattern, escape="\\"))
    return or_(*conditions) if conditions else false()


def typo_words(text: SearchText) -> tuple[str, ...]:
    """The words typo tolerance applies to: all of them, or none when one is too short."""
    words = tuple(w for w in text.words if len(w) >= MIN_TYPO_WORD_LENGTH)
    return words if len(words) == len(text.words) else ()


# Words typed as they are known (as a prefix of a known word, "alex" of "alexandra") are
# taken as meant; only the others look for the known words nearest to them: a nearest-neighbour
# walk of the trigram GiST index, ~0.5 ms a word for 5,000 words. The prefix test is a range over
# the pattern-ops b-tree (byte order; U+10FFFF sorts after every other character).
_CORRECTIONS = sql("""
    SELECT typed.word, known.word
    FROM unnest(CAST(:words AS text[])) AS typed (word)
    CROSS JOIN LATERAL (
        SELECT word, word <-> typed.word AS distance FROM search_words
        ORDER BY word <-> typed.word LIMIT :per_word
    ) AS known
    WHERE known.distance <= :max_distance AND NOT EXISTS (
        SELECT FROM search_words
        WHERE word ~>=~ typed.word AND word ~<~ (typed.word || chr(1114111))
    )
""")


async def corrected(db: AsyncSession, text: SearchText) -> SearchText:
    """`text` with, for each word not known as typed, the known words closest to it (all words
    long enough, or none), looked up in one query."""
    words = typo_words(text)
    if not words:
        return text
    found: dict[str, list[str]] = {word: [] for word in words}
    rows = await db.execute(
        _CORRECTIONS,
        {
            "words": list(words),
            "per_word": CORRECTIONS_PER_WORD,
            "max_distance": 1 - TYPO_THRESHOLD,
        },
    )
    for typed, known in rows:
        if known not in found[typed]:  # the vocabulary may hold a word twice
            found[typed].append(known)
    return replace(text, corrections=tuple(tuple(found[word]) for word in words))


def _score(spec: SearchType, terms: _Terms, trigrams: bool) -> ColumnElement[float]:
    model = spec.model
    exact = or_(*(func.lower(column) == terms.needle for column in spec.exact))
    score: ColumnElement[float] = case((exact, EXACT_BOOST), else_=0.0) + func.ts_rank_cd(
        model.search_vector, func.to_tsquery(CONFIG, terms.tsquery)
    )
    if trigrams:
        score = score + func.word_similarity(terms.needle, model.search_text)
    return score


def _ranked(spec: SearchType, shape: _Shape, principal: Principal, trigrams: bool) -> Select[Any]:
    """(id, score) of the rows of `spec` the caller may see that match, best first."""
    model = spec.model
    query = select(model.id.label("id"), _score(spec, _PARAMETERS, trigrams).label("score"))
    query = query.where(_matching(model, shape, _PARAMETERS), spec.visible)
    if spec.tenant_owned:
        query = scope(query, principal, model)
    if model is SimOrder:
        query = _orders_with_customers(query, shape, principal, trigrams)
    return query


def _orders_with_customers(
    direct: Select[Any], shape: _Shape, principal: Principal, trigrams: bool
) -> Select[Any]:
    """Orders whose own number matches, plus the orders of the best matching customers: one
    indexed query per source instead of an OR that would scan every order."""
    branches = [direct]
    for customer, key in ((PublicUser, SimOrder.user_id), (ResellerClient, SimOrder.client_id)):
        spec = next(t for t in TYPES.values() if t.model is customer)
        matched: Any = select(customer.id, _score(spec, _PARAMETERS, trigrams).label("score"))
        people = (
            scope(matched.where(_matching(customer, shape, _PARAMETERS)), principal, customer)
            .order_by(literal_column("score").desc())
            .limit(CUSTOMERS_PER_ORDER_SEARCH)
            .subquery()
        )
        branch = select(SimOrder.id.label("id"), (people.c.score * CUSTOMER_WEIGHT).label("score"))
        branches.append(scope(branch.join(people, key == people.c.id), principal, SimOrder))
    found = union_all(*branches).subquery()
    return select(found.c.id, func.max(found.c.score).label("score")).group_by(found.c.id)


async def trigrams_installed(db: AsyncSession) -> bool:
    return bool(
        await db.scalar(
            select(literal(True)).where(
                literal_column("exists (select 1 from pg_extension where extname = 'pg_trgm')")
            )
        )
    )


def _statement(
    spec: SearchType, shape: _Shape, principal: Principal, trigrams: bool
) -> Select[Any]:
    """The best `:limit` matches with the columns a hit shows: ranked and read in one query."""
    found = _ranked(spec, shape, principal, trigrams).subquery()
    best = (
        select(found.c.id, found.c.score)
        .order_by(found.c.score.desc(), found.c.id.desc())
        .limit(bindparam("limit", type_=Integer()))
        .subquery()
    )
    return (
        select(best.c.id, best.c.score, *shown_columns(spec))
        .join_from(best, spec.model, spec.model.id == best.c.id)
        .order_by(best.c.score.desc(), best.c.id.desc())
    )


# Building a statement costs more Python than running it (the orders one unions three
# sources): each is built once per shape and caller's tenancy, then run with new values.
_STATEMENTS: Lru[tuple[Any, ...], Select[Any]] = Lru(capacity=1024)


async def search_type(
    db: AsyncSession,
    spec: SearchType,
    text: SearchText,
    principal: Principal,
    limit: int,
    trigrams: bool,
) -> list[Match]:
    """The best `limit` rows of `spec` the caller may see that match `text`, best first."""
    shape = _Shape.of(text)
    key = (spec.name, shape, trigrams, tenancy_of(principal))
    if (statement := _STATEMENTS.get(key)) is None:
        statement = _statement(spec, shape, principal, trigrams)
        _STATEMENTS.put(key, statement)
    rows = await db.execute(statement, {**_values(text), "limit": limit})
    columns = shown_columns(spec)
    return [
        Match(row.id, float(row.score), {c.key: getattr(row, c.key) for c in columns})
        for row in rows
    ]
