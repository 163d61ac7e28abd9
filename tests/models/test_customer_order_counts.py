"""Each customer's `orders_count`, kept by the triggers of migration 0017 on sim_orders: orders
added one by one or in bulk, moved to another customer, deleted."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from models import PublicUser, ResellerClient, SimOrder
from tests.factories import make_order, make_reseller


async def _customers(db: AsyncSession) -> tuple[int, int, int, int]:
    """Two app users and a client of a reseller: their ids, and the reseller's."""
    reseller = await make_reseller(db)
    people = [
        PublicUser(full_name=f"Count {n}", email=f"count{n}@example.com",
                   phone=f"+35193100000{n}", city="Braga")
        for n in (1, 2)
    ]  # fmt: skip
    client = ResellerClient(
        reseller_id=reseller.id, client_name="Counted Client",
        client_email="counted@example.org", client_phone="+351931000009",
    )  # fmt: skip
    db.add_all([*people, client])
    await db.commit()
    return people[0].id, people[1].id, client.id, reseller.id


async def _counts(db: AsyncSession, first: int, second: int, client: int) -> tuple[int, ...]:
    users = select(PublicUser.id, PublicUser.orders_count).where(PublicUser.id.in_([first, second]))
    counts: dict[int, int] = {id_: n for id_, n in await db.execute(users)}
    clients = select(ResellerClient.orders_count).where(ResellerClient.id == client)
    return counts[first], counts[second], await db.scalar(clients) or 0


async def test_orders_are_counted_as_they_come_move_and_go(db: AsyncSession) -> None:
    first, second, client, reseller = await _customers(db)
    assert await _counts(db, first, second, client) == (0, 0, 0)

    one = await make_order(db, user_id=first)
    await make_order(db, user_id=first)
    theirs = await make_order(db, reseller_id=reseller)
    await db.execute(update(SimOrder).where(SimOrder.id == theirs.id).values(client_id=client))
    await db.commit()
    assert await _counts(db, first, second, client) == (2, 0, 1)

    # One statement adding several orders of several customers.
    copied = [
        SimOrder.order_type, SimOrder.user_id, SimOrder.reseller_id, SimOrder.client_id,
        SimOrder.sim_type, SimOrder.network_provider, SimOrder.plan_name, SimOrder.plan_price,
        SimOrder.total_amount,
    ]  # fmt: skip
    await db.execute(
        insert(SimOrder).from_select(
            [SimOrder.order_number, *copied], select(SimOrder.order_number + "-copy", *copied)
        )
    )
    await db.commit()
    assert await _counts(db, first, second, client) == (4, 0, 2)

    await db.execute(update(SimOrder).where(SimOrder.id == one.id).values(user_id=second))
    await db.commit()
    assert await _counts(db, first, second, client) == (3, 1, 2)

    await db.execute(delete(SimOrder).where(SimOrder.client_id == client))
    await db.commit()
    assert await _counts(db, first, second, client) == (3, 1, 0)


async def test_a_rolled_back_order_is_not_counted(db: AsyncSession) -> None:
    first, second, client, _ = await _customers(db)
    order = await make_order(db, user_id=first)
    with pytest.raises(IntegrityError, match="one_customer"):
        # An order belongs to an app user or a reseller's client, never both.
        await db.execute(update(SimOrder).where(SimOrder.id == order.id).values(client_id=client))
    await db.rollback()
    assert await _counts(db, first, second, client) == (1, 0, 0)
