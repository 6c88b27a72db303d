"""Mentorships in the API: my mentorships, one mentorship (its content for the pair only),
answering a proposal, the lifecycle, the agreement, reflections, the shortlist and requests.

The same rules as the pages (permissions.py): what a caller may not see is a 404; what they
may see but not do is a 403 (an admin who knows a mentorship exists, a mentee answering for
the mentor); a rule that refuses is a 400 naming the field."""

import datetime
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from tandem.api.schemas import ERRORS, PersonRef
from tandem.matching.services import mentor_shortlist
from tandem.mentorships import permissions
from tandem.mentorships.models import (
    AGREEMENT_TERMS,
    Agreement,
    AgreementSignature,
    EndReason,
    MeetingStyle,
    Mentorship,
    MentorshipRequest,
    Recommendation,
)
from tandem.mentorships.services import (
    agreement_save,
    agreement_sign,
    mentorship_accept,
    mentorship_decline,
    mentorship_request_accept,
    mentorship_request_create,
    mentorship_request_decline,
    mentorship_request_withdraw,
    mentorship_transition,
    reflection_save,
)
from tandem.programs.models import Enrollment, MeetingFrequency, Program

router = Router(tags=["mentorships"])


# --- schemas ---------------------------------------------------------------------------------


class ProgramRef(Schema):
    id: int
    slug: str
    name: str


class NextActionOut(Schema):
    code: str
    label: str
    url: str
    needs_me: bool


class MentorshipOut(Schema):
    """A mentorship's metadata: what the pair and the program's admins may both see."""

    id: int
    program: ProgramRef
    kind: str
    status: str
    origin: str
    mentor: PersonRef
    mentee: PersonRef
    my_role: str = Field(description="mentor, mentee, peer — or empty for an admin")
    score: float | None
    created_at: datetime.datetime
    mentor_accepted_at: datetime.datetime | None
    mentee_accepted_at: datetime.datetime | None
    started_at: datetime.datetime | None
    ended_at: datetime.datetime | None
    end_reason: str
    agreement_version: int | None = Field(description="The newest version, signed or not")
    agreement_in_force: int | None = Field(description="The newest version both signed")
    next_action: NextActionOut | None

    @staticmethod
    def resolve_my_role(obj, context) -> str:
        return obj.role_of(context["request"].user)

    @staticmethod
    def resolve_next_action(obj, context):
        return obj.next_action(context["request"].user)

    @staticmethod
    def resolve_agreement_version(obj) -> int | None:
        return max((a.version for a in obj.agreements.all()), default=None)

    @staticmethod
    def resolve_agreement_in_force(obj) -> int | None:
        signed = [a.version for a in obj.agreements.all() if len(a.signer_ids()) >= 2]
        return max(signed, default=None)


class EventOut(Schema):
    from_status: str
    to_status: str
    by: PersonRef | None
    at: datetime.datetime
    note: str


class SignatureOut(Schema):
    person: PersonRef
    signed_at: datetime.datetime


class AgreementOut(Schema):
    id: int
    version: int
    consultation_held_on: datetime.date | None
    goals: str
    meeting_frequency: str
    meeting_style: str
    meeting_minutes: int
    start_date: datetime.date
    end_date: datetime.date
    confidentiality: str
    punctuality: str
    preparation: str
    cancellation: str
    mentor_expectations: str
    mentee_expectations: str
    feedback: str
    created_by: PersonRef | None
    created_at: datetime.datetime
    signatures: list[SignatureOut]
    in_force: bool

    @staticmethod
    def resolve_signatures(obj):
        return list(obj.signatures.all())

    @staticmethod
    def resolve_in_force(obj) -> bool:
        return len(obj.signer_ids()) >= 2


class ChangeOut(Schema):
    field: str
    label: str
    before: str
    after: str


class AgreementVersionOut(AgreementOut):
    changes: list[ChangeOut] = Field(description="What this version changed from the one before")


class ReflectionOut(Schema):
    author: PersonRef
    gained: str
    partner_gained: str
    recommend: str
    reason: str
    created_at: datetime.datetime


class ReflectionMetaOut(Schema):
    """What an admin sees of a reflection: that it was given, the recommendation, the reason."""

    author: PersonRef
    recommend: str
    reason: str
    created_at: datetime.datetime


