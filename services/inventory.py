"""The ICCID registry: every physical SIM and eSIM profile, and the lifecycle it follows.

An ICCID is 18-22 digits ending in a Luhn check digit, so a mistyped one is caught at upload.
Batches are written whole or not at all, with every bad row reported by its number; a large
batch runs as a bulk job instead, each SIM registered or refused on its own by the same checks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import Conflict, NotFound, ValidationFailed
from models import Sim, SimState, SimType, SystemSetting
from services import audit

MAX_BATCH = 10_000
DEFAULT_LOW_STOCK = 50
LOW_STOCK_SETTING = "inventory.low_stock_thresholds"

# Which state a SIM may move to from each state.
TRANSITIONS: dict[SimState, frozenset[SimState]] = {
    SimState.in_stock: frozenset({SimState.reserved, SimState.recycled}),
    SimState.reserved: frozenset({SimState.in_stock, SimState.assigned}),
    SimState.assigned: frozenset({SimState.in_stock, SimState.shipped, SimState.active}),
    SimState.shipped: frozenset({SimState.active, SimState.recycled}),
    SimState.active: frozenset({SimState.expired}),
    SimState.expired: frozenset({SimState.recycled}),
    SimState.recycled: frozenset({SimState.in_stock}),
}


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def iccid_problem(iccid: str) -> str | None:
    if not (iccid.isdigit() and 18 <= len(iccid) <= 22):
        return "must be 18 to 22 digits"
    if not luhn_valid(iccid):
        return "check digit is wrong (Luhn)"
    return None


@dataclass(frozen=True)
class SimFilter:
    network_provider: str | None = None
    sim_type: SimType | None = None
    state: SimState | None = None
    batch_ref: str | None = None
    number_prefix: str | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        if self.network_provider:
            conditions.append(Sim.network_provider == self.network_provider)
        if self.sim_type:
            conditions.append(Sim.sim_type == self.sim_type)
        if self.state:
            conditions.append(Sim.state == self.state)
        if self.batch_ref:
            conditions.append(Sim.batch_ref == self.batch_ref)
        if self.number_prefix:
            # Prefix, not substring: ICCID and MSISDN lookups use their unique indexes.
            prefix = self.number_prefix
            conditions.append(Sim.iccid.startswith(prefix) | Sim.msisdn.startswith(prefix))
        return conditions


async def list_sims(
    db: AsyncSession, filters: SimFilter, order_by: Sequence[Any], offset: int, limit: int
) -> tuple[list[Sim], int]:
    query = select(Sim).where(*filters.conditions())
    total = await db.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await db.scalars(query.order_by(*order_by).offset(offset).limit(limit))
    return list(rows), total


async def get_by_iccid(db: AsyncSession, iccid: str) -> Sim:
    sim = (await db.scalars(select(Sim).where(Sim.iccid == iccid))).one_or_none()
    if sim is None:
        raise NotFound(f"No SIM with ICCID {iccid}.")
    return sim


@dataclass(frozen=True)
class SimRow:
    iccid: str
    msisdn: str | None = None
    activation_code: str | None = None


@dataclass(frozen=True)
class Batch:
    """What every SIM of a batch shares."""

    batch_ref: str
    network_provider: str
    sim_type: SimType


def repeated_iccids(rows: Sequence[SimRow]) -> set[str]:
    return {iccid for iccid, count in Counter(r.iccid for r in rows).items() if count > 1}


def row_problems(row: SimRow, sim_type: SimType, repeated: Container[str]) -> list[dict[str, str]]:
    """What is wrong with one row of a batch, short of the database; `repeated` holds the
    ICCIDs that appear more than once in the batch."""
    problems = []
    if problem := iccid_problem(row.iccid):
        problems.append({"field": "iccid", "message": problem})
    elif row.iccid in repeated:
        problems.append({"field": "iccid", "message": "appears twice in this batch"})
    if sim_type is SimType.esim and not row.activation_code:
        problems.append({"field": "activation_code", "message": "required for eSIM"})
    return problems


def _values(batch: Batch, row: SimRow, now: datetime) -> dict[str, Any]:
    return {
        "iccid": row.iccid,
        "msisdn": row.msisdn,
        "activation_code": row.activation_code,
        "network_provider": batch.network_provider,
        "sim_type": batch.sim_type,
        "state": SimState.in_stock,
        "batch_ref": batch.batch_ref,
        "state_changed_at": now,
    }


async def register_batch(
    db: AsyncSession,
    actor: audit.Actor,
    batch: Batch,
    rows: Sequence[SimRow],
    *,
    dry_run: bool,
) -> int:
    """Validate every row; write all of them, or none and say which rows are wrong."""
    if not rows or len(rows) > MAX_BATCH:
        raise ValidationFailed(f"A batch holds 1 to {MAX_BATCH} SIMs.", code="batch_size")
    repeated = repeated_iccids(rows)
    errors: list[dict[str, Any]] = [
        {"row": number, **problem}
        for number, row in enumerate(rows, start=1)
        for problem in row_problems(row, batch.sim_type, repeated)
    ]
    existing = set(
        await db.scalars(select(Sim.iccid).where(Sim.iccid.in_([r.iccid for r in rows])))
    )
    errors += [
        {"row": n, "field": "iccid", "message": "already registered"}
        for n, row in enumerate(rows, start=1)
        if row.iccid in existing
    ]
    if errors:
        errors.sort(key=lambda e: e["row"])
        raise ValidationFailed(
            f"{len(errors)} problem(s) in the batch; nothing was registered.",
            details=errors[:1000],
            code="invalid_batch",
        )
    if dry_run:
        return len(rows)
    now = datetime.now(UTC)
    await db.execute(insert(Sim), [_values(batch, r, now) for r in rows])
    await audit.record(
        db,
        actor,
        "inventory.batch_registered",
        "sim_batch",
        batch.batch_ref,
        after={
            "count": len(rows),
            "network_provider": batch.network_provider,
            "sim_type": batch.sim_type.value,
        },
    )
    return len(rows)


async def register_sim(
    db: AsyncSession, batch: Batch, row: SimRow, repeated: Container[str]
) -> int:
    """One SIM of a batch run row by row (a bulk job): the batch's checks, then the SIM's id."""
    problems = row_problems(row, batch.sim_type, repeated)
    if not problems and await db.scalar(select(Sim.id).where(Sim.iccid == row.iccid)):
        problems.append({"field": "iccid", "message": "already registered"})
    if problems:
        raise ValidationFailed(
            "The SIM cannot be registered.", details=problems, code="invalid_sim"
        )
    inserted = await db.execute(
        insert(Sim).values(_values(batch, row, datetime.now(UTC))).returning(Sim.id)
    )
    sim_id: int = inserted.scalar_one()
    return sim_id


async def move(
    db: AsyncSession, actor: audit.Actor, sim: Sim, to: SimState, reason: str = ""
) -> Sim:
    allowed = TRANSITIONS[sim.state]
    if to not in allowed:
        raise Conflict(
            f"A SIM in state {sim.state.value} cannot become {to.value}.",
            code="illegal_transition",
            details={"allowed": sorted(s.value for s in allowed)},
        )
    before = {"state": sim.state.value}
    sim.state, sim.state_changed_at = to, datetime.now(UTC)
    await db.flush()
    await audit.record(
        db,
        actor,
        "inventory.state_changed",
        "sim",
        sim.iccid,
        before=before,
        after={"state": to.value},
        reason=reason,
    )
    return sim


@dataclass(frozen=True)
class StockLine:
    network_provider: str
    sim_type: SimType
    in_stock: int
    reserved: int
    threshold: int

    @property
    def low(self) -> bool:
        return self.in_stock < self.threshold


async def stock(db: AsyncSession) -> list[StockLine]:
    thresholds: dict[str, int] = (
        await db.scalar(
            select(SystemSetting.setting_value).where(
                SystemSetting.setting_key == LOW_STOCK_SETTING
            )
        )
    ) or {}
    rows = await db.execute(
        select(
            Sim.network_provider,
            Sim.sim_type,
            func.count().filter(Sim.state == SimState.in_stock),
            func.count().filter(Sim.state == SimState.reserved),
        )
        .group_by(Sim.network_provider, Sim.sim_type)
        .order_by(Sim.network_provider, Sim.sim_type)
    )
    return [
        StockLine(
            provider,
            sim_type,
            in_stock,
            reserved,
            int(thresholds.get(provider, thresholds.get("*", DEFAULT_LOW_STOCK))),
        )
        for provider, sim_type, in_stock, reserved in rows
    ]
