"""/api/orders/: placing orders, the orders list, status changes, delivery and statistics."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse

from api import cursors
from api.deps import NotifierDep, OrderWorkflowsDep, ResourcesDep, SessionDep, StorageDep
from api.idempotency import IDEMPOTENT
from api.listing import KeysetPaginationDep, only_params, ordering, page_of
from api.routes.jobs import ACCEPTED, accepted
from api.schemas import Page
from api.schemas.orders import (
    Bucket,
    BulkAction,
    BulkOutcome,
    BulkResult,
    DeliveryAssignment,
    HistoryRead,
    NoticeResend,
    NoticeResent,
    OrderCreate,
    OrderDetail,
    OrderRead,
    OrderStatistics,
    OrderUpdate,
    QueuedMessageRead,
    StatusChange,
    TimelineEntryRead,
    WorkflowProgress,
    WorkflowStep,
)
from api.security import require
from api.viewed import viewed
from core.errors import PermissionDenied
from core.validators import check_range
from models import OrderSource, OrderStatus, PaymentStatus, SimOrder
from models.identity import AccountKind
from services.auth.principal import Principal
from services.bulk_jobs import jobs, kinds
from services.orders import amendments, bulk, lifecycle, placement, queries, resend, timeline
from workflows.control import OrderWorkflows, fulfilment_id

logger = logging.getLogger("simdesk.orders")
router = APIRouter(prefix="/api/orders", tags=["orders"])
Readers = Annotated[Principal, require("orders:read")]
OrderBy = Annotated[
    list[Any],
    ordering(
        {
            "created_at": SimOrder.created_at,
            "total_amount": SimOrder.total_amount,
            "order_number": SimOrder.order_number,
            "status": SimOrder.status,
        },
        default="-created_at",
        tiebreaker=SimOrder.id,
    ),
]
FILTERS = (
    "search",
    "source",
    "status",
    "payment_status",
    "network_provider",
    "reseller_id",
    "user_id",
    "created_from",
    "created_to",
    "amount_min",
    "amount_max",
)


def _ip(request: Request) -> str | None:
    return request.client.host if request.client else None


async def order_filter(
    search: Annotated[str | None, Query(min_length=2, max_length=100)] = None,
    source: OrderSource | None = None,
    status: OrderStatus | None = None,
    payment_status: PaymentStatus | None = None,
    network_provider: Annotated[str | None, Query(max_length=50)] = None,
    reseller_id: int | None = None,
    user_id: int | None = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
    amount_min: Annotated[Decimal | None, Query(ge=0)] = None,
    amount_max: Annotated[Decimal | None, Query(ge=0)] = None,
) -> queries.OrderFilter:
    check_range(created_from, created_to, "created_from", "created_to")
    check_range(amount_min, amount_max, "amount_min", "amount_max")
    return queries.OrderFilter(
        search,
        source,
        status,
        payment_status,
        network_provider,
        reseller_id,
        user_id,
        created_from,
        created_to,
        amount_min,
        amount_max,
    )


def _detail(order: SimOrder, workflows: OrderWorkflows) -> OrderDetail:
    fields = {name: getattr(order, name) for name in OrderRead.model_fields}
    return OrderDetail.model_validate(
        {
            **fields,
            "notes": order.notes,
            "next_statuses": list(lifecycle.next_statuses(order)),
            "status_history": [HistoryRead.model_validate(h) for h in order.status_history],
            "workflow_url": workflows.ui_url(order.order_number),
        }
    )


def _accepted(response: Response, handed_to_workflow: bool) -> None:
    # 202: the order's workflow makes the change in a moment; the body shows it as it is now.
    if handed_to_workflow:
        response.status_code = 202


@router.get("/", response_model=Page[OrderRead], dependencies=[only_params(*FILTERS, "cursor")])
async def list_orders(
    principal: Readers,
    db: SessionDep,
    paging: KeysetPaginationDep,
    filters: Annotated[queries.OrderFilter, Depends(order_filter)],
    order_by: OrderBy,
) -> Page[OrderRead]:
    """`search` finds an order or tracking number exactly, or a customer's name or phone.
    Totals above 10,000 are estimates (`total_exact: false`). Deep pages: follow
    `next_cursor` with `cursor=` (orderings of columns that are never empty)."""
    rows, total, exact = await queries.list_orders(
        db, principal, filters, order_by, paging.window(order_by)
    )
    return page_of(
        [OrderRead.model_validate(o) for o in rows], total, paging, exact=exact,
        next_cursor=cursors.after_last(rows, order_by, paging.page_size),
    )  # fmt: skip


@router.post("/", response_model=OrderDetail, status_code=201, dependencies=[IDEMPOTENT])
async def place_order(
    body: OrderCreate,
    principal: Annotated[Principal, require("orders:create")],
    db: SessionDep,
    workflows: OrderWorkflowsDep,
) -> OrderDetail:
    """Price, stock and credit are checked here; the SIM is reserved for the order, and its
    fulfilment workflow (`order-<order_number>`) started."""
    request = placement.OrderRequest(**body.model_dump())
    # Non-staff buy only for themselves: the buyer comes from the login, not the body.
    if principal.kind is AccountKind.reseller:
        if body.user_id is not None or body.reseller_id not in (None, principal.reseller_id):
            raise PermissionDenied("Resellers order for their own clients only.")
        request = placement.OrderRequest(
            **{**body.model_dump(), "reseller_id": principal.reseller_id}
        )
    elif principal.kind is AccountKind.public:
        if body.reseller_id is not None or body.user_id not in (None, principal.public_user_id):
            raise PermissionDenied("App users order for themselves only.")
        request = placement.OrderRequest(
            **{**body.model_dump(), "user_id": principal.public_user_id}
        )
    order = await placement.place(db, request, principal.account_id)
    # Committed before the workflow starts, so its first step finds the order; if the start
    # fails, the fulfilment sweeper starts it later.
    await db.commit()
    try:
        await workflows.start(order)
    except Exception:
        logger.exception("fulfilment start failed", extra={"order": order.order_number})
    return _detail(await queries.get_order(db, principal, order.id), workflows)


@router.get("/statistics/", response_model=OrderStatistics)
async def order_statistics(
    principal: Readers,
    db: SessionDep,
    date_from: date | None = None,
    date_to: date | None = None,
) -> OrderStatistics:
    """Counts and amounts by status, source and day (default: the last 30 days)."""
    end = date_to or datetime.now(UTC).date()
    start = date_from or end - timedelta(days=29)
    stats = await queries.statistics(db, principal, start, end)

    def buckets(rows: list[Any]) -> list[Bucket]:
        return [Bucket(key=str(k), orders=n, amount=a) for k, n, a in rows]

    return OrderStatistics(
        date_from=start,
        date_to=end,
        by_status=buckets(stats.by_status),
        by_source=buckets(stats.by_source),
        by_day=buckets(stats.by_day),
    )


@router.post("/bulk/", response_model=BulkOutcome, responses=ACCEPTED)
async def bulk_status(
    body: BulkAction,
    principal: Annotated[Principal, require("orders:bulk")],
    db: SessionDep,
    request: Request,
    workflows: OrderWorkflowsDep,
    storage: StorageDep,
    resources: ResourcesDep,
) -> BulkOutcome | JSONResponse:
    """Change the status of many orders (cancel included); each succeeds or fails alone.
    Orders run by a workflow are handed to it, as a single status change would be. More than
    500 distinct orders run as a bulk job instead (202 with the job; follow it at
    `/api/jobs/{id}/`), whose result file lists every order's outcome."""
    if len(set(body.ids)) > jobs.INLINE_ORDERS:
        job = await kinds.request_order_status(
            db, storage, principal, body.ids, body.status, body.reason
        )
        return await accepted(db, resources, job)
    actor = principal.actor(_ip(request))

    async def move(order: SimOrder) -> bool:
        return await workflows.change_status(db, actor, order, body.status, body.reason)

    items = await bulk.bulk_transition(db, principal, body.ids, body.status, move)
    results = [BulkResult(id=i.order_id, ok=i.ok, error=i.error, status=i.status) for i in items]
    succeeded = sum(r.ok for r in results)
    return BulkOutcome(succeeded=succeeded, failed=len(results) - succeeded, results=results)


