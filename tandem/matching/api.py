"""Match runs over the API: start and read runs, their proposals and the people left unmatched,
change a proposal by hand, compare two runs, publish one. The same rules as the pages
(tandem/matching/permissions.py): the program's admins and the global admins.

People are named by their person (user) id; a run, a proposal by their own ids."""

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import FilterSchema, Query, Router, Schema, Status
from ninja.pagination import paginate

from tandem.api.schemas import ERRORS, PersonRef
from tandem.matching import permissions
from tandem.matching.models import MatchRun, Proposal, RunStatus
from tandem.matching.results import match_run_compare, run_totals
from tandem.matching.services import (
    match_run_publish_request,
    match_run_start,
    pair_preview,
    proposal_add,
    proposal_remove,
    proposal_swap,
)
from tandem.programs.models import Enrollment, EnrollmentRole, Program

router = Router(tags=["matching"])


# --- schemas ---------------------------------------------------------------------------------


class RunIn(Schema):
    objective: str = "max_total"
    weights: dict[str, Any] = {}
    constraints: dict[str, Any] = {}


class TotalsOut(Schema):
    people: int
    matched: int
    proposals: int
    unmatched: int
    coverage: int
    total_score: float
    mean_score: float | None


class RunOut(Schema):
    id: int
    program: str
    number: int
    objective: str
    weights: dict[str, float]
    constraints: dict[str, Any]
    peers: bool
    status: str
    progress: int
    stage: str
    error: str
    in_background: bool
    people_count: int
    created_by: PersonRef | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    published_by: PersonRef | None
    published_at: datetime | None
    publish_queued_at: datetime | None
    publish_error: str
    timings: dict[str, float]
    totals: TotalsOut | None

    @staticmethod
    def resolve_program(run) -> str:
        return run.program.slug

    @staticmethod
    def resolve_totals(run) -> TotalsOut | None:
        return run_totals(run) if run.status == RunStatus.DONE else None


class FactorOut(Schema):
    factor: str
    label: str
    value: float
    weight: float
    contribution: float


class ProposalOut(Schema):
    id: int
    mentee: PersonRef
    mentor: PersonRef
    score: float
    explanation: str
    factors: list[FactorOut]
    edited_by: PersonRef | None
    edited_at: datetime | None
    overridden: bool
    broken: list[str]
    mentorship_id: int | None
    skipped_reason: str

    @staticmethod
    def resolve_mentee(proposal):
        return proposal.mentee_enrollment.person

    @staticmethod
    def resolve_mentor(proposal):
        return proposal.mentor_enrollment.person


class UnmatchedOut(Schema):
    person: PersonRef
    reason: str
    reason_label: str
    detail: str
    help: str

    @staticmethod
    def resolve_person(row):
        return row.enrollment.person

    @staticmethod
    def resolve_reason_label(row) -> str:
        return row.get_reason_display()

    @staticmethod
    def resolve_help(row) -> str:
        return row.help()


class PairIn(Schema):
    person: int
    partner: int
    override: bool = False


class SwapIn(Schema):
    partner: int
    keep: int | None = None
    override: bool = False


class PreviewOut(Schema):
    person: PersonRef
    partner: PersonRef
    score: float
    explanation: str
    factors: list[FactorOut]
    broken: list[str]
    refusals: list[str]
    can_save: bool

    @staticmethod
    def resolve_person(preview):
        return preview.person.person

    @staticmethod
    def resolve_partner(preview):
        return preview.partner.person


class PairScoresOut(Schema):
    mentee: PersonRef
    mentor: PersonRef
    score_a: float
    score_b: float


class ParameterOut(Schema):
    parameter: str
    a: str
    b: str
    differs: bool


class CompareOut(Schema):
    a: RunOut
    b: RunOut
    common: list[PairScoresOut]
    only_a: list[ProposalOut]
    only_b: list[ProposalOut]
    parameters: list[ParameterOut]


class SkippedOut(Schema):
    proposal: int
    mentee: PersonRef
    mentor: PersonRef
    reason: str


class PublishOut(Schema):
    run: RunOut
    proposed: int
    skipped: list[SkippedOut]


class RunFilter(FilterSchema):
    status: Literal["queued", "running", "done", "failed"] | None = None


class ProposalFilter(FilterSchema):
    edited: bool | None = None


# --- access ----------------------------------------------------------------------------------


def _program(request, slug: str) -> Program:
    program = get_object_or_404(Program, slug=slug)
    permissions.check_can_run_matching(request.user, program)
    return program


def _run(request, run_id: int) -> MatchRun:
    run = get_object_or_404(
        MatchRun.objects.select_related("program", "created_by", "published_by"), pk=run_id
    )
    permissions.check_can_run_matching(request.user, run.program)
    return run


def _proposal(request, proposal_id: int) -> Proposal:
    proposal = get_object_or_404(
        Proposal.objects.with_people().select_related("run__program"), pk=proposal_id
    )
    permissions.check_can_run_matching(request.user, proposal.run.program)
    return proposal


def _enrollment(run: MatchRun, person_id: int, field: str, role: str) -> Enrollment:
    enrollment = (
        run.program.enrollments.select_related("person")
        .filter(person_id=person_id, role=role)
        .first()
    )
    if enrollment is None:
        label = EnrollmentRole(role).label.lower()
        raise ValidationError({field: f"Person {person_id} is not enrolled as a {label} here."})
    return enrollment


def _roles(run: MatchRun) -> tuple[str, str]:
    if run.peers:
        return EnrollmentRole.PEER, EnrollmentRole.PEER
    return EnrollmentRole.MENTEE, EnrollmentRole.MENTOR


# --- runs ------------------------------------------------------------------------------------


