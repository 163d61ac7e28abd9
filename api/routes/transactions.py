"""/api/transactions/ (the ledger, refunds, export) and /api/payments/gateways/."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response, StreamingResponse

from api import cursors
from api.deps import (
    RefundWorkflowsDep,
    SessionDep,
    SettingsDep,
    StorageDep,
    StreamingSessionDep,
)
from api.idempotency import IDEMPOTENT
from api.listing import KeysetPaginationDep, only_params, ordering, page_of
from api.schemas import Page
from api.schemas.transactions import (
    Gateway,
    RefundDecisionBody,
    RefundRequest,
    TransactionDetail,
    TransactionRead,
)
from api.security import require
from core.validators import check_range
from models import Transaction, TransactionStatus, TransactionType
from services import tabular, transactions
from services.auth.principal import Principal
from services.documents import invoice
from services.querying import csv_rows
from services.tabular import TabularFormat
from workflows.refund import RefundDecision, needs_approval

router = APIRouter(tags=["transactions"])
Readers = Annotated[Principal, require("transactions:read")]
OrderBy = Annotated[
    list[Any],
    ordering(
        {"created_at": Transaction.created_at, "amount": Transaction.amount},
        default="-created_at",
        tiebreaker=Transaction.id,
    ),
]
FILTERS = (
    "search",
    "transaction_type",
    "status",
    "payment_method",
    "user_id",
    "reseller_id",
    "order_id",
    "created_from",
    "created_to",
)


def _ip(request: Request) -> str | None:
    return request.client.host if request.client else None


async def transaction_filter(
    search: Annotated[str | None, Query(min_length=3, max_length=200)] = None,
    transaction_type: TransactionType | None = None,
    status: TransactionStatus | None = None,
    payment_method: Annotated[str | None, Query(max_length=50)] = None,
    user_id: int | None = None,
    reseller_id: int | None = None,
    order_id: int | None = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
) -> transactions.TransactionFilter:
    check_range(created_from, created_to, "created_from", "created_to")
    return transactions.TransactionFilter(
        search,
        transaction_type,
        status,
        payment_method,
        user_id,
        reseller_id,
        order_id,
        created_from,
        created_to,
    )


Filters = Annotated[transactions.TransactionFilter, Depends(transaction_filter)]


@router.get(
    "/api/transactions/",
    response_model=Page[TransactionRead],
    dependencies=[only_params(*FILTERS, "cursor")],
)
async def list_transactions(
    principal: Readers,
    db: SessionDep,
    paging: KeysetPaginationDep,
    filters: Filters,
    order_by: OrderBy,
) -> Page[TransactionRead]:
    """Deep pages: follow `next_cursor` with `cursor=` (orderings of never-empty columns)."""
    rows, total, exact = await transactions.list_transactions(
        db, principal, filters, order_by, paging.window(order_by)
    )
    return page_of(
        [TransactionRead.model_validate(t) for t in rows], total, paging, exact=exact,
        next_cursor=cursors.after_last(rows, order_by, paging.page_size),
    )  # fmt: skip


@router.get(
    "/api/transactions/export/",
    dependencies=[only_params(*FILTERS, "format")],
    responses={200: {"content": {"text/csv": {}, tabular.MEDIA_TYPES[TabularFormat.xlsx]: {}}}},
)
async def export_transactions(
    principal: Annotated[Principal, require("transactions:export")],
    db: StreamingSessionDep,
    filters: Filters,
    format: Annotated[str, Query(pattern="^(csv|xlsx)$")] = "csv",
) -> StreamingResponse:
    """The filtered ledger as CSV or XLSX, read in batches: memory stays flat at any size
    (an XLSX is spooled to a temporary file, then streamed)."""
    query = transactions.query(principal, filters).order_by(Transaction.id)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    disposition = {"Content-Disposition": f'attachment; filename="transactions-{stamp}.{format}"'}
    if format == TabularFormat.xlsx:
        rows = transactions.export_rows(db, query)
        return StreamingResponse(
            tabular.encode(transactions.EXPORT_COLUMNS, rows, TabularFormat.xlsx),
            media_type=tabular.MEDIA_TYPES[TabularFormat.xlsx],
            headers=disposition,
        )
    return StreamingResponse(
        csv_rows(db, query, transactions.EXPORT_COLUMNS),
        media_type="text/csv; charset=utf-8",
        headers=disposition,
    )


@router.get("/api/transactions/{transaction_id}/", response_model=TransactionDetail)
async def read_transaction(
    transaction_id: int, principal: Readers, db: SessionDep, config: SettingsDep
) -> TransactionDetail:
    """With what a completed payment can still refund, and whether a pending refund waits
    for a second person's approval."""
    found = await transactions.get_transaction(db, principal, transaction_id)
    left = None
    if (
        found.transaction_type is TransactionType.payment
        and found.status is TransactionStatus.completed
    ):
        left = await transactions.refundable(db, found)
    fields = {name: getattr(found, name) for name in TransactionRead.model_fields}
    return TransactionDetail.model_validate(
        {
            **fields,
            "payment_gateway_response": found.payment_gateway_response,
            "refundable_amount": left,
            "approval_required": found.transaction_type is TransactionType.refund
            and found.status is TransactionStatus.pending
            and needs_approval(found.amount, config.refund_approval_threshold),
        }
    )


