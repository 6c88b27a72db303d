"""Matching workflows on the database: the engine fed from a program's enrollments.

A match run is started by an admin (`match_run_start`); small runs are solved at once, large
ones by the background worker (`match_run_execute`, through tasks.py). Its proposals can be
changed by hand (`proposal_swap`, `proposal_add`, `proposal_remove`) — scored and checked
first (`pair_preview`) — and the run is then published once (`match_run_publish`): every
proposal becomes a proposed mentorship."""

import dataclasses
import logging
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from tandem.matching.engine import solve_problem
from tandem.matching.engine.model import Constraints
from tandem.matching.engine.pairs import PairScore, rank_mentors, score_pairs
from tandem.matching.factors import clean_constraints, clean_objective, clean_weights
from tandem.matching.models import (
    MatchRun,
    Proposal,
    ProposalChange,
    RunStatus,
    Unmatched,
    UnmatchedReason,
)
from tandem.matching.problems import (
    ProgramProblem,
    mentors_with_room,
    person_key,
    program_problem,
    run_problem,
    waiting_mentees,
)
from tandem.mentorships.models import MentorshipOrigin
from tandem.mentorships.services import mentorship_propose
from tandem.notifications.services import notify
from tandem.people.models import User
from tandem.programs.models import (
    Enrollment,
    EnrollmentRole,
    EnrollmentStatus,
    MatchingMode,
    Program,
    ProgramStatus,
)

logger = logging.getLogger(__name__)

# A program matches (and re-matches people freed by a decline) once enrollment has closed.
MATCHING_STATUSES = (ProgramStatus.MATCHING, ProgramStatus.RUNNING)
SAVE_CHUNK = 1000


# --- a mentee's shortlist ----------------------------------------------------------------------


@dataclass
class ShortlistEntry:
    mentor: Enrollment
    pair: PairScore

    @property
    def percent(self) -> int:
        return round(100 * self.pair.score)


def mentor_shortlist(*, enrollment: Enrollment, limit: int = 10) -> list[ShortlistEntry]:
    """A mentee's best admissible mentors with room in their program, with the reasons."""
    program = enrollment.program
    built = program_problem(
        program=program,
        mentees=program.enrollments.filter(pk=enrollment.pk),
        mentors=mentors_with_room(program),
    )
    ranked = rank_mentors(built.problem, person_key(enrollment.person_id), limit=limit)
    return [ShortlistEntry(mentor=built.mentors[pair.mentor], pair=pair) for pair in ranked]


# --- starting a run ------------------------------------------------------------------------


def match_run_refusal(program: Program) -> str:
    """Why this program cannot be matched now ('' when it can)."""
    if program.matching_mode == MatchingMode.SELF_SELECT:
        return (
            "In this program mentees choose their own mentor: match runs are for admin-matched "
            "and hybrid programs."
        )
    if program.status not in MATCHING_STATUSES:
        return (
            f"The program is {program.get_status_display().lower()}: match runs open once "
            "enrollment has closed (the matching stage)."
        )
    return ""


def match_run_people(program: Program) -> tuple[int, int]:
    """How many people are waiting to be matched, and how many mentors have room."""
    waiting = waiting_mentees(program).count()
    return waiting, 0 if program.is_mutual else mentors_with_room(program).count()


def match_run_start(
    *,
    program: Program,
    by: User,
    objective: str = "max_total",
    weights: dict | None = None,
    constraints: dict | None = None,
) -> MatchRun:
    """Record a run with its parameters; solve it now, or queue it when it is large."""
    objective = clean_objective(objective, peers=program.is_mutual)
    weights = clean_weights(weights)
    constraints = clean_constraints(constraints, peers=program.is_mutual)
    run = _create_run(
        program=program, by=by, objective=objective, weights=weights, constraints=constraints
    )
    if run.in_background:
        transaction.on_commit(lambda: _enqueue(run.pk))
        return run
    return match_run_execute(run_id=run.pk)


