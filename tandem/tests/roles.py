"""The roles every permission test walks through, in one place."""

ROLES = [
    "anonymous",
    "outsider",
    "mentee",
    "mentor",
    "peer",
    "program_manager",
    "other_program_admin",
    "program_admin",
    "superuser",
]
