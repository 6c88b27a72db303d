"""Small helpers for the meetings templates."""

import datetime

from django import template

register = template.Library()


@register.filter
def notice(delta: datetime.timedelta | None) -> str:
    """How long before a meeting it was cancelled, in words ('2 days before')."""
    if delta is None:
        return ""
    seconds = delta.total_seconds()
    if seconds <= 0:
        return "after it was due to start"
    hours = seconds / 3600
    if hours < 1:
        return f"{round(seconds / 60)} minutes before"
    if hours < 48:
        return f"{round(hours)} hour{'s' if round(hours) != 1 else ''} before"
    return f"{round(hours / 24)} days before"


@register.filter
def minutes(value: int) -> str:
    hours, rest = divmod(int(value), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


@register.filter
def arrival_of(meeting, person) -> str:
    """The settled arrival label of one person at a meeting."""
    value = meeting.arrival_of(person)
    return {"on_time": "On time", "late": "Late", "absent": "Absent"}.get(value, "")