@transaction.atomic
def _create_run(*, program: Program, by: User, objective, weights, constraints) -> MatchRun:
    # The program's row is the lock that numbers its runs one after the other.
    program = Program.objects.select_for_update().get(pk=program.pk)
    refusal = match_run_refusal(program)
    if refusal:
        raise ValidationError(refusal)
    waiting, mentors = match_run_people(program)
    if waiting == 0:
        raise ValidationError(
            "Nobody is waiting to be matched: approve enrollments first, or everyone already "
            "has a partner."
        )
    if not program.is_mutual and mentors == 0:
        raise ValidationError("No approved mentor has a place left.")
    last = MatchRun.objects.for_program(program).order_by("-number").first()
    people = waiting + mentors
    background = people > settings.MATCH_RUN_BACKGROUND_ABOVE
    return MatchRun.objects.create(
        program=program,
        number=(last.number + 1) if last else 1,
        objective=objective,
        weights=weights,
        constraints=constraints,
        peers=program.is_mutual,
        in_background=background,
        stage="Waiting for the background worker" if background else "",
        people_count=people,
        created_by=by,
    )


def _enqueue(run_id: int) -> None:
    from tandem.matching.tasks import match_run_task

    result = match_run_task.enqueue(run_id=run_id)
    MatchRun.objects.filter(pk=run_id, task_id="").update(task_id=str(result.id)[:64])


# --- solving -------------------------------------------------------------------------------


class RunError(Exception):
    """A run that cannot go on, with the reason an admin reads."""


@dataclass
class _Pair:
    mentee: Enrollment
    mentor: Enrollment
    score: float
    explanation: str
    factors: list[dict]


@dataclass
class _Outcome:
    built: ProgramProblem
    pairs: list[_Pair]
    unmatched: list[tuple[Enrollment, str, str]]  # enrollment, reason, the engine's words
    total: float
    stats: dict
    timings: dict = field(default_factory=dict)


def match_run_execute(*, run_id: int) -> MatchRun:
    """Solve a queued run and save what it found. Safe to call twice: only the caller that
    moves the run from queued to running does the work."""
    claimed = MatchRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING,
        started_at=timezone.now(),
        progress=5,
        stage="Reading the program's enrollments and profiles",
    )
    run = MatchRun.objects.select_related("program").get(pk=run_id)
    if not claimed:
        return run
    try:
        outcome = _solve(run)
        _save(run, outcome)
    except Exception as error:  # noqa: BLE001 — any failure is recorded on the run, with why
        logger.exception("Match run %s failed", run.pk)
        _fail(run, error)
    return MatchRun.objects.select_related("program").get(pk=run.pk)


def _progress(run: MatchRun, percent: int, stage: str) -> None:
    # Outside any transaction, so that the page polling the run sees each step at once.
    MatchRun.objects.filter(pk=run.pk).update(progress=percent, stage=stage)


def _fail(run: MatchRun, error: Exception) -> None:
    reason = str(error) if isinstance(error, RunError) else f"{type(error).__name__}: {error}"
    MatchRun.objects.filter(pk=run.pk).update(
        status=RunStatus.FAILED, error=reason[:2000], stage="", finished_at=timezone.now()
    )


def _solve(run: MatchRun) -> _Outcome:
    clock = time.perf_counter()
    built = program_problem(
        program=run.program,
        objective=run.objective,
        weights=run.weights,
        constraints=Constraints(**run.constraints),
    )
    timings = {"build": time.perf_counter() - clock}
    if not built.problem.mentees:
        raise RunError("Nobody was waiting to be matched any more when the run started.")
    if not built.problem.mentors:
        raise RunError("No mentor had a place left when the run started.")
    people = len(built.mentees) + (0 if run.peers else len(built.mentors))
    _progress(run, 20, f"Scoring and assigning {people} people")
    clock = time.perf_counter()
    result = solve_problem(built.problem)
    timings["solve"] = time.perf_counter() - clock
    _progress(run, 70, "Explaining the proposals")
    clock = time.perf_counter()
    outcome = _peer_outcome(built, result) if run.peers else _mentor_outcome(built, result)
    timings["explain"] = time.perf_counter() - clock
    outcome.timings = timings
    return outcome


def _mentor_outcome(built: ProgramProblem, result) -> _Outcome:
    pairs = [
        _Pair(
            mentee=built.mentees[a.mentee],
            mentor=built.mentors[a.mentor],
            score=a.score,
            explanation=a.explanation,
            factors=a.factors,
        )
        for a in result.assignments
    ]
    unmatched = []
    for key in result.unmatched_mentees:
        words = result.unmatched_reasons.get(key, "")
        reason = (
            UnmatchedReason.NO_ADMISSIBLE
            if words.startswith("no admissible")
            else UnmatchedReason.CAPACITY
        )
        unmatched.append((built.mentees[key], reason, words))
    return _Outcome(built, pairs, unmatched, result.total_score, result.stats)


