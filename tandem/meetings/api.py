"""Meetings in the API (/api/v1/meetings/): meetings (list with filters, propose, accept,
counter-propose, move, cancel, attendance), series, shared notes (409 on a version conflict),
the caller's own private notes, action items, and reminder preferences.

The same rules as the pages (permissions.py): program admins list meetings and read their
metadata, with every content field (agenda, place, link, reason) null; notes and action items
are the pair's; a private note is its author's alone (there is no way to ask for another's)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import FilterSchema, Query, Router, Schema, Status
from ninja.pagination import paginate

from tandem.api.schemas import ERRORS, PersonRef
from tandem.mentorships.models import Mentorship

from . import permissions, services
from .models import ActionItem, Meeting, MeetingSeries, MeetingStatus, Outcome
from .times import zone_of

router = Router(tags=["meetings"])

# --- schemas -----------------------------------------------------------------------------------


def _user(context):
    return context["request"].user


def _content(obj, context) -> bool:
    return permissions.can_view_meeting_content(_user(context), obj.mentorship)


class ArrivalOut(Schema):
    person: PersonRef
    arrival: str


class MeetingOut(Schema):
    """A meeting. Content fields are null for whoever may only see metadata (program admins)."""

    id: int
    mentorship_id: int
    series_id: int | None
    status: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    duration_minutes: int
    time_zone: str
    my_local_start: str
    recurrence_start: datetime.datetime | None
    proposed_by: PersonRef | None
    confirmed_at: datetime.datetime | None
    outcome: str
    arrivals: list[ArrivalOut]
    cancelled_by: PersonRef | None
    cancelled_at: datetime.datetime | None
    cancel_notice_hours: float | None
    sequence: int
    mode: str | None
    location: str | None
    video_url: str | None
    agenda: str | None
    cancel_reason: str | None

    @staticmethod
    def resolve_my_local_start(obj, context) -> str:
        return obj.starts_at.astimezone(zone_of(_user(context))).isoformat()

    @staticmethod
    def resolve_arrivals(obj) -> list[dict]:
        return [
            {"person": person, "arrival": obj.arrival_of(person)}
            for person in obj.mentorship.people()
            if obj.arrival_of(person)
        ]

    @staticmethod
    def resolve_cancel_notice_hours(obj) -> float | None:
        notice = obj.cancel_notice
        return None if notice is None else round(notice.total_seconds() / 3600, 1)

    @staticmethod
    def resolve_mode(obj, context):
        return obj.mode if _content(obj, context) else None

    @staticmethod
    def resolve_location(obj, context):
        return obj.location if _content(obj, context) else None

    @staticmethod
    def resolve_video_url(obj, context):
        return obj.video_url if _content(obj, context) else None

    @staticmethod
    def resolve_agenda(obj, context):
        return obj.agenda if _content(obj, context) else None

    @staticmethod
    def resolve_cancel_reason(obj, context):
        return obj.cancel_reason if _content(obj, context) else None


class MeetingFilters(FilterSchema):
    mentorship: int | None = None
    status: MeetingStatus | None = None
    outcome: Outcome | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None

    def filter_mentorship(self, value):
        return Q(mentorship_id=value) if value else Q()

    def filter_since(self, value):
        return Q(starts_at__date__gte=value) if value else Q()

    def filter_until(self, value):
        return Q(starts_at__date__lte=value) if value else Q()


class Place(Schema):
    mode: str
    location: str = ""
    video_url: str = ""
    agenda: str = ""


class ProposeIn(Place):
    """A time on the proposer's clock (their profile's time zone, or `time_zone`)."""

    mentorship_id: int
    date: datetime.date
    time: datetime.time
    duration_minutes: int = 60
    time_zone: str | None = None


class RescheduleIn(Schema):
    date: datetime.date
    time: datetime.time
    duration_minutes: int | None = None
    time_zone: str | None = None


class CancelIn(Schema):
    reason: str = ""


class AttendanceIn(Schema):
    """Whether the meeting took place; each person's arrival by person id."""

    held: bool
    arrivals: dict[int, str] = {}


class SharedNoteOut(Schema):
    meeting_id: int
    text: str
    version: int
    updated_by: PersonRef | None
    updated_at: datetime.datetime | None


class SharedNoteIn(Schema):
    text: str
    version: int


