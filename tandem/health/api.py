"""Health endpoints: check-ins (mine due, answer, a mentorship's within the privacy rules),
feedback, introductions, the health score with its breakdown, the at-risk list and actions.
The same rules as the pages (permissions.py); the same services."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from tandem.api.schemas import ERRORS, PersonRef
from tandem.health import permissions, services
from tandem.health.models import ActionKind, CheckIn, Introduction, Risk
from tandem.health.score import EXPLAINED, health_report
from tandem.mentorships.models import Mentorship, MentorshipStatus
from tandem.people.models import User

router = Router(tags=["health"])


# --- schemas ---------------------------------------------------------------------------------


class RatingsOut(Schema):
    engagement: int | None
    flexibility: int | None
    authenticity: int | None
    reciprocity: int | None
    satisfaction: int | None


class CheckInOut(Schema):
    """A check-in as the caller may see it: fields they may not read are null."""

    id: int
    mentorship_id: int
    round: int
    is_first: bool
    respondent: PersonRef
    due_on: datetime.date
    status: str
    answered_at: datetime.datetime | None
    is_mine: bool
    ratings: RatingsOut | None = Field(None, description="The author and the program's admins.")
    good_fit: bool | None = Field(None, description="First check-in; author and admins.")
    learned: str | None = Field(None, description="The author only.")
    comment: str | None = Field(None, description="The author; the partner if shared.")
    share_comment: bool | None = Field(None, description="The author only.")


class CheckInAnswerIn(Schema):
    engagement: int = Field(..., ge=1, le=5)
    flexibility: int = Field(..., ge=1, le=5)
    authenticity: int = Field(..., ge=1, le=5)
    reciprocity: int = Field(..., ge=1, le=5)
    satisfaction: int = Field(..., ge=1, le=5)
    good_fit: bool | None = Field(None, description="Required in the first check-in.")
    learned: str = ""
    comment: str = ""
    share_comment: bool = False


class FeedbackIn(Schema):
    went_well: str = ""
    do_differently: str = ""


class FeedbackOut(Schema):
    id: int
    mentorship_id: int
    author: PersonRef
    recipient: PersonRef
    went_well: str
    do_differently: str
    created_at: datetime.datetime


class IntroductionIn(Schema):
    contact_id: int | None = Field(None, description="A colleague with an account.")
    contact_name: str = Field("", max_length=120, description="Or someone outside, by name.")
    contact_organisation: str = Field("", max_length=120)
    purpose: str
    made_on: datetime.date | None = None


class IntroductionOut(Schema):
    id: int
    mentorship_id: int
    made_by: PersonRef
    made_for: PersonRef
    contact: PersonRef | None
    contact_name: str
    contact_organisation: str
    purpose: str
    made_on: datetime.date
    outcome: str
    outcome_at: datetime.datetime | None


class OutcomeIn(Schema):
    outcome: str


class SignalOut(Schema):
    key: str
    label: str
    points: int
    effect: str = Field(..., description="The points as people write them: −12, 0.")
    reason: str
    red_flag: bool


class ExplanationOut(Schema):
    key: str
    label: str
    looks_at: str
    moves: str = Field(..., description="How it moves the score, in plain words.")
    red_flag: str = Field(..., description="What raises its red flag (empty: never).")


class RiskOut(Schema):
    id: int
    mentorship_id: int
    program: str = Field(..., alias="mentorship.program.slug")
    pair: str
    kind: str
    title: str
    reason: str
    score: int
    opened_at: datetime.datetime
    resolved_at: datetime.datetime | None
    resolution: str

    @staticmethod
    def resolve_pair(obj) -> str:
        return str(obj.mentorship)


class HealthOut(Schema):
    mentorship_id: int
    scored: bool = Field(..., description="Only active mentorships are scored.")
    score: int | None
    band: str | None
    threshold: int | None
    at_risk: bool
    signals: list[SignalOut]
    open_risks: list[RiskOut]


class ActionIn(Schema):
    kind: ActionKind
    note: str = ""
    resolve: bool = False


class ActionOut(Schema):
    id: int
    mentorship_id: int
    kind: str
    note: str
    resolves: bool
    by: PersonRef | None
    at: datetime.datetime


class RiskFilter(Schema):
    program: str | None = Field(None, description="A program's slug.")
    open: bool = Field(True, description="Open risks (false: resolved ones).")


# --- access ----------------------------------------------------------------------------------


def _mentorship(user, pk: int) -> Mentorship:
    mentorship = get_object_or_404(
        Mentorship.objects.select_related("program", "mentor", "mentee"), pk=pk
    )
    if not permissions.can_view_checkins(user, mentorship):
        raise Http404
    return mentorship


def _pair_only(
    user, pk: int, rule, refusal: str = "This belongs to the two people in the mentorship."
) -> Mentorship:
    """The same rule as the page: 404 for who may not know the mentorship, 403 (`refusal`)
    for who knows it but may not do this."""
    mentorship = _mentorship(user, pk)
    if not rule(user, mentorship):
        raise PermissionDenied(refusal)
    return mentorship


UNDER_WAY = "The two people in the mentorship do this while it is under way."


def _admin_only(user, pk: int) -> Mentorship:
    mentorship = _mentorship(user, pk)
    if not permissions.can_view_health(user, mentorship):
        raise PermissionDenied("Health scores are for the program's admins.")
    return mentorship


# --- check-ins -------------------------------------------------------------------------------


@router.get("/checkins/due", response={200: list[CheckInOut], **ERRORS})
@paginate
def checkins_due(request):
    """The caller's open check-ins, oldest first."""
    due = CheckIn.objects.due_for(request.user).select_related("respondent").order_by("due_on")
    return [permissions.checkin_as_seen_by(request.user, c) for c in due]


