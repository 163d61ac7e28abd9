"""Every list endpoint loads a page and its related rows in a fixed number of SQL statements:
asking for 20 rows costs as many statements as asking for 2 (no N+1)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from models import (
    PublicUser,
    ResellerClient,
    SimPlan,
    SimType,
    SupportTicket,
    TicketStatus,
    Transaction,
    TransactionStatus,
    TransactionType,
)
from models.identity import SystemRole
from tests.factories import (
    login_headers,
    make_account,
    make_order,
    make_plan,
    make_reseller,
    make_staff,
)
from tests.statements import recorded_statements

ROWS = 21  # more than the larger page, so both pages are full


@dataclass(frozen=True)
class Seeded:
    reseller_id: int
    user_id: int


async def _seed(db: AsyncSession) -> Seeded:
    """ROWS of each listed resource, most of them with the related rows their lists show:
    tickets with requester, reseller, order and assignee; orders and payments of one reseller
    and one user; clients of one reseller."""
    reseller = await make_reseller(db)
    customer = await make_account(db, SystemRole.customer)
    user_id = customer.public_user_id
    assert user_id is not None
    plan = await make_plan(db, SimType.esim, stock=ROWS)
    for n in range(ROWS):
        other = await make_reseller(db)
        staff = await make_staff(db, SystemRole.support)
        own = await make_order(db, user_id=user_id)
        sold = await make_order(db, reseller_id=reseller.id)
        suffix = uuid.uuid4().hex[:8]
        db.add_all(
            [
                ResellerClient(
                    reseller_id=reseller.id, client_name=f"Client {n}", plan_id=plan.id,
                    client_email=f"client-{suffix}@example.org", client_phone=f"+1415557{n:04d}",
                ),
                # Public users without a login: hashing a password per row would only be slow.
                PublicUser(
                    full_name=f"Person {n}", email=f"person-{suffix}@example.org",
                    phone=f"+1415558{n:04d}", city="Denver",
                ),
                SimPlan(
                    code=f"QC-{suffix}", name=f"Plan {n}", network_provider="Telenor",
                    sim_type=SimType.physical, validity_days=30, price=Decimal("9.00"),
                ),
                SupportTicket(
                    ticket_number=f"TKT-QC-{suffix}", subject=f"Ticket {n}", description="x",
                    user_id=user_id, order_id=own.id,
                    reseller_id=other.id, assigned_to_id=staff.id, status=TicketStatus.open,
                ),
                *(
                    Transaction(
                        transaction_id=f"TXN-QC-{suffix}-{who}", order_id=order_id,
                        user_id=user, reseller_id=seller, amount=Decimal("20.00"),
                        transaction_type=TransactionType.payment, payment_method="card",
                        status=TransactionStatus.completed,
                    )
                    for who, order_id, user, seller in (
                        ("u", own.id, user_id, None), ("r", sold.id, None, reseller.id)
                    )
                ),
            ]
        )  # fmt: skip
    await db.commit()
    return Seeded(reseller_id=reseller.id, user_id=user_id)


LISTS = [
    "/api/resellers/",
    "/api/clients/",
    "/api/users/",
    "/api/orders/",
    "/api/transactions/",
    "/api/support/tickets/",
    "/api/catalog/plans/",
    "/api/inventory/sims/",
    "/api/admin/staff/",
    "/api/resellers/{reseller_id}/clients/",
    "/api/resellers/{reseller_id}/orders/",
    "/api/resellers/{reseller_id}/transactions/",
    "/api/users/{user_id}/orders/",
    "/api/users/{user_id}/transactions/",
    "/api/users/{user_id}/support-tickets/",
]


async def test_list_queries_do_not_grow_with_the_page(
    client: AsyncClient, db: AsyncSession, engine: AsyncEngine
) -> None:
    # One seed serves every list: seeding per endpoint made this the suite's slowest test.
    seeded = await _seed(db)
    auth = await login_headers(client, await make_staff(db, SystemRole.super_admin))
    # The first request also reads the caller's principal (cached after it): not a list's cost.
    assert (await client.get("/api/auth/user/", headers=auth)).status_code == 200
    growing = {}
    for path in LISTS:
        url = path.format(reseller_id=seeded.reseller_id, user_id=seeded.user_id)
        counts = []
        for size in (2, 20):
            with recorded_statements(engine.sync_engine) as statements:
                response = await client.get(url, headers=auth, params={"page_size": size})
            assert response.status_code == 200, (url, response.text)
            assert len(response.json()["items"]) == size, url
            counts.append(len(statements))
        if counts[0] != counts[1]:
            growing[url] = counts
    assert growing == {}