@router.get("/{order_id}/", response_model=OrderDetail, dependencies=[viewed("order", "order_id")])
async def read_order(
    order_id: int, principal: Readers, db: SessionDep, workflows: OrderWorkflowsDep
) -> OrderDetail:
    return _detail(await queries.get_order(db, principal, order_id), workflows)


@router.put("/{order_id}/", response_model=OrderDetail)
async def update_order(
    order_id: int,
    body: OrderUpdate,
    principal: Annotated[Principal, require("orders:update")],
    db: SessionDep,
    request: Request,
    workflows: OrderWorkflowsDep,
) -> OrderDetail:
    """Delivery address (until dispatch) and notes; prices are never edited."""
    order = await queries.get_order(db, principal, order_id)
    await amendments.amend(
        db, principal.actor(_ip(request)), order, body.delivery_address, body.notes
    )
    return _detail(await queries.get_order(db, principal, order_id), workflows)


@router.get("/{order_id}/workflow/", response_model=WorkflowProgress)
async def read_workflow(
    order_id: int, principal: Readers, db: SessionDep, workflows: OrderWorkflowsDep
) -> WorkflowProgress:
    """Where the order's fulfilment workflow is, and the steps it went through."""
    order = await queries.get_order(db, principal, order_id)
    progress = await workflows.progress(order.order_number)
    return WorkflowProgress(
        workflow_id=fulfilment_id(order.order_number),
        workflow_url=workflows.ui_url(order.order_number),
        running=progress is not None and progress.step not in ("completed", "cancelled"),
        step=progress.step if progress else None,
        history=[WorkflowStep(step=h.step, at=h.at) for h in progress.history] if progress else [],
    )