@router.post("/checkins/{checkin_id}/answer", response={200: CheckInOut, **ERRORS})
def checkin_answer(request, checkin_id: int, payload: CheckInAnswerIn):
    """Answer one of your check-ins (once). The first asks `good_fit`."""
    checkin = get_object_or_404(
        CheckIn.objects.select_related("mentorship__program", "respondent"), pk=checkin_id
    )
    if not permissions.is_author(request.user, checkin):
        raise Http404
    checkin = services.checkin_answer(checkin=checkin, by=request.user, **payload.dict())
    return permissions.checkin_as_seen_by(request.user, checkin)


@router.get("/mentorships/{mentorship_id}/checkins", response={200: list[CheckInOut], **ERRORS})
@paginate
def mentorship_checkins(request, mentorship_id: int):
    """A mentorship's check-ins, newest round first, each as the caller may see it."""
    mentorship = _mentorship(request.user, mentorship_id)
    managing = permissions.can_view_health(request.user, mentorship)
    checkins = mentorship.checkins.select_related("respondent").order_by("-round", "pk")
    return [permissions.checkin_as_seen_by(request.user, c, managing=managing) for c in checkins]


# --- feedback --------------------------------------------------------------------------------


@router.get("/mentorships/{mentorship_id}/feedback", response={200: list[FeedbackOut], **ERRORS})
@paginate
def feedback_list(request, mentorship_id: int):
    mentorship = _pair_only(request.user, mentorship_id, permissions.can_view_feedback)
    return mentorship.feedback.select_related("author", "recipient")


@router.post("/mentorships/{mentorship_id}/feedback", response={201: FeedbackOut, **ERRORS})
def feedback_give(request, mentorship_id: int, payload: FeedbackIn):
    """Give your partner feedback: what went well, what to do differently."""
    mentorship = _pair_only(request.user, mentorship_id, permissions.can_give_feedback, UNDER_WAY)
    feedback = services.feedback_give(mentorship=mentorship, by=request.user, **payload.dict())
    return Status(201, feedback)


# --- introductions ---------------------------------------------------------------------------


@router.get(
    "/mentorships/{mentorship_id}/introductions",
    response={200: list[IntroductionOut], **ERRORS},
)
@paginate
def introductions_list(request, mentorship_id: int):
    mentorship = _pair_only(request.user, mentorship_id, permissions.can_view_introductions)
    return mentorship.introductions.select_related("made_by", "made_for", "contact")


