"""Each app user and reseller client carries the number of their orders, kept by triggers on
sim_orders; an order belongs to an app user or a reseller's client, never both

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-09 10:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | Sequence[str] | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CUSTOMER_TABLES = ("public_users", "reseller_clients")

BACKFILL = (
    """UPDATE public_users AS u SET orders_count = o.n
         FROM (SELECT user_id, count(*) AS n FROM sim_orders GROUP BY user_id) AS o
        WHERE u.id = o.user_id""",
    """UPDATE reseller_clients AS c SET orders_count = o.n
         FROM (SELECT client_id, count(*) AS n FROM sim_orders GROUP BY client_id) AS o
        WHERE c.id = o.client_id""",
)
# Inserts and deletes are counted once per statement, from its transition table: a bulk load
# updates each customer once, not once per order. TG_ARGV[0] is +1 or -1.
COUNT_ORDERS = """
CREATE FUNCTION count_customer_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE public_users AS u SET orders_count = u.orders_count + TG_ARGV[0]::int * o.n
    FROM (SELECT user_id, count(*) AS n FROM changed_orders GROUP BY user_id) AS o
   WHERE u.id = o.user_id;
  UPDATE reseller_clients AS c SET orders_count = c.orders_count + TG_ARGV[0]::int * o.n
    FROM (SELECT client_id, count(*) AS n FROM changed_orders GROUP BY client_id) AS o
   WHERE c.id = o.client_id;
  RETURN NULL;
END $$
"""
# An order moved to another customer (a correction, rare) is counted row by row.
MOVE_ORDER = """
CREATE FUNCTION move_customer_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE public_users SET orders_count = orders_count - 1 WHERE id = OLD.user_id;
  UPDATE public_users SET orders_count = orders_count + 1 WHERE id = NEW.user_id;
  UPDATE reseller_clients SET orders_count = orders_count - 1 WHERE id = OLD.client_id;
  UPDATE reseller_clients SET orders_count = orders_count + 1 WHERE id = NEW.client_id;
  RETURN NULL;
END $$
"""
TRIGGERS = {
    "sim_orders_counted_in": """AFTER INSERT ON sim_orders
        REFERENCING NEW TABLE AS changed_orders FOR EACH STATEMENT
        EXECUTE FUNCTION count_customer_orders('1')""",
    "sim_orders_counted_out": """AFTER DELETE ON sim_orders
        REFERENCING OLD TABLE AS changed_orders FOR EACH STATEMENT
        EXECUTE FUNCTION count_customer_orders('-1')""",
    "sim_orders_customer_moved": """AFTER UPDATE OF user_id, client_id ON sim_orders
        FOR EACH ROW WHEN (OLD.user_id IS DISTINCT FROM NEW.user_id
                           OR OLD.client_id IS DISTINCT FROM NEW.client_id)
        EXECUTE FUNCTION move_customer_order()""",
}


def upgrade() -> None:
    op.create_check_constraint(
        op.f("ck_sim_orders_one_customer"), "sim_orders", "user_id IS NULL OR client_id IS NULL"
    )
    for table in CUSTOMER_TABLES:
        op.add_column(
            table, sa.Column("orders_count", sa.Integer(), server_default="0", nullable=False)
        )
    for statement in (*BACKFILL, COUNT_ORDERS, MOVE_ORDER):
        op.execute(statement)
    for name, definition in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {definition}")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER {name} ON sim_orders")
    op.execute("DROP FUNCTION move_customer_order()")
    op.execute("DROP FUNCTION count_customer_orders()")
    for table in CUSTOMER_TABLES:
        op.drop_column(table, "orders_count")
    op.drop_constraint(op.f("ck_sim_orders_one_customer"), "sim_orders", type_="check")
