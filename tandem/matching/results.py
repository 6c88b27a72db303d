"""Reading a run: its totals as they stand after edits by hand, the partners an admin may pick
for someone, and two runs of a program side by side."""

from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Avg, Count, Sum

from tandem.matching.engine.pairs import rank_mentors
from tandem.matching.factors import constraint_rows, weight_rows
from tandem.matching.models import MatchRun, Objective, Proposal
from tandem.matching.problems import person_key, run_problem
from tandem.matching.services import peer_pair_scores
from tandem.programs.models import Enrollment, EnrollmentRole, EnrollmentStatus

SCORE_BANDS = ((0, 20), (20, 40), (40, 60), (60, 80), (80, 101))


@dataclass
class RunTotals:
    people: int  # mentees (or peers) the run looked at
    matched: int  # of them, matched now
    proposals: int
    unmatched: int
    total_score: float
    mean_score: float | None

    @property
    def coverage(self) -> int:
        return round(100 * self.matched / self.people) if self.people else 0

    @property
    def mean_percent(self) -> int | None:
        return None if self.mean_score is None else round(100 * self.mean_score)


def run_totals(run: MatchRun) -> RunTotals:
    figures = run.proposals.aggregate(count=Count("pk"), total=Sum("score"), mean=Avg("score"))
    proposals = figures["count"]
    return RunTotals(
        people=len(run.mentee_ids),
        matched=2 * proposals if run.peers else proposals,
        proposals=proposals,
        unmatched=run.unmatched.count(),
        total_score=figures["total"] or 0.0,
        mean_score=figures["mean"],
    )


def score_bands(run: MatchRun) -> tuple[list[str], list[int]]:
    """How many proposals score 0–19 %, 20–39 % … (for the run's chart)."""
    counts = Counter()
    for score in run.proposals.values_list("score", flat=True):
        percent = round(100 * score)
        band = next(b for b in SCORE_BANDS if b[0] <= percent < b[1])
        counts[band] += 1
    labels = [f"{low}–{min(high, 100) - (0 if high > 100 else 1)} %" for low, high in SCORE_BANDS]
    return labels, [counts[band] for band in SCORE_BANDS]


@dataclass
class MentorLoad:
    enrollment: Enrollment
    places: int
    proposed: int

    @property
    def left(self) -> int:
        return self.places - self.proposed


def mentor_loads(run: MatchRun) -> list[MentorLoad]:
    """Each mentor of a run: places they had, proposals they got (after edits)."""
    if run.peers:
        return []
    proposed = Counter(run.proposals.values_list("mentor_enrollment_id", flat=True))
    places = {int(pk): count for pk, count in run.mentor_places.items()}
    enrollments = Enrollment.objects.filter(pk__in=set(places) | set(proposed)).select_related(
        "person"
    )
    # A mentor paired by hand who was not in the run counts with the places they have now.
    return [
        MentorLoad(e, places.get(e.pk, e.places - e.load), proposed[e.pk])
        for e in enrollments.order_by("person__last_name", "person__first_name")
    ]


# --- partners to pick from -------------------------------------------------------------------


@dataclass
class PartnerOption:
    enrollment: Enrollment
    places_left: int
    percent: int | None  # None: the pair breaks a hard constraint

    @property
    def has_room(self) -> bool:
        return self.places_left > 0


BEST_FITS_SHOWN = 50


def partner_options(
    *, run: MatchRun, person: Enrollment, replacing: Proposal | None = None
) -> list[PartnerOption]:
    """Everyone `person` could be paired with: the best admissible partners first (with their
    score), then everyone else by name; each with the places they have left for this run."""
    candidates = _candidates(run, person, replacing)
    if not candidates:
        return []
    built = run_problem(run=run, extra=[person, *candidates])
    key = person_key(person.person_id)
    ranked = rank_mentors(built.problem, key, limit=BEST_FITS_SHOWN)
    by_key = {person_key(c.person_id): c for c in candidates}
    best = [pair.mentor for pair in ranked if pair.mentor in by_key]
    scores = {pair.mentor: pair.score for pair in ranked}
    if run.peers and best:
        both_ways = peer_pair_scores(built.problem, [(key, other) for other in best])
        scores = {pair.mentor: pair.score for pair in both_ways}
    taken = _proposed_places(run)
    options = [
        PartnerOption(by_key[k], _left(by_key[k], taken), round(100 * scores[k]))
        for k in sorted(best, key=lambda k: -scores[k])
    ]
    others = sorted(
        (c for k, c in by_key.items() if k not in set(best)),
        key=lambda c: (c.person.last_name, c.person.first_name),
    )
    return options + [PartnerOption(c, _left(c, taken), None) for c in others]


