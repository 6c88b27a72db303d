"""Rows for growth: goals and milestones, celebrations, development plans, 360° assessments,
competencies, training.
"""


def stage(cast) -> dict:
    """What this area's rows point at, added to the cast: {name: object}."""
    return {}


PAGES = []

API = []