@router.get("/{order_id}/timeline/", response_model=list[TimelineEntryRead])
async def read_timeline(
    order_id: int, principal: Readers, db: SessionDep, workflows: OrderWorkflowsDep
) -> list[TimelineEntryRead]:
    """Everything that happened to the order, oldest first: status changes, payments,
    messages and audit entries, with its workflow's steps, retries, signals and timers."""
    order = await queries.get_order(db, principal, order_id)
    entries = timeline.merged(
        await timeline.business_events(db, order), await workflows.history(order.order_number)
    )
    return [TimelineEntryRead.model_validate(e, from_attributes=True) for e in entries]


@router.patch(
    "/{order_id}/status/",
    response_model=OrderDetail,
    responses={202: {"model": OrderDetail, "description": "Handed to the order's workflow"}},
)
async def change_status(
    order_id: int,
    body: StatusChange,
    principal: Annotated[Principal, require("orders:update_status")],
    db: SessionDep,
    request: Request,
    response: Response,
    workflows: OrderWorkflowsDep,
) -> OrderDetail:
    """Only legal moves; an illegal one is a 409 naming the allowed next statuses. An order
    run by a workflow answers 202: the workflow makes the change (and sends its
    notifications) a moment later."""
    order = await queries.get_order(db, principal, order_id)
    handed = await workflows.change_status(
        db, principal.actor(_ip(request)), order, body.status, body.reason
    )
    _accepted(response, handed)
    return _detail(await queries.get_order(db, principal, order_id), workflows)


@router.post(
    "/{order_id}/assign-delivery/",
    response_model=OrderDetail,
    responses={202: {"model": OrderDetail, "description": "Dispatch handed to the workflow"}},
)
async def assign_delivery(
    order_id: int,
    body: DeliveryAssignment,
    principal: Annotated[Principal, require("orders:assign_delivery")],
    db: SessionDep,
    request: Request,
    response: Response,
    workflows: OrderWorkflowsDep,
) -> OrderDetail:
    """Record courier, tracking number and ETA. A confirmed order is then dispatched: its
    card is charged and the customer told (through the workflow: 202)."""
    actor = principal.actor(_ip(request))
    order = await queries.get_order(db, principal, order_id)
    await lifecycle.assign_delivery(
        db,
        actor,
        order,
        courier=body.courier,
        tracking_number=body.tracking_number,
        eta=body.eta,
    )
    if order.status is OrderStatus.confirmed:
        # The courier details must be saved before the workflow reads them for the notice.
        await db.commit()
        handed = await workflows.change_status(
            db, actor, order, OrderStatus.dispatched, "handed to courier"
        )
        _accepted(response, handed)
    return _detail(await queries.get_order(db, principal, order_id), workflows)


@router.post("/{order_id}/notify/", response_model=NoticeResent, status_code=202)
async def resend_notice(
    order_id: int,
    body: NoticeResend,
    principal: Annotated[Principal, require("orders:update")],
    db: SessionDep,
    request: Request,
    notifier: NotifierDep,
) -> NoticeResent:
    """Send the customer one of the order's notices again (all its channels, or `channel`):
    queued now, delivered once committed. 409 when the notice does not fit the order (a
    dispatch notice for an order not dispatched, an eSIM code for a physical SIM, a customer
    erased or without a phone for an SMS)."""
    order = await queries.get_order(db, principal, order_id)
    messages = await resend.resend(
        db, notifier, principal.actor(_ip(request)), order, body.notice, body.channel
    )
    return NoticeResent(
        notice=body.notice, messages=[QueuedMessageRead.model_validate(m) for m in messages]
    )
