"""What the audit log records: who changed what, before and after, and when (django-auditlog).

To audit a model, add ONE line to AUDITED: the model's label, the program it belongs to (so
that the program's admins read its entries) and, as django-auditlog's `register()` takes them,
which fields to record. Content the admins may not read (agreement terms, notes, free text of
the pair) is left out with `include_fields`: the log is read by admins.

    Audited("matching.MatchRun", program=lambda run: run.program_id),
"""

from collections.abc import Callable
from typing import Any

from auditlog.registry import auditlog
from django.apps import apps

# The fields of an account that grant or withdraw power.
PERMISSION_FIELDS = ["is_program_admin", "is_superuser", "is_staff", "is_active"]


class Audited:
    """One audited model: its label, how to find its program, django-auditlog's options."""

    def __init__(self, model: str, program: Callable[[Any], int | None] | None = None, **options):
        self.model = model
        self.program = program
        self.options = options


AUDITED = [
    Audited("people.User", include_fields=PERMISSION_FIELDS),
    Audited("programs.Program", program=lambda p: p.pk, m2m_fields={"admins"}),
    Audited("programs.Enrollment", program=lambda e: e.program_id, exclude_fields=["load"]),
    Audited("mentorships.Mentorship", program=lambda m: m.program_id, exclude_fields=["end_note"]),
    # Agreements: that a version exists and who signed it, never its terms (confidential).
    Audited(
        "mentorships.Agreement",
        program=lambda a: a.mentorship.program_id,
        include_fields=["mentorship", "version", "created_by"],
    ),
    Audited(
        "mentorships.AgreementSignature",
        program=lambda s: s.agreement.mentorship.program_id,
        include_fields=["agreement", "person", "signed_at"],
    ),
    # Match runs: who started which run with what parameters, who published it. The engine's
    # progress and bookkeeping (stage, timings, stats, the people's ids) are not changes.
    Audited(
        "matching.MatchRun",
        program=lambda run: run.program_id,
        include_fields=[
            "program",
            "number",
            "objective",
            "weights",
            "constraints",
            "peers",
            "status",
            "people_count",
            "created_by",
            "published_by",
            "published_at",
            "publish_queued_by",
            "publish_queued_at",
            "publish_error",
        ],
    ),
    # Proposals: the pair, its score and who changed it by hand (the engine's explanation and
    # factor table are derived, and long).
    Audited(
        "matching.Proposal",
        program=lambda proposal: proposal.run.program_id,
        include_fields=[
            "run",
            "mentee_enrollment",
            "mentor_enrollment",
            "score",
            "edited_by",
            "edited_at",
            "overridden",
            "broken",
            "mentorship",
            "skipped_reason",
        ],
    ),
    Audited("matching.ProposalChange", program=lambda change: change.run.program_id),
    # Requests: who asked whom, and what became of it; never the mentee's motivation nor the
    # mentor's message (their words to each other), nor the closing note.
    Audited(
        "mentorships.MentorshipRequest",
        program=lambda request: request.program_id,
        include_fields=[
            "program",
            "mentee",
            "mentor",
            "status",
            "score",
            "expires_at",
            "answered_at",
            "mentorship",
        ],
    ),
    # Reflections: that one was given, the recommendation and the reason code (what the admins
    # may see), never the words.
    Audited(
        "mentorships.Reflection",
        program=lambda reflection: reflection.mentorship.program_id,
        include_fields=["mentorship", "author", "recommend", "reason"],
    ),
]


def register_audited_models() -> None:
    for audited in AUDITED:
        model = apps.get_model(audited.model)
        if audited.program is not None and not hasattr(model, "get_additional_data"):
            # django-auditlog stores what this returns with each entry: the program's admins
            # find their program's entries by it.
            model.get_additional_data = _program_data(audited.program)
        auditlog.register(model, **_with_own_fields(model, audited.options))


def _with_own_fields(model, options: dict) -> dict:
    """Record the model's own columns only (not the reverse relations auditlog would list)."""
    if options.get("include_fields"):
        return options
    excluded = set(options.get("exclude_fields", []))
    own = [f.name for f in model._meta.concrete_fields if f.name not in excluded]
    return {**options, "include_fields": own}


def _program_data(program_of: Callable[[Any], int | None]):
    def get_additional_data(instance) -> dict:
        return {"program": program_of(instance)}

    return get_additional_data


def audited_models() -> list:
    return [apps.get_model(audited.model) for audited in AUDITED]
