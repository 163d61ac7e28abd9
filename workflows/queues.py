"""Task queues, one per concern, so each kind of work scales with its own workers."""

ORDERS = "orders"
PAYMENTS = "payments"
REPORTS = "reports"
NOTIFICATIONS = "notifications"
SYSTEM = "system"

ALL = (ORDERS, PAYMENTS, REPORTS, NOTIFICATIONS, SYSTEM)