class MentorshipDetailOut(MentorshipOut):
    events: list[EventOut]
    agreement: AgreementOut | None = Field(description="The pair only: the newest version")
    reflections: list[ReflectionOut] | None = Field(description="The pair only")
    reflections_given: list[ReflectionMetaOut]

    @staticmethod
    def resolve_events(obj):
        return list(obj.events.select_related("by"))

    @staticmethod
    def resolve_agreement(obj, context):
        if not permissions.can_view_content(context["request"].user, obj):
            return None
        return _signed_versions(obj).order_by("-version").first()

    @staticmethod
    def resolve_reflections(obj, context):
        if not permissions.can_view_content(context["request"].user, obj):
            return None
        return list(obj.reflections.select_related("author"))

    @staticmethod
    def resolve_reflections_given(obj):
        return list(obj.reflections.select_related("author"))


class MentorshipFilter(Schema):
    status: str | None = None
    role: Literal["mentor", "mentee", "peer"] | None = None
    program: str | None = Field(None, description="A program's slug")


class DeclineIn(Schema):
    reason: str = Field(description="Why; the program's admins read it to re-match")


class TransitionIn(Schema):
    status: Literal["paused", "active", "completed", "ended"]
    reason: str = Field("", description="A reason code; required to end early")
    note: str = ""


class AgreementIn(Schema):
    """The terms to write or change; those left out keep their value (or the defaults)."""

    consultation_held_on: datetime.date | None = None
    goals: str | None = None
    meeting_frequency: MeetingFrequency | None = None
    meeting_style: MeetingStyle | None = None
    meeting_minutes: int | None = None
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    confidentiality: str | None = None
    punctuality: str | None = None
    preparation: str | None = None
    cancellation: str | None = None
    mentor_expectations: str | None = None
    mentee_expectations: str | None = None
    feedback: str | None = None


class SignIn(Schema):
    version: int = Field(description="The version you read and sign (the newest)")


class ReflectionIn(Schema):
    gained: str
    partner_gained: str
    recommend: Recommendation
    reason: EndReason


class ShortlistOut(Schema):
    mentor: PersonRef
    percent: int
    explanation: str
    places_left: int
    factors: list[dict]


class RequestOut(Schema):
    id: int
    program: ProgramRef
    mentee: PersonRef
    mentor: PersonRef
    status: str
    admire: str
    hope_to_gain: str
    score: float | None
    created_at: datetime.datetime
    expires_at: datetime.datetime
    answered_at: datetime.datetime | None
    response: str
    closing_note: str
    mentorship_id: int | None


class RequestIn(Schema):
    program: str = Field(description="The program's slug")
    mentor: int = Field(description="The mentor's person id")
    admire: str = Field(description="What I admire in your path")
    hope_to_gain: str = Field(description="What I hope to gain")


class RequestFilter(Schema):
    direction: Literal["sent", "received"] | None = None
    status: str | None = None


class AnswerIn(Schema):
    message: str = ""


# --- fetching what the caller may see ----------------------------------------------------------


def _mentorships():
    return Mentorship.objects.select_related("program", "mentor", "mentee").prefetch_related(
        Prefetch("agreements", Agreement.objects.prefetch_related("signatures")), "reflections"
    )


def _mentorship_for(request, mentorship_id: int) -> Mentorship:
    mentorship = get_object_or_404(_mentorships(), pk=mentorship_id)
    if not permissions.can_view_mentorship(request.user, mentorship):
        raise Http404
    return mentorship


def _content_for(request, mentorship_id: int) -> Mentorship:
    mentorship = _mentorship_for(request, mentorship_id)
    if not permissions.can_view_content(request.user, mentorship):
        raise PermissionDenied("Only the two people in the mentorship read its content.")
    return mentorship


def _fresh(mentorship: Mentorship) -> Mentorship:
    return _mentorships().get(pk=mentorship.pk)


def _request_for(request, request_id: int) -> MentorshipRequest:
    mentorship_request = get_object_or_404(
        MentorshipRequest.objects.select_related("program", "mentor", "mentee"), pk=request_id
    )
    if not permissions.can_view_request(request.user, mentorship_request):
        raise Http404
    return mentorship_request


def _signed_versions(mentorship: Mentorship):
    return (
        Agreement.objects.filter(mentorship=mentorship)
        .select_related("created_by")
        .prefetch_related(
            Prefetch("signatures", AgreementSignature.objects.select_related("person"))
        )
    )


