"""Live updates: events the domain announces after commit, fanned out to sockets via Redis."""

from services.live.events import Audience, Event
from services.live.publishing import Publisher, announce, attach

__all__ = ["Audience", "Event", "Publisher", "announce", "attach"]