@router.get("/programs/{slug}/runs", response={200: list[RunOut], **ERRORS})
@paginate
def run_list(request, slug: str, filters: Query[RunFilter]):
    """A program's match runs, newest first; `?status=done` to filter."""
    program = _program(request, slug)
    runs = MatchRun.objects.for_program(program).select_related(
        "program", "created_by", "published_by"
    )
    return filters.filter(runs)


@router.post("/programs/{slug}/runs", response={201: RunOut, 202: RunOut, **ERRORS})
def run_create(request, slug: str, payload: RunIn):
    """Start a run. A small one is solved at once (201, done or failed); a large one is queued
    for the background worker (202): read it again to follow `status` and `progress`."""
    program = _program(request, slug)
    run = match_run_start(
        program=program,
        by=request.user,
        objective=payload.objective,
        weights=payload.weights,
        constraints=payload.constraints,
    )
    return Status(202 if not run.is_finished else 201, run)


@router.get("/runs/{run_id}", response={200: RunOut, **ERRORS})
def run_read(request, run_id: int):
    return _run(request, run_id)


@router.get("/runs/{run_id}/proposals", response={200: list[ProposalOut], **ERRORS})
@paginate
def proposal_list(request, run_id: int, filters: Query[ProposalFilter]):
    """The run's proposals with their score, explanation and factor breakdown."""
    run = _run(request, run_id)
    proposals = run.proposals.with_people()
    if filters.edited is not None:
        proposals = proposals.filter(edited_at__isnull=not filters.edited)
    return proposals


@router.get("/runs/{run_id}/unmatched", response={200: list[UnmatchedOut], **ERRORS})
@paginate
def unmatched_list(request, run_id: int):
    """The people the run left unmatched, and why."""
    run = _run(request, run_id)
    return run.unmatched.select_related("enrollment__person")


@router.post("/runs/{run_id}/preview", response={200: PreviewOut, **ERRORS})
def pair_preview_endpoint(request, run_id: int, payload: PairIn):
    """Score a pair under the run's parameters, with the rules it breaks; nothing is saved."""
    run = _run(request, run_id)
    side, other = _roles(run)
    person = _enrollment(run, payload.person, "person", side)
    partner = _enrollment(run, payload.partner, "partner", other)
    proposal = run.proposals.involving(person).first()
    return pair_preview(run=run, person=person, partner=partner, replacing=proposal)


@router.post("/runs/{run_id}/proposals", response={201: ProposalOut, **ERRORS})
def proposal_create(request, run_id: int, payload: PairIn):
    """Pair someone the run left unmatched; `override` to save a pair that breaks a hard
    constraint."""
    run = _run(request, run_id)
    side, other = _roles(run)
    proposal = proposal_add(
        run=run,
        person=_enrollment(run, payload.person, "person", side),
        partner=_enrollment(run, payload.partner, "partner", other),
        by=request.user,
        override=payload.override,
    )
    return Status(201, Proposal.objects.with_people().get(pk=proposal.pk))


@router.post("/proposals/{proposal_id}/swap", response={200: ProposalOut, **ERRORS})
def proposal_swap_endpoint(request, proposal_id: int, payload: SwapIn):
    """Another mentor for the proposal's mentee (peers: `keep` names the peer who stays)."""
    proposal = _proposal(request, proposal_id)
    run = proposal.run
    side, other = _roles(run)
    person = None
    if payload.keep is not None:
        person = _enrollment(run, payload.keep, "keep", side)
    elif run.peers:
        raise ValidationError({"keep": "Say which of the two peers keeps their place."})
    proposal_swap(
        proposal=proposal,
        partner=_enrollment(run, payload.partner, "partner", other),
        person=person,
        by=request.user,
        override=payload.override,
    )
    return Proposal.objects.with_people().get(pk=proposal.pk)


@router.delete("/proposals/{proposal_id}", response={204: None, **ERRORS})
def proposal_delete(request, proposal_id: int):
    """Remove a proposal; its mentee (or both peers) are listed as unmatched."""
    proposal_remove(proposal=_proposal(request, proposal_id), by=request.user)
    return Status(204, None)


@router.get("/runs/{run_id}/compare/{other_id}", response={200: CompareOut, **ERRORS})
def run_compare(request, run_id: int, other_id: int):
    """Two runs of one program side by side: pairs in common, only in one, figures, parameters."""
    comparison = match_run_compare(a=_run(request, run_id), b=_run(request, other_id))
    return {
        "a": comparison.a,
        "b": comparison.b,
        "common": [
            {
                "mentee": both.a.mentee_enrollment.person,
                "mentor": both.a.mentor_enrollment.person,
                "score_a": both.a.score,
                "score_b": both.b.score,
            }
            for both in comparison.common
        ],
        "only_a": comparison.only_a,
        "only_b": comparison.only_b,
        "parameters": comparison.parameters,
    }


@router.post("/runs/{run_id}/publish", response={200: PublishOut, 202: RunOut, **ERRORS})
def run_publish(request, run_id: int):
    """Publish the run once: each proposal becomes a proposed mentorship; people who took
    another place since the run are listed in `skipped` with the reason. A large run is
    published by the background worker (202): read the run until `published_at` is set."""
    run = _run(request, run_id)
    report = match_run_publish_request(run=run, by=request.user)
    if report is None:
        return Status(202, _run(request, run_id))
    return {
        "run": _run(request, run_id),
        "proposed": len(report.proposed),
        "skipped": [
            {
                "proposal": p.pk,
                "mentee": p.mentee_enrollment.person,
                "mentor": p.mentor_enrollment.person,
                "reason": p.skipped_reason,
            }
            for p in report.skipped
        ],
    }