def _peer_outcome(built: ProgramProblem, result) -> _Outcome:
    """The peer solver gives pairs and scores; the factor tables come from scoring each pair
    both ways (each peer is the other's mentor), as the solver did."""
    keys = [(p.mentee, p.mentor) for p in result.pairs]
    scored = peer_pair_scores(built.problem, keys, check=False)
    pairs = [
        _Pair(
            mentee=built.mentees[p.mentee],
            mentor=built.mentees[p.mentor],
            score=p.score,
            explanation=p.explanation or s.explanation,
            factors=s.factors,
        )
        for p, s in zip(result.pairs, scored, strict=True)
    ]
    unmatched = []
    for key in result.unmatched:
        if rank_mentors(built.problem, key, limit=1):
            reason, words = UnmatchedReason.CAPACITY, "every admissible partner is paired"
        else:
            reason, words = UnmatchedReason.NO_ADMISSIBLE, "no admissible partner"
        unmatched.append((built.mentees[key], reason, words))
    return _Outcome(built, pairs, unmatched, result.total_score, result.stats)


def _save(run: MatchRun, outcome: _Outcome) -> None:
    _progress(run, 85, f"Saving {len(outcome.pairs)} proposals")
    clock = time.perf_counter()
    built = outcome.built
    with transaction.atomic():
        Proposal.objects.bulk_create(
            [
                Proposal(
                    run=run,
                    mentee_enrollment=pair.mentee,
                    mentor_enrollment=pair.mentor,
                    score=pair.score,
                    explanation=pair.explanation,
                    factors=pair.factors,
                )
                for pair in outcome.pairs
            ],
            batch_size=SAVE_CHUNK,
        )
        Unmatched.objects.bulk_create(
            [
                Unmatched(run=run, enrollment=enrollment, reason=reason, detail=words[:240])
                for enrollment, reason, words in outcome.unmatched
            ],
            batch_size=SAVE_CHUNK,
        )
        places = {} if run.peers else {str(e.pk): p.capacity for p, e in _mentors(built)}
        timings = outcome.timings | {"save": time.perf_counter() - clock}
        MatchRun.objects.filter(pk=run.pk).update(
            status=RunStatus.DONE,
            progress=100,
            stage="",
            mentee_ids=[e.pk for e in built.mentees.values()],
            mentor_places=places,
            people_count=len(built.mentees) + len(places),
            places_count=sum(places.values()) if places else len(built.mentees),
            matched_count=len(outcome.pairs),
            total_score=outcome.total,
            stats=_jsonable(outcome.stats),
            timings={name: round(seconds, 3) for name, seconds in timings.items()},
            finished_at=timezone.now(),
        )


def _mentors(built: ProgramProblem):
    return [(person, built.mentors[person.id]) for person in built.problem.mentors]


def _jsonable(stats: dict) -> dict:
    """The engine's stats with NumPy numbers made plain."""
    clean = {}
    for key, value in stats.items():
        if isinstance(value, dict):
            clean[key] = _jsonable(value)
        elif hasattr(value, "item"):
            clean[key] = value.item()
        else:
            clean[key] = value
    return clean


# --- scoring a pair by hand ------------------------------------------------------------------


def peer_pair_scores(problem, pairs: list[tuple[str, str]], *, check: bool = True):
    """Peer pairs scored as the peer solver scores them: the mean of both directions, the
    factor values averaged, the rules either direction breaks. Without `check`, the rules are
    not looked at (pairs the solver already found admissible)."""
    if not check:
        problem = dataclasses.replace(
            problem,
            constraints=Constraints(
                reporting_line=False, shared_language=False, exclude_existing=False
            ),
        )
    forward = score_pairs(problem, pairs)
    backward = score_pairs(problem, [(b, a) for a, b in pairs])
    return [_both_ways(f, b) for f, b in zip(forward, backward, strict=True)]


def _both_ways(forward: PairScore, backward: PairScore) -> PairScore:
    factors = [
        {
            **one,
            "value": round((one["value"] + other["value"]) / 2, 4),
            "contribution": round((one["contribution"] + other["contribution"]) / 2, 4),
        }
        for one, other in zip(forward.factors, backward.factors, strict=True)
    ]
    return PairScore(
        mentee=forward.mentee,
        mentor=forward.mentor,
        score=(forward.score + backward.score) / 2,
        explanation=forward.explanation,
        factors=factors,
        broken=list(dict.fromkeys(forward.broken + backward.broken)),
    )