@router.post(
    "/api/transactions/{transaction_id}/refund/",
    response_model=TransactionRead,
    status_code=202,
    dependencies=[IDEMPOTENT],
)
async def refund(
    transaction_id: int,
    body: RefundRequest,
    principal: Annotated[Principal, require("transactions:refund")],
    db: SessionDep,
    request: Request,
    workflows: RefundWorkflowsDep,
) -> TransactionRead:
    """Request a refund of a completed payment (partial or full). It is recorded as a pending
    refund transaction and paid back by its workflow (`refund-<transaction_id>`), after a
    second person's approval when above the approval threshold. An activated eSIM needs
    `override_reason`. Send an `Idempotency-Key` to make retries safe."""
    payment = await transactions.get_transaction(db, principal, transaction_id)
    created = await transactions.request_refund(
        db,
        principal.actor(_ip(request)),
        payment,
        body.amount,
        body.reason,
        body.override_reason,
    )
    await db.commit()  # the workflow's first step reads the refund
    await workflows.start(created)
    return TransactionRead.model_validate(created)


@router.post("/api/transactions/{transaction_id}/decision/", response_model=TransactionRead)
async def decide_refund(
    transaction_id: int,
    body: RefundDecisionBody,
    principal: Annotated[Principal, require("transactions:refund")],
    db: SessionDep,
    workflows: RefundWorkflowsDep,
) -> TransactionRead:
    """Approve or reject a refund awaiting approval; not by the person who requested it."""
    refund = await transactions.get_transaction(db, principal, transaction_id)
    await workflows.decide(
        refund,
        RefundDecision(approve=body.approve, actor_id=principal.account_id, reason=body.reason),
    )
    return TransactionRead.model_validate(refund)


@router.get("/api/payments/gateways/", response_model=list[Gateway])
async def payment_gateways(
    _: Annotated[Principal, require("transactions:read")], settings: SettingsDep
) -> list[Gateway]:
    key = settings.stripe_api_key.get_secret_value()
    mode = "live" if key.startswith("sk_live_") else "test"
    return [Gateway(name="stripe", enabled=bool(key), mode=mode, methods=["card"])]


@router.get(
    "/api/transactions/{transaction_id}/invoice/",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
async def transaction_invoice(
    transaction_id: int, principal: Readers, db: SessionDep, storage: StorageDep
) -> Response:
    """The PDF invoice of a completed payment (409 for anything else): branding, seller and
    buyer, the order's lines and the tax charged, as priced when the order was placed."""
    payment = await transactions.get_transaction(db, principal, transaction_id)
    pdf = await invoice.render(db, storage, payment)
    name = f"{invoice.invoice_number(payment)}.pdf"
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
