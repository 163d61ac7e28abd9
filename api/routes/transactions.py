"""/api/transactions/ (the ledger, refunds, export) and /api/payments/gateways/."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from api.deps import RefundWorkflowsDep, SessionDep, SettingsDep, StreamingSessionDep
from api.idempotency import IDEMPOTENT
from api.listing import PaginationDep, only_params, ordering, page_of
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
from services import transactions
from services.auth.principal import Principal
from services.querying import csv_rows
from workflows.refund import RefundDecision

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


def transaction_filter(
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
    "/api/transactions/", response_model=Page[TransactionRead], dependencies=[only_params(*FILTERS)]
)
async def list_transactions(
    principal: Readers, db: SessionDep, paging: PaginationDep, filters: Filters, order_by: OrderBy
) -> Page[TransactionRead]:
    rows, total, exact = await transactions.list_transactions(
        db, principal, filters, order_by, paging.offset, paging.page_size
    )
    return page_of([TransactionRead.model_validate(t) for t in rows], total, paging, exact=exact)


@router.get(
    "/api/transactions/export/",
    dependencies=[only_params(*FILTERS, "format")],
    responses={200: {"content": {"text/csv": {}}}},
)
async def export_transactions(
    principal: Annotated[Principal, require("transactions:export")],
    db: StreamingSessionDep,
    filters: Filters,
    format: Annotated[str, Query(pattern="^csv$")] = "csv",
) -> StreamingResponse:
    """The filtered ledger as CSV, streamed in batches: memory stays flat at any size."""
    query = transactions.query(principal, filters).order_by(Transaction.id)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return StreamingResponse(
        csv_rows(db, query, transactions.EXPORT_COLUMNS),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="transactions-{stamp}.csv"'},
    )


@router.get("/api/transactions/{transaction_id}/", response_model=TransactionDetail)
async def read_transaction(
    transaction_id: int, principal: Readers, db: SessionDep
) -> TransactionDetail:
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
