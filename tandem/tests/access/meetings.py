"""Rows for meetings: proposals and series, attendance, shared and private notes, action items,
calendar feeds, reminder preferences.
"""


def stage(cast) -> dict:
    """What this area's rows point at, added to the cast: {name: object}."""
    return {}


PAGES = []

API = []
