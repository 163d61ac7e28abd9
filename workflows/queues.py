"""Task queues, one per concern, so each kind of work scales with its own workers."""

ORDERS = "orders"
PAYMENTS = "payments"
REPORTS = "reports"
NOTIFICATIONS = "notifications"
ONBOARDING = "onboarding"
SEARCH = "search"
SYSTEM = "system"

ALL = (ORDERS, PAYMENTS, REPORTS, NOTIFICATIONS, ONBOARDING, SEARCH, SYSTEM)


def qualified(prefix: str, name: str) -> str:
    """The queue's name on the server: TEMPORAL_TASK_QUEUE_PREFIX lets two deployments (or two
    test runs) share one Temporal namespace without taking each other's work."""
    return f"{prefix}{name}"