@router.post(
    "/mentorships/{mentorship_id}/introductions", response={201: IntroductionOut, **ERRORS}
)
def introduction_record(request, mentorship_id: int, payload: IntroductionIn):
    """The mentor records an introduction made for the mentee (a colleague or an outsider);
    in mutual mentoring either peer, for the other."""
    mentorship = _pair_only(
        request.user,
        mentorship_id,
        permissions.can_record_introduction,
        "The mentor records introductions for the mentee, while the mentorship is under way.",
    )
    data = payload.dict()
    contact = None
    if data.pop("contact_id") is not None:
        contact = User.objects.filter(pk=payload.contact_id).first()
        if contact is None:
            raise ValidationError({"contact_id": "No such colleague."})
    introduction = services.introduction_record(
        mentorship=mentorship, by=request.user, contact=contact, **data
    )
    return Status(201, introduction)


@router.post("/introductions/{introduction_id}/outcome", response={200: IntroductionOut, **ERRORS})
def introduction_outcome(request, introduction_id: int, payload: OutcomeIn):
    introduction = get_object_or_404(Introduction, pk=introduction_id)
    _pair_only(request.user, introduction.mentorship_id, permissions.can_record_outcomes, UNDER_WAY)
    return services.introduction_outcome(
        introduction=introduction, by=request.user, outcome=payload.outcome
    )


# --- health, risks and actions: the program's admins -----------------------------------------


@router.get("/signals", response={200: list[ExplanationOut], **ERRORS})
def signals(request):
    """How the health score works: every signal in plain words (anyone signed in)."""
    return [e.__dict__ for e in EXPLAINED]


@router.get("/mentorships/{mentorship_id}/health", response={200: HealthOut, **ERRORS})
def mentorship_health(request, mentorship_id: int):
    """The health score with every signal's effect and reason (program admins)."""
    mentorship = _admin_only(request.user, mentorship_id)
    open_risks = list(mentorship.risks.open().select_related("mentorship__program"))
    if mentorship.status != MentorshipStatus.ACTIVE:
        return HealthOut(
            mentorship_id=mentorship.pk,
            scored=False,
            score=None,
            band=None,
            threshold=None,
            at_risk=bool(open_risks),
            signals=[],
            open_risks=open_risks,
        )
    report = health_report(mentorship)
    return HealthOut(
        mentorship_id=mentorship.pk,
        scored=True,
        score=report.score,
        band=report.band,
        threshold=report.threshold,
        at_risk=report.at_risk,
        signals=[SignalOut(**s.__dict__, effect=s.effect) for s in report.signals],
        open_risks=open_risks,
    )


@router.get("/risks", response={200: list[RiskOut], **ERRORS})
@paginate
def risks(request, filters: Query[RiskFilter]):
    """The at-risk list: risks of the pairs in the programs the caller runs."""
    if not permissions.can_view_at_risk_list(request.user):
        raise PermissionDenied("The at-risk list is for program admins.")
    programs = permissions.at_risk_programs(request.user)
    if filters.program:
        programs = programs.filter(slug=filters.program)
    queryset = Risk.objects.filter(mentorship__program__in=programs)
    queryset = queryset.filter(resolved_at__isnull=filters.open)
    return queryset.select_related(
        "mentorship__program", "mentorship__mentor", "mentorship__mentee"
    ).order_by("-opened_at", "-pk")


@router.get("/mentorships/{mentorship_id}/actions", response={200: list[ActionOut], **ERRORS})
@paginate
def actions_list(request, mentorship_id: int):
    mentorship = _admin_only(request.user, mentorship_id)
    return mentorship.risk_actions.select_related("by")


@router.post("/mentorships/{mentorship_id}/actions", response={201: ActionOut, **ERRORS})
def action_record(request, mentorship_id: int, payload: ActionIn):
    """Record what you did about a pair (contacted, re-matched, closed, other + note); with
    `resolve` it resolves the pair's open risks."""
    mentorship = _admin_only(request.user, mentorship_id)
    action = services.risk_action_record(
        mentorship=mentorship,
        by=request.user,
        kind=payload.kind.value,
        note=payload.note,
        resolve=payload.resolve,
    )
    return Status(201, action)
