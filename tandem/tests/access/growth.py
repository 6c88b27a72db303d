"""Rows for growth's goals: goals and milestones, progress and comments, celebrations and
congratulations, the growth home page.
"""


def stage(cast) -> dict:
    """What this area's rows point at, added to the cast: {name: object}."""
    return {}


PAGES = []

API = []