class ConflictOut(Schema):
    detail: str
    errors: list
    current: SharedNoteOut
    yours: str


class PrivateNoteOut(Schema):
    meeting_id: int
    text: str
    updated_at: datetime.datetime | None


class PrivateNoteIn(Schema):
    text: str


class ActionItemOut(Schema):
    id: int
    mentorship_id: int
    meeting_id: int | None
    title: str
    owner: PersonRef | None
    due_on: datetime.date | None
    done: bool
    done_at: datetime.datetime | None

    @staticmethod
    def resolve_done(obj) -> bool:
        return obj.is_done


class ActionItemFilters(FilterSchema):
    mentorship: int | None = None
    open: bool | None = None
    mine: bool | None = None

    def filter_mentorship(self, value):
        return Q(mentorship_id=value) if value else Q()

    def filter_open(self, value):
        return Q() if value is None else Q(done_at__isnull=value)

    def filter_mine(self, value):
        return Q()  # the endpoint applies it: only it knows the caller


class ActionItemIn(Schema):
    mentorship_id: int
    title: str
    owner_id: int
    due_on: datetime.date
    meeting_id: int | None = None


class ActionItemPatch(Schema):
    title: str | None = None
    owner_id: int | None = None
    due_on: datetime.date | None = None
    done: bool | None = None


class SeriesOut(Schema):
    id: int
    mentorship_id: int
    status: str
    frequency: str
    monthly_by: str
    first_start: datetime.datetime
    time_zone: str
    until: datetime.date
    duration_minutes: int
    proposed_by: PersonRef | None
    meeting_ids: list[int]
    mode: str | None
    location: str | None
    video_url: str | None
    agenda: str | None

    @staticmethod
    def resolve_meeting_ids(obj) -> list[int]:
        return [m.pk for m in obj.occurrences.all()]

    @staticmethod
    def resolve_mode(obj, context):
        return obj.mode if _content(obj, context) else None

    @staticmethod
    def resolve_location(obj, context):
        return obj.location if _content(obj, context) else None

    @staticmethod
    def resolve_video_url(obj, context):
        return obj.video_url if _content(obj, context) else None

    @staticmethod
    def resolve_agenda(obj, context):
        return obj.agenda if _content(obj, context) else None


class SeriesIn(Place):
    mentorship_id: int
    date: datetime.date
    time: datetime.time
    frequency: str | None = None
    monthly_by: str = "weekday"
    until: datetime.date | None = None
    duration_minutes: int | None = None
    time_zone: str | None = None


class StopIn(Schema):
    after: datetime.date | None = None


class PreferencesOut(Schema):
    by_email: bool
    in_app: bool
    day_before: bool
    hour_before: bool
    rhythm_nudges: bool
    weekly_digest: bool
    calendar_alarm_minutes: int


class PreferencesIn(Schema):
    by_email: bool | None = None
    in_app: bool | None = None
    day_before: bool | None = None
    hour_before: bool | None = None
    rhythm_nudges: bool | None = None
    weekly_digest: bool | None = None
    calendar_alarm_minutes: int | None = None


# --- access ------------------------------------------------------------------------------------

MEETING_RELATED = (
    "mentorship__program",
    "mentorship__mentor",
    "mentorship__mentee",
    "proposed_by",
    "cancelled_by",
)


def _mentorship(user, pk: int) -> Mentorship:
    mentorship = get_object_or_404(Mentorship.objects.select_related("program"), pk=pk)
    if not permissions.can_view_meetings(user, mentorship):
        raise Http404
    return mentorship


def _meeting(user, pk: int) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related(*MEETING_RELATED, "series"), pk=pk)
    if not permissions.can_view_meetings(user, meeting.mentorship):
        raise Http404
    return meeting


def _series(user, pk: int) -> MeetingSeries:
    series = get_object_or_404(
        MeetingSeries.objects.select_related(
            "mentorship__program", "mentorship__mentor", "mentorship__mentee", "proposed_by"
        ),
        pk=pk,
    )
    if not permissions.can_view_meetings(user, series.mentorship):
        raise Http404
    return series


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _pair_only(user, mentorship: Mentorship) -> None:
    _require(
        permissions.can_view_meeting_content(user, mentorship),
        "Only the pair sees this; program admins see that meetings happened.",
    )