# --- mentorships ------------------------------------------------------------------------------


@router.get("/", response={200: list[MentorshipOut], **ERRORS})
@paginate
def mentorship_list(request, filters: Query[MentorshipFilter]):
    """The caller's own mentorships, newest first; filter by status, role or program."""
    mentorships = _mentorships().involving(request.user)
    if filters.status:
        mentorships = mentorships.filter(status=filters.status)
    if filters.program:
        mentorships = mentorships.filter(program__slug=filters.program)
    if filters.role == "peer":
        mentorships = mentorships.filter(kind="mutual")
    elif filters.role:
        mentorships = mentorships.filter(kind="one_way", **{filters.role: request.user})
    return mentorships


@router.get("/{int:mentorship_id}", response={200: MentorshipDetailOut, **ERRORS})
def mentorship_detail(request, mentorship_id: int):
    """One mentorship: metadata for the pair and the program's admins, content for the pair."""
    return _mentorship_for(request, mentorship_id)


@router.post("/{int:mentorship_id}/accept", response={200: MentorshipOut, **ERRORS})
def proposal_accept(request, mentorship_id: int):
    """Accept a proposal, for yourself; the mentorship begins when both have."""
    mentorship = _mentorship_for(request, mentorship_id)
    if not permissions.is_partner(request.user, mentorship):
        raise PermissionDenied("Only the two people proposed answer a proposal.")
    return _fresh(mentorship_accept(mentorship=mentorship, by=request.user))


@router.post("/{int:mentorship_id}/decline", response={200: MentorshipOut, **ERRORS})
def proposal_decline(request, mentorship_id: int, payload: DeclineIn):
    """Decline a proposal, saying why; the admins are told and free to re-match."""
    mentorship = _mentorship_for(request, mentorship_id)
    if not permissions.is_partner(request.user, mentorship):
        raise PermissionDenied("Only the two people proposed answer a proposal.")
    return _fresh(mentorship_decline(mentorship=mentorship, by=request.user, reason=payload.reason))


@router.post("/{int:mentorship_id}/transition", response={200: MentorshipOut, **ERRORS})
def mentorship_move(request, mentorship_id: int, payload: TransitionIn):
    """Pause, resume, complete or end early (with a reason code)."""
    mentorship = _mentorship_for(request, mentorship_id)
    moved = mentorship_transition(
        mentorship=mentorship,
        to_status=payload.status,
        by=request.user,
        reason=payload.reason,
        note=payload.note,
    )
    return _fresh(moved)


@router.post("/{int:mentorship_id}/reflection", response={200: ReflectionOut, **ERRORS})
def reflection_write(request, mentorship_id: int, payload: ReflectionIn):
    """Your closing reflection, once the mentorship has closed (again: it replaces yours)."""
    mentorship = _content_for(request, mentorship_id)
    return reflection_save(mentorship=mentorship, by=request.user, **payload.dict())


# --- the agreement ----------------------------------------------------------------------------


@router.get("/{int:mentorship_id}/agreement", response={200: AgreementOut, **ERRORS})
def agreement_read(request, mentorship_id: int):
    """The newest version of the agreement (the pair only)."""
    mentorship = _content_for(request, mentorship_id)
    agreement = _signed_versions(mentorship).order_by("-version").first()
    if agreement is None:
        raise Http404
    return agreement


@router.put("/{int:mentorship_id}/agreement", response={200: AgreementOut, **ERRORS})
def agreement_write(request, mentorship_id: int, payload: AgreementIn):
    """Write the agreement, or amend it: once anyone signed, a change makes a new version."""
    mentorship = _content_for(request, mentorship_id)
    terms = {k: v for k, v in payload.dict(exclude_unset=True).items() if k in AGREEMENT_TERMS}
    saved = agreement_save(mentorship=mentorship, by=request.user, **terms)
    return _signed_versions(mentorship).get(pk=saved.pk)


@router.post("/{int:mentorship_id}/agreement/sign", response={200: AgreementOut, **ERRORS})
def agreement_sign_version(request, mentorship_id: int, payload: SignIn):
    """Sign the newest version, for yourself."""
    mentorship = _content_for(request, mentorship_id)
    agreement = get_object_or_404(Agreement, mentorship=mentorship, version=payload.version)
    agreement_sign(agreement=agreement, by=request.user)
    return _signed_versions(mentorship).get(pk=agreement.pk)


