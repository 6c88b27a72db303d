"""Goals and milestones, development plans, 360° assessments, training."""