@dataclass
class PairPreview:
    """A pair an admin is about to save: its score and reasons, the hard constraints it breaks
    (they may override those), and what refuses it outright (places, eligibility)."""

    person: Enrollment
    partner: Enrollment
    score: float
    explanation: str
    factors: list[dict]
    broken: list[str]
    refusals: list[str]
    replacing: Proposal | None = None

    @property
    def percent(self) -> int:
        return round(100 * self.score)

    @property
    def can_save(self) -> bool:
        return not self.refusals

    @property
    def needs_override(self) -> bool:
        return bool(self.broken)

    @property
    def score_change(self) -> int | None:
        if self.replacing is None:
            return None
        return self.percent - self.replacing.percent


def pair_preview(
    *, run: MatchRun, person: Enrollment, partner: Enrollment, replacing: Proposal | None = None
) -> PairPreview:
    """Score `person` with `partner` under the run's parameters, before anything is saved."""
    _check_person(run, person, replacing)
    _check_partner(run, person, partner)
    built = run_problem(run=run, extra=[person, partner])
    a, b = person_key(person.person_id), person_key(partner.person_id)
    if run.peers:
        [scored] = peer_pair_scores(built.problem, [(a, b)])
    else:
        [scored] = score_pairs(built.problem, [(a, b)])
    return PairPreview(
        person=person,
        partner=partner,
        score=scored.score,
        explanation=scored.explanation,
        factors=scored.factors,
        broken=scored.broken,
        refusals=_refusals(run, person, partner, replacing),
        replacing=replacing,
    )


def _check_person(run: MatchRun, person: Enrollment, replacing: Proposal | None) -> None:
    """The person who keeps their place: in this run, and in the proposal being changed."""
    if person.pk not in set(run.mentee_ids):
        raise ValidationError({"person": f"{person.person} was not in this run."})
    if replacing is not None and person.pk not in (
        replacing.mentee_enrollment_id,
        replacing.mentor_enrollment_id,
    ):
        raise ValidationError({"person": f"{person.person} is not in this proposal."})
    if not run.peers and person.role != EnrollmentRole.MENTEE:
        raise ValidationError({"person": "Choose the mentee who gets another mentor."})


def _check_partner(run: MatchRun, person: Enrollment, partner: Enrollment) -> None:
    role = EnrollmentRole.PEER if run.peers else EnrollmentRole.MENTOR
    if partner.program_id != run.program_id or partner.role != role:
        raise ValidationError(
            {"partner": f"{partner.person} is not enrolled as a {role.label.lower()} here."}
        )
    if partner.person_id == person.person_id:
        raise ValidationError({"partner": "Nobody can be their own mentoring partner."})


def _refusals(run, person: Enrollment, partner: Enrollment, replacing) -> list[str]:
    """What no override can allow: a place that is not there, someone no longer approved."""
    refusals = []
    for enrollment in (person, partner):
        if enrollment.status != EnrollmentStatus.APPROVED:
            refusals.append(f"{enrollment.person} is no longer an approved participant.")
    if replacing is not None and partner.pk in (
        replacing.mentee_enrollment_id,
        replacing.mentor_enrollment_id,
    ):
        refusals.append("That is already the proposed pair.")
        return refusals
    if person.load >= person.places:
        refusals.append(f"{person.person} already has a mentoring partner in this program.")
    left = partner_places_left(run, partner, replacing=replacing)
    if left <= 0:
        if run.peers:
            refusals.append(
                f"{partner.person} already has a partner (in this run or in the program)."
            )
        else:
            refusals.append(
                f"{partner.person} has no place left: {partner.places} in all, "
                f"{partner.places - left} taken or proposed."
            )
    return refusals


def partner_places_left(run: MatchRun, partner: Enrollment, *, replacing=None) -> int:
    """Places a partner has for this run: their places, less the open mentorships they hold
    now and the other proposals of this run they are in."""
    proposed = run.proposals.involving(partner)
    if replacing is not None:
        proposed = proposed.exclude(pk=replacing.pk)
    return partner.places - partner.load - proposed.count()


# --- changing proposals by hand ---------------------------------------------------------------


def _lock_editable(run: MatchRun) -> MatchRun:
    """The run's row, locked: edits and publishing of one run happen one at a time."""
    run = MatchRun.objects.select_for_update().select_related("program").get(pk=run.pk)
    if run.is_published:
        raise ValidationError("This run is published: its proposals can no longer change.")
    if run.is_publishing:
        raise ValidationError("This run is being published: its proposals can no longer change.")
    if run.status != RunStatus.DONE:
        raise ValidationError("This run has not finished.")
    return run


