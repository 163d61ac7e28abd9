"""What each kind of bulk job is made of: how the API records one (its options and source), and
how the worker turns a recorded job back into rows, each done by the same service function the
synchronous endpoint uses — under the requester's own, current permissions."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from core.crypto import FieldCipher
from core.errors import AppError, Conflict, PermissionDenied
from core.settings import Settings
from integrations.storage import Storage
from models import BulkJob, BulkJobKind, OrderStatus, SimOrder, SimType
from services import audit, importers, imports, inventory
from services.auth.principal import Principal, principal_for_account
from services.bulk_jobs import jobs
from services.bulk_jobs.processing import RowOutcome, Work
from services.orders import bulk

JSON = "application/json"


class StatusMover(Protocol):
    """Moves one order as a single status change does (workflows/control.py: OrderWorkflows)."""

    async def change_status(
        self, db: AsyncSession, actor: audit.Actor, order: SimOrder, to: OrderStatus, reason: str
    ) -> bool: ...


@dataclass(frozen=True)
class Tools:
    settings: Settings
    cipher: FieldCipher
    orders: StatusMover


# --- recording (the API) -------------------------------------------------------------------


async def request_import(
    db: AsyncSession,
    storage: Storage,
    principal: Principal,
    resource: importers.ImportResource,
    upload: tuple[str, bytes],
    rows: int,
    *,
    dry_run: bool,
) -> BulkJob:
    """An import file already read (its header checked, `rows` records) kept to run row by
    row."""
    name, data = upload
    options = {"resource": resource.value, "dry_run": dry_run}
    source = (name, "application/octet-stream", data)
    return await jobs.create(db, storage, principal, BulkJobKind.import_rows, options, rows, source)


async def request_sim_batch(
    db: AsyncSession,
    storage: Storage,
    principal: Principal,
    batch: inventory.Batch,
    rows: Sequence[inventory.SimRow],
) -> BulkJob:
    options = {**asdict(batch), "sim_type": batch.sim_type.value}
    data = json.dumps([asdict(row) for row in rows]).encode()
    source = (f"sims-{batch.batch_ref}.json", JSON, data)
    return await jobs.create(
        db, storage, principal, BulkJobKind.sim_batch, options, len(rows), source
    )


async def request_order_status(
    db: AsyncSession,
    storage: Storage,
    principal: Principal,
    order_ids: Sequence[int],
    to: OrderStatus,
    reason: str,
) -> BulkJob:
    ids = list(dict.fromkeys(order_ids))  # each order once, in the order given
    options = {"status": to.value, "reason": reason}
    source = ("orders.json", JSON, json.dumps(ids).encode())
    return await jobs.create(
        db, storage, principal, BulkJobKind.order_status, options, len(ids), source
    )


# --- working (the worker) ------------------------------------------------------------------


async def prepare(db: AsyncSession, storage: Storage, tools: Tools, job: BulkJob) -> Work:
    """The job's rows and how to do each, as its requester may today."""
    if job.requested_by_id is None:
        raise Conflict("The account that asked for this job no longer exists.")
    principal = await principal_for_account(
        db, tools.settings, job.requested_by_id, scopes=job.options.get("scopes")
    )
    permission = jobs.PERMISSIONS[job.kind]
    if not principal.can(permission):
        raise PermissionDenied(f"The requester no longer has {permission}.")
    data = await jobs.source_bytes(db, storage, job)
    if job.kind is BulkJobKind.import_rows:
        return _import(principal, tools, job.options, data)
    if job.kind is BulkJobKind.sim_batch:
        return _sim_batch(job.options, data)
    return _order_status(principal, tools, job, data)


def _import(principal: Principal, tools: Tools, options: dict[str, Any], data: bytes) -> Work:
    importer = importers.importer_for(principal, importers.ImportResource(options["resource"]))
    checked = imports.check(imports.read(data, importer.columns), importer.model, importer.unique)
    actor = principal.actor()

    async def handle(db: AsyncSession, index: int) -> RowOutcome:
        row = checked[index]
        if row.item is None:
            return RowOutcome(ok=False, error=_described(row.errors))
        context = importers.Context(db, principal, actor, tools.cipher)
        try:
            created = await importer.create(context, row.item)
        except AppError as refused:
            return RowOutcome(
                ok=False, error=_described(imports.service_errors(row.number, refused))
            )
        return RowOutcome(ok=True, record_id=getattr(created, "id", None))

    return Work(len(checked), handle, dry_run=bool(options["dry_run"]))


def _described(errors: Sequence[imports.RowError]) -> str:
    return "; ".join(f"{e.field}: {e.message}" if e.field else e.message for e in errors)


def _sim_batch(options: dict[str, Any], data: bytes) -> Work:
    batch = inventory.Batch(
        options["batch_ref"], options["network_provider"], SimType(options["sim_type"])
    )
    rows = [inventory.SimRow(**row) for row in json.loads(data)]
    repeated = inventory.repeated_iccids(rows)

    async def handle(db: AsyncSession, index: int) -> RowOutcome:
        sim_id = await inventory.register_sim(db, batch, rows[index], repeated)
        return RowOutcome(ok=True, record_id=sim_id)

    return Work(len(rows), handle)


def _order_status(principal: Principal, tools: Tools, job: BulkJob, data: bytes) -> Work:
    ids: list[int] = json.loads(data)
    to, reason = OrderStatus(job.options["status"]), job.options["reason"]
    actor = principal.actor()
    since = job.started_at or job.created_at

    async def handle(db: AsyncSession, index: int) -> RowOutcome:
        async def move(order: SimOrder) -> bool:
            return await tools.orders.change_status(db, actor, order, to, reason)

        item = await bulk.transition_one(db, principal, ids[index], to, move)
        if not item.ok and await bulk.moved_since(db, ids[index], to, actor.account_id, since):
            # An earlier attempt of this job moved it (its chunk died before recording so).
            return RowOutcome(True, "", item.order_id)
        return RowOutcome(item.ok, item.error or "", item.order_id)

    return Work(len(ids), handle)