@router.get(
    "/{int:mentorship_id}/agreement/versions",
    response={200: list[AgreementVersionOut], **ERRORS},
)
def agreement_versions(request, mentorship_id: int):
    """Every version, oldest first, with what each changed (the pair only)."""
    mentorship = _content_for(request, mentorship_id)
    versions = list(_signed_versions(mentorship).order_by("version"))
    for agreement, previous in zip(versions, [None] + versions[:-1], strict=False):
        agreement.changes = agreement.changes_from(previous) if previous else []
    return versions


# --- choosing a mentor ------------------------------------------------------------------------


def _requester(request, slug: str) -> Enrollment:
    program = get_object_or_404(Program.objects.visible_to(request.user), slug=slug)
    enrollment = permissions.requester_enrollment(request.user, program)
    if enrollment is None:
        raise PermissionDenied(
            "Only approved mentees of a program where mentees choose their mentor can do this."
        )
    return enrollment


@router.get("/shortlist", response={200: list[ShortlistOut], **ERRORS})
def shortlist(request, program: str, limit: int = Query(10, ge=1, le=50)):
    """Your best-fitting mentors with a place in a program, with the reasons."""
    mine = _requester(request, program)
    return [
        {
            "mentor": entry.mentor.person,
            "percent": entry.percent,
            "explanation": entry.pair.explanation,
            "places_left": entry.mentor.places_left,
            "factors": entry.pair.factors,
        }
        for entry in mentor_shortlist(enrollment=mine, limit=limit)
    ]


@router.get("/requests", response={200: list[RequestOut], **ERRORS})
@paginate
def request_list(request, filters: Query[RequestFilter]):
    """Requests you sent (as mentee) and received (as mentor)."""
    requests = MentorshipRequest.objects.involving(request.user).select_related(
        "program", "mentor", "mentee"
    )
    if filters.direction == "sent":
        requests = requests.filter(mentee=request.user)
    elif filters.direction == "received":
        requests = requests.filter(mentor=request.user)
    if filters.status:
        requests = requests.filter(status=filters.status)
    return requests


@router.post("/requests", response={201: RequestOut, **ERRORS})
def request_create(request, payload: RequestIn):
    """Ask a mentor of a program where mentees choose."""
    mine = _requester(request, payload.program)
    mentor = mine.program.enrollments.mentors().approved().filter(person_id=payload.mentor).first()
    if mentor is None:
        raise ValidationError({"mentor": "No approved mentor of this program has this id."})
    sent = mentorship_request_create(
        mentee=request.user,
        mentor_enrollment=mentor,
        admire=payload.admire,
        hope_to_gain=payload.hope_to_gain,
    )
    return Status(201, sent)


@router.get("/requests/{int:request_id}", response={200: RequestOut, **ERRORS})
def request_detail(request, request_id: int):
    """One request: its two people only."""
    return _request_for(request, request_id)


@router.post("/requests/{int:request_id}/accept", response={200: MentorshipOut, **ERRORS})
def request_accept(request, request_id: int, payload: AnswerIn):
    """The mentor accepts: the mentorship begins (if a place is left)."""
    mentorship_request = _request_for(request, request_id)
    if request.user.pk != mentorship_request.mentor_id:
        raise PermissionDenied("Only the mentor asked answers a request.")
    mentorship = mentorship_request_accept(
        request=mentorship_request, by=request.user, message=payload.message
    )
    return _fresh(mentorship)


@router.post("/requests/{int:request_id}/decline", response={200: RequestOut, **ERRORS})
def request_decline(request, request_id: int, payload: AnswerIn):
    """The mentor declines, with an optional message."""
    mentorship_request = _request_for(request, request_id)
    if request.user.pk != mentorship_request.mentor_id:
        raise PermissionDenied("Only the mentor asked answers a request.")
    return mentorship_request_decline(
        request=mentorship_request, by=request.user, message=payload.message
    )


@router.post("/requests/{int:request_id}/withdraw", response={200: RequestOut, **ERRORS})
def request_withdraw(request, request_id: int):
    """The mentee takes a pending request back."""
    mentorship_request = _request_for(request, request_id)
    if request.user.pk != mentorship_request.mentee_id:
        raise PermissionDenied("Only the mentee who sent a request withdraws it.")
    return mentorship_request_withdraw(request=mentorship_request, by=request.user)
