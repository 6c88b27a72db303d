"""Meetings, notes, action items and calendar feeds."""
