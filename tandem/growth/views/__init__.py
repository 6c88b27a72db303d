"""The growth pages, one module per part: goals, plans, assessments (and the rating links),
training and competencies, and the hub."""
