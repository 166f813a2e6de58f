"""An independent, pure-Python reading of the KPI catalogue's timeline rules ("Precise
definitions"), written from the spec text, not from the SQL. Used as the oracle of the property
tests: whatever timeline hypothesis draws, fct_tickets must agree with it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# "Events of a ticket are ordered by event_at, then by type (...), then event_id."
TYPE_ORDER = (
    "customer_message",
    "system_message",
    "ai_message",
    "agent_message",
    "escalated",
    "transferred",
    "resolved",
    "reopened",
    "closed",
)


@dataclass(frozen=True)
class Event:
    event_id: str
    at: dt.datetime  # naive UTC
    type: str
    ai_assisted: bool = False


@dataclass(frozen=True)
class Flags:
    resolution_path: str
    first_response_at: dt.datetime | None
    is_ai_handled: bool
    is_escalated: bool
    first_resolved_at: dt.datetime | None
    resolved_at: dt.datetime | None
    is_resolved: bool
    is_reopened: bool
    is_reopened_within_window: bool
    is_fcr_pending: bool
    is_fcr_pending_failure: bool
    is_deflection_pending: bool
    is_deflection_pending_failure: bool
    is_ai_resolved: bool


def ticket_flags(
    events: list[Event], as_of: dt.datetime, reopen_window: dt.timedelta = dt.timedelta(hours=72)
) -> Flags:
    timeline = sorted(events, key=lambda e: (e.at, TYPE_ORDER.index(e.type), e.event_id))
    resolved_now = False
    first_resolved_at = resolved_at = None
    reopened = reopened_within = False
    first_reply: Event | None = None
    for event in timeline:
        if event.type in ("ai_message", "agent_message") and first_reply is None:
            first_reply = event
        # `resolved` always resolves; `closed` resolves a ticket that is open at that moment
        # and changes nothing on a resolved one
        if event.type == "resolved" or (event.type == "closed" and not resolved_now):
            resolved_now = True
            first_resolved_at = first_resolved_at or event.at
            resolved_at = event.at
        # a `reopened` on a ticket that is not resolved at that moment is ignored
        elif event.type == "reopened" and resolved_now:
            resolved_now = False
            reopened = True
            # closed interval: at exactly first resolution + window is inside
            if event.at <= first_resolved_at + reopen_window:
                reopened_within = True

    types = {e.type for e in timeline}
    human = "agent_message" in types or "escalated" in types
    if first_reply is None:
        path = "unanswered"
    elif first_reply.type == "ai_message":
        path = "escalated" if human else "ai_only"
    else:
        ai_took_part = "ai_message" in types or any(
            e.ai_assisted for e in timeline if e.type == "agent_message"
        )
        path = "assisted" if ai_took_part else "human_only"

    # "A windowed outcome is final when its window has closed (window end <= as_of), and only
    # then" - also when the reopen inside the window has already happened
    window_closed = first_resolved_at is not None and first_resolved_at + reopen_window <= as_of
    fcr_pending = first_resolved_at is not None and not window_closed
    return Flags(
        resolution_path=path,
        first_response_at=first_reply.at if first_reply else None,
        is_ai_handled=path in ("ai_only", "escalated"),
        is_escalated=path == "escalated" or "escalated" in types,
        first_resolved_at=first_resolved_at,
        resolved_at=resolved_at if resolved_now else None,
        is_resolved=resolved_now,
        is_reopened=reopened,
        is_reopened_within_window=reopened_within,
        is_fcr_pending=fcr_pending,
        is_fcr_pending_failure=fcr_pending and reopened_within,
        is_deflection_pending=path == "ai_only" and fcr_pending,
        is_deflection_pending_failure=path == "ai_only" and fcr_pending and reopened_within,
        is_ai_resolved=(
            path == "ai_only"
            and first_resolved_at is not None
            and not reopened_within
            and window_closed
        ),
    )