def _pair_working(user, mentorship: Mentorship) -> None:
    _require(
        permissions.can_schedule(user, mentorship),
        "Only the pair of an active or paused mentorship does this.",
    )


def _reload(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_related(*MEETING_RELATED).get(pk=meeting.pk)


# --- meetings ----------------------------------------------------------------------------------


@router.get("", response={200: list[MeetingOut], **ERRORS})
@paginate
def meeting_list(request, filters: Query[MeetingFilters]):
    """Meetings of every mentorship the caller may see (their own; the ones they manage)."""
    visible = Mentorship.objects.visible_to(request.user)
    meetings = Meeting.objects.filter(mentorship__in=visible).select_related(*MEETING_RELATED)
    return filters.filter(meetings).order_by("starts_at", "pk")


@router.post("", response={201: MeetingOut, **ERRORS})
def meeting_propose(request, payload: ProposeIn):
    """Propose a meeting to one's partner."""
    mentorship = _mentorship(request.user, payload.mentorship_id)
    _pair_working(request.user, mentorship)
    meeting = services.meeting_propose(
        mentorship=mentorship,
        by=request.user,
        day=payload.date,
        at=payload.time,
        duration_minutes=payload.duration_minutes,
        mode=payload.mode,
        location=payload.location,
        video_url=payload.video_url,
        agenda=payload.agenda,
        time_zone=payload.time_zone,
    )
    return Status(201, _reload(meeting))


@router.get("/{int:meeting_id}", response={200: MeetingOut, **ERRORS})
def meeting_get(request, meeting_id: int):
    return _meeting(request.user, meeting_id)


@router.patch("/{int:meeting_id}", response={200: MeetingOut, **ERRORS})
def meeting_update(request, meeting_id: int, payload: Place):
    """Change the place, link or agenda (the time is changed with /move)."""
    meeting = _meeting(request.user, meeting_id)
    _pair_working(request.user, meeting.mentorship)
    services.meeting_update(meeting=meeting, by=request.user, **payload.dict())
    return _reload(meeting)


@router.post("/{int:meeting_id}/accept", response={200: MeetingOut, **ERRORS})
def meeting_accept(request, meeting_id: int):
    meeting = _meeting(request.user, meeting_id)
    _pair_working(request.user, meeting.mentorship)
    _require(
        permissions.can_answer(request.user, meeting),
        "The partner of whoever proposed this time answers it.",
    )
    services.meeting_accept(meeting=meeting, by=request.user)
    return _reload(meeting)


@router.post("/{int:meeting_id}/counter", response={200: MeetingOut, **ERRORS})
def meeting_counter(request, meeting_id: int, payload: RescheduleIn):
    """Answer the partner's proposal with another time."""
    meeting = _meeting(request.user, meeting_id)
    _pair_working(request.user, meeting.mentorship)
    _require(
        permissions.can_counter(request.user, meeting),
        "Only the partner of whoever proposed this time answers it with another; "
        "to change your own proposal or a confirmed meeting, move it.",
    )
    services.meeting_counter_propose(meeting=meeting, by=request.user, **_when(payload))
    return _reload(meeting)


@router.post("/{int:meeting_id}/move", response={200: MeetingOut, **ERRORS})
def meeting_move(request, meeting_id: int, payload: RescheduleIn):
    """Move one meeting (alone, even in a series); the partner accepts the new time."""
    meeting = _meeting(request.user, meeting_id)
    _pair_working(request.user, meeting.mentorship)
    services.meeting_move(meeting=meeting, by=request.user, **_when(payload))
    return _reload(meeting)


def _when(payload: RescheduleIn) -> dict:
    return {
        "day": payload.date,
        "at": payload.time,
        "time_zone": payload.time_zone,
        "duration_minutes": payload.duration_minutes,
    }


@router.post("/{int:meeting_id}/cancel", response={200: MeetingOut, **ERRORS})
def meeting_cancel(request, meeting_id: int, payload: CancelIn):
    meeting = _meeting(request.user, meeting_id)
    _pair_working(request.user, meeting.mentorship)
    services.meeting_cancel(meeting=meeting, by=request.user, reason=payload.reason)
    return _reload(meeting)


@router.put("/{int:meeting_id}/attendance", response={200: MeetingOut, **ERRORS})
def meeting_attendance(request, meeting_id: int, payload: AttendanceIn):
    """The caller's own account of the meeting (each of the pair gives one)."""
    meeting = _meeting(request.user, meeting_id)
    _pair_working(request.user, meeting.mentorship)
    services.meeting_record_attendance(
        meeting=meeting, by=request.user, held=payload.held, arrivals=payload.arrivals
    )
    return _reload(meeting)


# --- notes -------------------------------------------------------------------------------------


def _shared_out(meeting: Meeting, note) -> dict:
    return {
        "meeting_id": meeting.pk,
        "text": note.text,
        "version": note.version,
        "updated_by": note.updated_by,
        "updated_at": note.updated_at if note.pk else None,
    }


@router.get("/{int:meeting_id}/shared-notes", response={200: SharedNoteOut, **ERRORS})
def shared_notes_get(request, meeting_id: int):
    """The pair's notes and their version (send it back when saving)."""
    meeting = _meeting(request.user, meeting_id)
    _pair_only(request.user, meeting.mentorship)
    return _shared_out(meeting, services.shared_note_of(meeting))


@router.put(
    "/{int:meeting_id}/shared-notes",
    response={200: SharedNoteOut, 409: ConflictOut, **ERRORS},
)
def shared_notes_put(request, meeting_id: int, payload: SharedNoteIn):
    """Save the notes if nobody saved since `version`; a 409 returns the current text and
    version (nothing was written) so the caller can merge and try again."""
    meeting = _meeting(request.user, meeting_id)
    _pair_only(request.user, meeting.mentorship)
    _require(permissions.can_write_notes(request.user, meeting), "These notes are closed.")
    try:
        note = services.shared_note_save(
            meeting=meeting, by=request.user, text=payload.text, version=payload.version
        )
    except services.NoteConflict as clash:
        return Status(
            409,
            {
                "detail": f"version: the notes are at version {clash.current.version} now; "
                "merge your text with theirs and save again.",
                "errors": [{"field": "version", "message": "Out of date."}],
                "current": _shared_out(meeting, clash.current),
                "yours": clash.attempted,
            },
        )
    return _shared_out(meeting, note)


def _private_out(meeting: Meeting, note) -> dict:
    return {
        "meeting_id": meeting.pk,
        "text": note.text if note else "",
        "updated_at": note.updated_at if note else None,
    }


@router.get("/{int:meeting_id}/private-notes", response={200: PrivateNoteOut, **ERRORS})
def private_notes_get(request, meeting_id: int):
    """The caller's own private notes of a meeting (nobody can read anyone else's)."""
    meeting = _meeting(request.user, meeting_id)
    _pair_only(request.user, meeting.mentorship)
    return _private_out(meeting, services.private_note_of(meeting, request.user))


@router.put("/{int:meeting_id}/private-notes", response={200: PrivateNoteOut, **ERRORS})
def private_notes_put(request, meeting_id: int, payload: PrivateNoteIn):
    meeting = _meeting(request.user, meeting_id)
    _pair_only(request.user, meeting.mentorship)
    note = services.private_note_save(meeting=meeting, by=request.user, text=payload.text)
    return _private_out(meeting, note)


# --- action items ------------------------------------------------------------------------------


@router.get("/action-items", response={200: list[ActionItemOut], **ERRORS})
@paginate
def action_item_list(request, filters: Query[ActionItemFilters]):
    """Action items of the caller's own mentorships (admins see none: they are content)."""
    items = ActionItem.objects.filter(
        mentorship__in=Mentorship.objects.involving(request.user)
    ).select_related("owner")
    if filters.mine:
        items = items.filter(owner=request.user)
    return filters.filter(items).order_by("done_at", "due_on", "pk")


@router.post("/action-items", response={201: ActionItemOut, **ERRORS})
def action_item_create(request, payload: ActionItemIn):
    mentorship = _mentorship(request.user, payload.mentorship_id)
    _pair_only(request.user, mentorship)
    meeting = None
    if payload.meeting_id is not None:
        meeting = Meeting.objects.filter(pk=payload.meeting_id, mentorship=mentorship).first()
        if meeting is None:
            raise ValidationError({"meeting_id": "No such meeting in this mentorship."})
    item = services.action_item_add(
        mentorship=mentorship,
        by=request.user,
        title=payload.title,
        owner=_person_in(mentorship, payload.owner_id),
        due_on=payload.due_on,
        meeting=meeting,
    )
    return Status(201, item)


def _person_in(mentorship: Mentorship, pk: int | None):
    if pk is None:
        return None
    return next((p for p in mentorship.people() if p.pk == pk), None)


@router.patch("/action-items/{int:item_id}", response={200: ActionItemOut, **ERRORS})
def action_item_patch(request, item_id: int, payload: ActionItemPatch):
    """Rename, reassign, re-date, tick off (`done: true`) or reopen an action item."""
    item = get_object_or_404(ActionItem.objects.select_related("mentorship"), pk=item_id)
    if not permissions.can_view_meeting_content(request.user, item.mentorship):
        raise Http404
    owner = None
    if payload.owner_id is not None:
        owner = _person_in(item.mentorship, payload.owner_id)
        if owner is None:
            raise ValidationError({"owner_id": "Choose one of the two of you."})
    return services.action_item_update(
        item=item,
        by=request.user,
        title=payload.title,
        owner=owner,
        due_on=payload.due_on,
        done=payload.done,
    )


# --- series ------------------------------------------------------------------------------------


@router.get("/series", response={200: list[SeriesOut], **ERRORS})
@paginate
def series_list(request, mentorship: int | None = None):
    series = MeetingSeries.objects.filter(
        mentorship__in=Mentorship.objects.visible_to(request.user)
    ).select_related(
        "mentorship__program", "mentorship__mentor", "mentorship__mentee", "proposed_by"
    )
    if mentorship:
        series = series.filter(mentorship_id=mentorship)
    return series.prefetch_related("occurrences").order_by("first_start", "pk")


@router.post("/series", response={201: SeriesOut, **ERRORS})
def series_create(request, payload: SeriesIn):
    """Propose meetings at the agreement's rhythm until it ends (defaults from the agreement)."""
    mentorship = _mentorship(request.user, payload.mentorship_id)
    _pair_working(request.user, mentorship)
    series = services.series_propose(
        mentorship=mentorship,
        by=request.user,
        first_day=payload.date,
        at=payload.time,
        frequency=payload.frequency,
        monthly_by=payload.monthly_by,
        until=payload.until,
        duration_minutes=payload.duration_minutes,
        mode=payload.mode,
        location=payload.location,
        video_url=payload.video_url,
        agenda=payload.agenda,
        time_zone=payload.time_zone,
    )
    return Status(201, _series(request.user, series.pk))


@router.get("/series/{int:series_id}", response={200: SeriesOut, **ERRORS})
def series_get(request, series_id: int):
    return _series(request.user, series_id)


@router.post("/series/{int:series_id}/accept", response={200: SeriesOut, **ERRORS})
def series_accept(request, series_id: int):
    series = _series(request.user, series_id)
    _pair_working(request.user, series.mentorship)
    _require(
        permissions.can_answer_series(request.user, series),
        "The partner of whoever proposed this series answers it.",
    )
    services.series_accept(series=series, by=request.user)
    return _series(request.user, series_id)


@router.post("/series/{int:series_id}/decline", response={200: SeriesOut, **ERRORS})
def series_decline(request, series_id: int, payload: CancelIn):
    """Decline a proposed series (or withdraw one's own proposal)."""
    series = _series(request.user, series_id)
    _pair_working(request.user, series.mentorship)
    services.series_decline(series=series, by=request.user, reason=payload.reason)
    return _series(request.user, series_id)


@router.post("/series/{int:series_id}/stop", response={200: SeriesOut, **ERRORS})
def series_stop(request, series_id: int, payload: StopIn):
    """End a running series after a day (today by default); earlier meetings stay."""
    series = _series(request.user, series_id)
    _pair_working(request.user, series.mentorship)
    services.series_stop(series=series, by=request.user, after=payload.after)
    return _series(request.user, series_id)


# --- my preferences ----------------------------------------------------------------------------


@router.get("/preferences", response={200: PreferencesOut, **ERRORS})
def preferences_get(request):
    return services.preferences_for(request.user)


@router.put("/preferences", response={200: PreferencesOut, **ERRORS})
def preferences_put(request, payload: PreferencesIn):
    """Change any of one's reminder preferences (each kind can be turned off)."""
    changes = {name: value for name, value in payload.dict().items() if value is not None}
    return services.preferences_save(person=request.user, **changes)