def _checked(preview: PairPreview, override: bool) -> PairPreview:
    if preview.refusals:
        raise ValidationError({"partner": preview.refusals})
    if preview.broken and not override:
        raise ValidationError(
            {
                "override": "This pair breaks a hard constraint ("
                + "; ".join(preview.broken)
                + "). Confirm the override to save it anyway."
            }
        )
    return preview


@transaction.atomic
def proposal_swap(
    *,
    proposal: Proposal,
    partner: Enrollment,
    by: User,
    person: Enrollment | None = None,
    override: bool = False,
) -> Proposal:
    """Give the proposal's mentee another mentor (or one of its peers another partner)."""
    run = _lock_editable(proposal.run)
    proposal = Proposal.objects.with_people().get(pk=proposal.pk, run=run)
    person = person or proposal.mentee_enrollment
    previous = proposal.partner_of(person)
    preview = _checked(
        pair_preview(run=run, person=person, partner=partner, replacing=proposal), override
    )
    old_percent = proposal.percent
    _apply(proposal, preview, by=by)
    if run.peers:
        _unmatch(run, [previous], UnmatchedReason.PARTNER_CHANGED, f"was paired with {person}")
    Unmatched.objects.filter(run=run, enrollment=partner).delete()
    _log(
        run,
        ProposalChange.Action.SWAP,
        f"{person.person}: {previous.person} ({old_percent}%) → {partner.person} "
        f"({preview.percent}%)",
        preview,
        by,
    )
    return proposal


@transaction.atomic
def proposal_add(
    *, run: MatchRun, person: Enrollment, partner: Enrollment, by: User, override: bool = False
) -> Proposal:
    """Pair someone the run left unmatched, by hand."""
    run = _lock_editable(run)
    if run.proposals.involving(person).exists():
        raise ValidationError({"person": f"{person.person} already has a proposal in this run."})
    preview = _checked(pair_preview(run=run, person=person, partner=partner), override)
    proposal = Proposal(run=run)
    _apply(proposal, preview, by=by)
    Unmatched.objects.filter(run=run, enrollment__in=[person, partner]).delete()
    _log(
        run,
        ProposalChange.Action.ADD,
        f"{person.person} paired with {partner.person} ({preview.percent}%)",
        preview,
        by,
    )
    return proposal


def _apply(proposal: Proposal, preview: PairPreview, *, by: User) -> None:
    proposal.mentee_enrollment = preview.person
    proposal.mentor_enrollment = preview.partner
    proposal.score = preview.score
    proposal.explanation = preview.explanation
    proposal.factors = preview.factors
    proposal.broken = preview.broken
    proposal.overridden = bool(preview.broken)
    proposal.edited_by = by
    proposal.edited_at = timezone.now()
    proposal.save()


@transaction.atomic
def proposal_remove(*, proposal: Proposal, by: User) -> None:
    """Take a pair out of the run; its mentee (or both peers) are listed as unmatched."""
    run = _lock_editable(proposal.run)
    proposal = Proposal.objects.with_people().get(pk=proposal.pk, run=run)
    freed = list(proposal.enrollments()) if run.peers else [proposal.mentee_enrollment]
    description = f"{proposal} ({proposal.percent}%) removed"
    proposal.delete()
    _unmatch(run, freed, UnmatchedReason.REMOVED, f"removed by {by}")
    _log(run, ProposalChange.Action.REMOVE, description, None, by)


def _unmatch(run: MatchRun, enrollments, reason: str, detail: str) -> None:
    for enrollment in enrollments:
        Unmatched.objects.update_or_create(
            run=run, enrollment=enrollment, defaults={"reason": reason, "detail": detail[:240]}
        )


def _log(run, action, description: str, preview: PairPreview | None, by: User) -> None:
    ProposalChange.objects.create(
        run=run,
        action=action,
        description=description[:300],
        overridden=preview.broken if preview else [],
        by=by,
    )


# --- publishing ------------------------------------------------------------------------------


@dataclass
class PublishReport:
    run: MatchRun
    proposed: list[Proposal]
    skipped: list[Proposal]


