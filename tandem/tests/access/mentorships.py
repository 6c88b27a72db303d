"""Rows for mentorships and matching: match runs and proposals, requests, the mentorship and its
agreement, reflections, lineage.
"""

from tandem.tests.access.base import MANAGERS, PAIR, Page


def stage(cast) -> dict:
    """What this area's rows point at, added to the cast: {name: object}."""
    return {}


PAGES = [
    Page("mentorships:detail", lambda c: f"/mentorships/{c.mentorship.pk}/", PAIR | MANAGERS, 404),
]

API = []
