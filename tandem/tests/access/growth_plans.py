"""Rows for growth's plans and assessments: development plans and their review, 360° assessments
and their raters, competency lists, training.
"""


def stage(cast) -> dict:
    """What this area's rows point at, added to the cast: {name: object}."""
    return {}


PAGES = []

API = []