def match_run_publish_request(*, run: MatchRun, by: User) -> PublishReport | None:
    """Publish a run: at once when it is small; a large one (each proposal notifies two
    people) is handed to the worker, and None says so."""
    if run.people_count <= settings.MATCH_RUN_BACKGROUND_ABOVE:
        return match_run_publish(run=run, by=by)
    with transaction.atomic():
        run = MatchRun.objects.select_for_update().select_related("program").get(pk=run.pk)
        _check_publishable(run)
        if run.is_publishing:
            when = date_format(timezone.localtime(run.publish_queued_at), "H:i")
            raise ValidationError(
                f"Run #{run.number} is already being published (asked by "
                f"{run.publish_queued_by or 'someone'} at {when})."
            )
        run.publish_queued_at, run.publish_queued_by, run.publish_error = timezone.now(), by, ""
        run.save(update_fields=["publish_queued_at", "publish_queued_by", "publish_error"])
        transaction.on_commit(lambda: _enqueue_publish(run.pk))
    return None


def _enqueue_publish(run_id: int) -> None:
    from tandem.matching.tasks import match_run_publish_task

    match_run_publish_task.enqueue(run_id=run_id)


def match_run_publish_queued(*, run_id: int) -> PublishReport | None:
    """The worker's side of a publication asked for: publish, then tell the admin who asked.
    Safe to run twice: a run already published is left alone."""
    run = MatchRun.objects.select_related("publish_queued_by").get(pk=run_id)
    if not run.is_publishing:
        return None
    by = run.publish_queued_by
    try:
        report = match_run_publish(run=run, by=by)
    except Exception as error:  # noqa: BLE001 — the admin must learn why, whatever it was
        reason = " ".join(error.messages) if isinstance(error, ValidationError) else repr(error)
        if not isinstance(error, ValidationError):
            logger.exception("Publishing match run %s failed", run_id)
        MatchRun.objects.filter(pk=run_id, published_at__isnull=True).update(
            publish_queued_at=None, publish_error=reason[:2000]
        )
        return None
    if by is not None:
        skipped = f", {len(report.skipped)} could not be made" if report.skipped else ""
        notify(
            recipient=by,
            kind="match_run_published",
            title=f"Run #{run.number} of {run.program} is published",
            body=f"{len(report.proposed)} mentorship(s) proposed{skipped}.",
            url=run.get_absolute_url(),
        )
    return report


def match_run_publish(*, run: MatchRun, by: User) -> PublishReport:
    """Offer every proposal of the run to its two people, as proposed mentorships, at once.

    A run is published once: its row is locked, so two admins publishing at the same moment
    cannot both create the mentorships. Someone who took an open mentorship since the run
    (a request accepted, another run published) keeps it: their proposal is reported as
    skipped with the reason, never double-booked."""
    with transaction.atomic():
        run = MatchRun.objects.select_for_update().select_related("program").get(pk=run.pk)
        _check_publishable(run)
        proposed, skipped = [], []
        for proposal in run.proposals.with_people():
            if _publish_one(run, proposal, by):
                proposed.append(proposal)
            else:
                skipped.append(proposal)
        if not proposed:
            raise ValidationError(
                "None of the proposals can be made any more: "
                + "; ".join(dict.fromkeys(p.skipped_reason for p in skipped))
            )
        run.published_at, run.published_by = timezone.now(), by
        run.save(update_fields=["published_at", "published_by"])
    return PublishReport(run=run, proposed=proposed, skipped=skipped)


def _check_publishable(run: MatchRun) -> None:
    if run.is_published:
        when = date_format(timezone.localtime(run.published_at), "j M Y H:i")
        by = run.published_by or "someone"
        raise ValidationError(f"Run #{run.number} was already published ({when}, by {by}).")
    if run.status != RunStatus.DONE:
        raise ValidationError("Only a finished run can be published.")
    if run.program.status not in MATCHING_STATUSES:
        raise ValidationError(
            f"The program is {run.program.get_status_display().lower()}: proposals are "
            "published in the matching stage or while it runs."
        )
    if not run.proposals.exists():
        raise ValidationError("This run has no proposal to publish.")


def _publish_one(run: MatchRun, proposal: Proposal, by: User) -> bool:
    try:
        with transaction.atomic():
            mentorship = mentorship_propose(
                program=run.program,
                mentor_enrollment=proposal.mentor_enrollment,
                mentee_enrollment=proposal.mentee_enrollment,
                by=by,
                origin=MentorshipOrigin.ADMIN if proposal.is_edited else MentorshipOrigin.MATCH_RUN,
                score=proposal.score,
            )
    except ValidationError as error:
        proposal.skipped_reason = " ".join(error.messages)[:240]
        proposal.save(update_fields=["skipped_reason"])
        return False
    proposal.mentorship = mentorship
    proposal.save(update_fields=["mentorship"])
    return True
