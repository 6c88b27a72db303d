"""Rows for relationship health and insights: check-ins, feedback, introductions, at-risk pairs,
dashboards and reports.
"""


def stage(cast) -> dict:
    """What this area's rows point at, added to the cast: {name: object}."""
    return {}


PAGES = []

API = []
