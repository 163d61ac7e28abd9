"""/api/inventory/: the ICCID registry of SIM cards and eSIM profiles, and stock levels."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse

from api.deps import ResourcesDep, SessionDep, StorageDep
from api.listing import PaginationDep, only_params, ordering, page_of
from api.routes.jobs import ACCEPTED, accepted
from api.schemas import Page
from api.schemas.inventory import BatchResult, BatchUpload, SimRead, StateChange, StockRead
from api.security import require
from models import Sim, SimState, SimType
from services import inventory
from services.auth.principal import Principal
from services.bulk_jobs import jobs, kinds

router = APIRouter(prefix="/api/inventory", tags=["inventory"])
Readers = Annotated[Principal, require("inventory:read")]
Writers = Annotated[Principal, require("inventory:write")]
Iccid = Annotated[str, Path(pattern=r"^[0-9]{18,22}$")]
SimOrder = Annotated[
    list[Any],
    ordering(
        {
            "created_at": Sim.created_at,
            "iccid": Sim.iccid,
            "state_changed_at": Sim.state_changed_at,
        },
        default="-created_at",
        tiebreaker=Sim.id,
    ),
]


def _ip(request: Request) -> str | None:
    return request.client.host if request.client else None


async def sim_filter(
    network_provider: Annotated[str | None, Query(max_length=50)] = None,
    sim_type: SimType | None = None,
    state: SimState | None = None,
    batch_ref: Annotated[str | None, Query(max_length=100)] = None,
    number: Annotated[str | None, Query(pattern=r"^\+?[0-9]{4,22}$")] = None,
) -> inventory.SimFilter:
    return inventory.SimFilter(network_provider, sim_type, state, batch_ref, number)


@router.get(
    "/sims/",
    response_model=Page[SimRead],
    dependencies=[only_params("network_provider", "sim_type", "state", "batch_ref", "number")],
)
async def list_sims(
    _: Readers,
    db: SessionDep,
    paging: PaginationDep,
    filters: Annotated[inventory.SimFilter, Depends(sim_filter)],
    order_by: SimOrder,
) -> Page[SimRead]:
    """`number` matches the start of an ICCID or MSISDN."""
    rows, total = await inventory.list_sims(db, filters, order_by, paging.offset, paging.page_size)
    return page_of([SimRead.model_validate(s) for s in rows], total, paging)


@router.post("/sims/batches/", response_model=BatchResult, status_code=201, responses=ACCEPTED)
async def upload_batch(
    body: BatchUpload,
    principal: Writers,
    db: SessionDep,
    storage: StorageDep,
    resources: ResourcesDep,
    request: Request,
    dry_run: bool = False,
) -> BatchResult | JSONResponse:
    """Register a batch of up to 10,000 SIMs: all of them, or none with every bad row listed.
    `dry_run=true` validates without writing. A batch of more than 2,000 SIMs (not a dry run)
    runs as a bulk job instead (202 with the job; follow it at `/api/jobs/{id}/`): each SIM is
    registered or refused on its own, and the job's result file lists every row's outcome."""
    batch = inventory.Batch(body.batch_ref, body.network_provider, body.sim_type)
    rows = [inventory.SimRow(s.iccid, s.msisdn, s.activation_code) for s in body.sims]
    if not dry_run and len(rows) > jobs.INLINE_ROWS:
        job = await kinds.request_sim_batch(db, storage, principal, batch, rows)
        return await accepted(db, resources, job)
    count = await inventory.register_batch(
        db, principal.actor(_ip(request)), batch, rows, dry_run=dry_run
    )
    return BatchResult(batch_ref=body.batch_ref, registered=count, dry_run=dry_run)


@router.get("/sims/{iccid}/", response_model=SimRead)
async def read_sim(iccid: Iccid, _: Readers, db: SessionDep) -> SimRead:
    return SimRead.model_validate(await inventory.get_by_iccid(db, iccid))


@router.patch("/sims/{iccid}/state/", response_model=SimRead)
async def change_state(
    iccid: Iccid, body: StateChange, principal: Writers, db: SessionDep, request: Request
) -> SimRead:
    """Move a SIM along its lifecycle; an illegal move is a 409 naming the allowed states."""
    sim = await inventory.get_by_iccid(db, iccid)
    moved = await inventory.move(db, principal.actor(_ip(request)), sim, body.state, body.reason)
    return SimRead.model_validate(moved)


@router.get("/stock/", response_model=list[StockRead])
async def stock_levels(_: Readers, db: SessionDep) -> list[StockRead]:
    """SIMs in stock and reserved per provider and type, flagged when below the threshold
    set in the `inventory.low_stock_thresholds` setting (`{"Vodafone": 100, "*": 50}`)."""
    return [
        StockRead(
            network_provider=line.network_provider,
            sim_type=line.sim_type,
            in_stock=line.in_stock,
            reserved=line.reserved,
            low_stock_threshold=line.threshold,
            low=line.low,
        )
        for line in await inventory.stock(db)
    ]
