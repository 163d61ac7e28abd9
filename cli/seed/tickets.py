"""Support tickets about seeded orders, raised after the order's last change, with replies."""

from __future__ import annotations

import random
from typing import cast

from cli.seed.orders import ORDER_COLUMNS
from cli.seed.people import People, Row, Starts
from cli.seed.texts import CUSTOMER_REPLIES, INTERNAL_NOTES, STAFF_REPLIES, TICKET_TOPICS
from cli.seed.values import DAY, Calendar, Timeline, wheel
from models.identity import SystemRole

TICKET_COLUMNS = (
    "id", "ticket_number", "user_id", "reseller_id", "order_id", "created_by_id", "subject",
    "description", "priority", "status", "assigned_to_id", "resolved_at", "closed_at",
    "created_at", "updated_at",
)  # fmt: skip
REPLY_COLUMNS = ("id", "ticket_id", "author_id", "body", "is_internal", "created_at")
ORDERS_PER_TICKET = 50

PRIORITY = wheel({"low": 25, "medium": 45, "high": 22, "urgent": 8})
OLD_STATUS = wheel({"closed": 70, "resolved": 25, "in_progress": 5})  # older than two weeks
RECENT_STATUS = wheel({"open": 35, "in_progress": 35, "resolved": 20, "closed": 10})
REPLIES = {"open": (0, 1), "in_progress": (1, 3), "resolved": (2, 5), "closed": (2, 5)}
_ID, _USER, _RESELLER, _STATUS, _UPDATED = (
    ORDER_COLUMNS.index(name) for name in ("id", "user_id", "reseller_id", "status", "updated_at")
)


class TicketFactory:
    def __init__(
        self,
        rnd: random.Random,
        people: People,
        starts: Starts,
        timeline: Timeline,
        calendar: Calendar,
    ) -> None:
        self.rnd, self.people, self.starts = rnd, people, starts
        self.timeline, self.calendar = timeline, calendar
        self.agents = people.staff_ids[SystemRole.support] + people.staff_ids[SystemRole.moderator]
        self.next_id = starts.tickets
        self.next_reply = starts.replies

    @staticmethod
    def count(first: int, stop: int) -> int:
        """Tickets for orders [first, stop): one per ORDERS_PER_TICKET, exact over any split."""
        return stop // ORDERS_PER_TICKET - first // ORDERS_PER_TICKET

    def chunk(self, orders: list[Row], first: int) -> tuple[list[Row], list[Row]]:
        """Tickets and replies about a sample of `orders`, which start at order index `first`."""
        tickets: list[Row] = []
        replies: list[Row] = []
        picked = self.rnd.sample(range(len(orders)), self.count(first, first + len(orders)))
        for position in sorted(picked):
            self._ticket(orders[position], tickets, replies)
        return tickets, replies

    def _ticket(self, order: Row, tickets: list[Row], replies: list[Row]) -> None:
        rnd, end, people = self.rnd, self.timeline.end, self.people
        ticket_id = self.next_id
        self.next_id += 1
        user_id, reseller_id = order[_USER], order[_RESELLER]
        if user_id is not None:
            requester = people.user_account_base + cast(int, user_id) - self.starts.users
        else:
            reseller = people.reseller_refs[cast(int, reseller_id) - self.starts.resellers]
            requester = reseller.account_id
        changed = cast(int, order[_UPDATED])
        created = changed + int(rnd.random() * min(3 * DAY, end - changed))
        status = rnd.choice(OLD_STATUS if end - created > 14 * DAY else RECENT_STATUS)
        agent = rnd.choice(self.agents) if status != "open" else None
        subject, description = rnd.choice(TICKET_TOPICS[str(order[_STATUS])])

        # Replies alternate between staff and the requester, each later than the one before.
        moment, horizon = created, min(end, created + 7 * DAY)
        low, high = REPLIES[status]
        for turn in range(low + int(rnd.random() * (high - low + 1))):
            moment += 1 + int(rnd.random() * (horizon - moment) / 2)
            reply_id, self.next_reply = self.next_reply, self.next_reply + 1
            if turn % 2:
                body = rnd.choice(CUSTOMER_REPLIES)
                replies.append((reply_id, ticket_id, requester, body, False, moment))
                continue
            author = agent or rnd.choice(self.agents)
            if rnd.random() < 0.15:
                body = rnd.choice(INTERNAL_NOTES)
                replies.append((reply_id, ticket_id, author, body, True, moment))
            else:
                body = rnd.choice(STAFF_REPLIES)
                replies.append((reply_id, ticket_id, author, body, False, moment))
        resolved = closed = None
        if status in ("resolved", "closed"):
            resolved = moment = moment + int(rnd.random() * (end - moment) / 4)
        if status == "closed":
            closed = moment = moment + int(rnd.random() * (end - moment) / 4)
        number = self.starts.ticket_number + ticket_id - self.starts.tickets
        tickets.append(
            (ticket_id, f"TKT-{self.calendar.year(created)}-{number:06d}", user_id, reseller_id,
             order[_ID], requester, subject, description, rnd.choice(PRIORITY), status, agent,
             resolved, closed, created, moment)
        )  # fmt: skip