def _proposed_places(run: MatchRun) -> Counter:
    """How many of the run's proposals each enrollment is in (either side, for peers)."""
    taken = Counter(run.proposals.values_list("mentor_enrollment_id", flat=True))
    if run.peers:
        taken.update(run.proposals.values_list("mentee_enrollment_id", flat=True))
    return taken


def _left(enrollment: Enrollment, taken: Counter) -> int:
    return enrollment.places - enrollment.load - taken[enrollment.pk]


def _candidates(run: MatchRun, person: Enrollment, replacing) -> list[Enrollment]:
    role = EnrollmentRole.PEER if run.peers else EnrollmentRole.MENTOR
    candidates = run.program.enrollments.filter(
        role=role, status=EnrollmentStatus.APPROVED
    ).exclude(person_id=person.person_id)
    if replacing is not None:
        candidates = candidates.exclude(pk=replacing.partner_of(person).pk)
    return list(candidates.select_related("person"))


# --- two runs side by side -------------------------------------------------------------------


@dataclass
class PairInBoth:
    a: Proposal
    b: Proposal


@dataclass
class ParameterRow:
    parameter: str
    a: str
    b: str
    differs: bool


@dataclass
class RunComparison:
    a: MatchRun
    b: MatchRun
    totals_a: RunTotals
    totals_b: RunTotals
    common: list[PairInBoth]
    only_a: list[Proposal]
    only_b: list[Proposal]
    parameters: list[ParameterRow]

    @property
    def differing_parameters(self) -> int:
        return sum(1 for row in self.parameters if row.differs)


def match_run_compare(*, a: MatchRun, b: MatchRun) -> RunComparison:
    """Two runs of one program: the pairs they share, those only one proposes, the figures
    and the parameters side by side."""
    if a.program_id != b.program_id:
        raise ValidationError({"b": "Compare two runs of the same program."})
    if a.pk == b.pk:
        raise ValidationError({"b": "Choose two different runs."})
    pairs_a = {p.pair_key(): p for p in a.proposals.with_people().select_related("run")}
    pairs_b = {p.pair_key(): p for p in b.proposals.with_people().select_related("run")}
    return RunComparison(
        a=a,
        b=b,
        totals_a=run_totals(a),
        totals_b=run_totals(b),
        common=[PairInBoth(pairs_a[k], pairs_b[k]) for k in pairs_a if k in pairs_b],
        only_a=[p for k, p in pairs_a.items() if k not in pairs_b],
        only_b=[p for k, p in pairs_b.items() if k not in pairs_a],
        parameters=_parameters_side_by_side(a, b),
    )


def _parameters_side_by_side(a: MatchRun, b: MatchRun) -> list[ParameterRow]:
    rows = [
        ParameterRow(
            "Objective",
            Objective(a.objective).label,
            Objective(b.objective).label,
            a.objective != b.objective,
        )
    ]
    weights_b = weight_rows(b.weights, peers=b.peers)
    for wa, wb in zip(weight_rows(a.weights, peers=a.peers), weights_b, strict=True):
        rows.append(
            ParameterRow(
                f"Weight: {wa['factor'].label}",
                _weight_text(wa),
                _weight_text(wb),
                wa["weight"] != wb["weight"],  # the shares follow when any weight changes
            )
        )
    constraints_b = dict(constraint_rows(b.constraints, peers=b.peers))
    for label, shown in constraint_rows(a.constraints, peers=a.peers):
        in_b = constraints_b.get(label, "")
        rows.append(ParameterRow(label, shown, in_b, shown != in_b))
    return rows


def _weight_text(row: dict) -> str:
    return f"{row['weight']:g} ({row['share']} % of the score)"
