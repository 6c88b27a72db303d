"""Check-ins, feedback, introductions, the health score and at-risk alerts."""
