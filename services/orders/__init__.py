"""SIM orders: placement, the status lifecycle, delivery, and the queries the panel uses."""
