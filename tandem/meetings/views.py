"""Pages of a mentorship's meetings, one meeting, a series, my meetings, my reminder
preferences, and the private calendar feed. Thin: fetch with access checked (404 for what the
user may not see, 403 for what they may see but not do), one service call, render."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.mentorships.models import Mentorship, MentorshipStatus
from tandem.mentorships.views import mentorship_context

from . import calendar, permissions, services
from .forms import (
    ActionItemForm,
    AttendanceForm,
    CancelForm,
    MeetingForm,
    PlaceFields,
    PreferencesForm,
    PrivateNoteForm,
    RescheduleForm,
    SeriesForm,
    SharedNoteForm,
    StopSeriesForm,
    show_errors,
)
from .models import ActionItem, Meeting, MeetingSeries, MeetingStatus, SeriesStatus
from .selectors import carried_over, meeting_signals
from .times import zone_of

# --- fetching with access checked -------------------------------------------------------------


def _get_mentorship_for_user(user, pk: int) -> Mentorship:
    mentorship = get_object_or_404(
        Mentorship.objects.select_related("program", "mentor__profile", "mentee__profile"), pk=pk
    )
    if not permissions.can_view_meetings(user, mentorship):
        raise Http404
    return mentorship


def _get_meeting_for_user(user, pk: int) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related(
            "mentorship__program",
            "mentorship__mentor__profile",
            "mentorship__mentee__profile",
            "series",
            "proposed_by",
            "cancelled_by",
        ),
        pk=pk,
    )
    if not permissions.can_view_meetings(user, meeting.mentorship):
        raise Http404
    return meeting


def _get_series_for_user(user, pk: int) -> MeetingSeries:
    series = get_object_or_404(
        MeetingSeries.objects.select_related(
            "mentorship__program", "mentorship__mentor", "mentorship__mentee", "proposed_by"
        ),
        pk=pk,
    )
    if not permissions.can_view_meetings(user, series.mentorship):
        raise Http404
    return series


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _zone_name(user) -> str:
    return zone_of(user).key


UPCOMING_SHOWN = 12

# --- a mentorship's meetings --------------------------------------------------------------------


@login_required
@require_GET
def meeting_list(request, pk: int):
    mentorship = _get_mentorship_for_user(request.user, pk)
    context = mentorship_context(request.user, mentorship, "meetings")
    now = timezone.now()
    meetings = Meeting.objects.of(mentorship).select_related(
        "mentorship", "cancelled_by", "proposed_by"
    )
    context.update(
        upcoming=meetings.upcoming(now)[:UPCOMING_SHOWN],
        past=meetings.past(now)[:60],
        series_list=mentorship.series.filter(
            status__in=(SeriesStatus.PROPOSED, SeriesStatus.ACTIVE)
        ).select_related("proposed_by"),
        signals=_signals_so_far(mentorship, now),
        content=permissions.can_view_meeting_content(request.user, mentorship),
        can_schedule=permissions.can_schedule(request.user, mentorship),
        agreement=mentorship.current_agreement(),
        now=now,
    )
    if context["content"]:
        context["open_items"] = mentorship.action_items.open().select_related("owner")
    return render(request, "meetings/list.html", context)


def _signals_so_far(mentorship: Mentorship, now):
    began = mentorship.started_at or mentorship.created_at
    return meeting_signals(mentorship, since=began, until=now)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_propose(request, pk: int):
    mentorship = _get_mentorship_for_user(request.user, pk)
    _require(permissions.can_schedule(request.user, mentorship))
    agreement = mentorship.current_agreement()
    minutes = agreement.meeting_minutes if agreement else 60
    form = MeetingForm(request.POST or None, minutes=minutes, zone=_zone_name(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_propose(
                mentorship=mentorship,
                by=request.user,
                day=data["date"],
                at=data["time"],
                duration_minutes=data["duration_minutes"],
                mode=data["mode"],
                location=data["location"],
                video_url=data["video_url"],
                agenda=data["agenda"],
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"Meeting proposed to {mentorship.partner_of(request.user)}.")
            return redirect(meeting)
    context = mentorship_context(request.user, mentorship, "meetings")
    context.update(form=form, title="Propose a meeting", button="Propose this meeting")
    return render(request, "meetings/form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def series_propose(request, pk: int):
    mentorship = _get_mentorship_for_user(request.user, pk)
    _require(permissions.can_schedule(request.user, mentorship))
    agreement = mentorship.current_agreement()
    if agreement is None:
        messages.error(request, "Sign your agreement first: a series follows its rhythm.")
        return redirect("meetings:list", mentorship.pk)
    initial = {
        "frequency": agreement.meeting_frequency,
        "until": agreement.end_date,
        "mode": "in_person" if agreement.meeting_style == "in_person" else "virtual",
        "date": max(agreement.start_date, timezone.localdate() + datetime.timedelta(days=1)),
    }
    form = SeriesForm(
        request.POST or None,
        initial=initial,
        minutes=agreement.meeting_minutes,
        zone=_zone_name(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            series = services.series_propose(
                mentorship=mentorship,
                by=request.user,
                first_day=data["date"],
                at=data["time"],
                frequency=data["frequency"],
                monthly_by=data["monthly_by"] or "weekday",
                until=data["until"],
                duration_minutes=data["duration_minutes"],
                mode=data["mode"],
                location=data["location"],
                video_url=data["video_url"],
                agenda=data["agenda"],
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            count = series.occurrences.count()
            messages.success(request, f"{count} meetings proposed; your partner will answer.")
            return redirect(series)
    context = mentorship_context(request.user, mentorship, "meetings")
    context.update(form=form, agreement=agreement)
    return render(request, "meetings/series_form.html", context, status=400 if form.errors else 200)


# --- a series --------------------------------------------------------------------------------


@login_required
@require_GET
def series_detail(request, pk: int):
    series = _get_series_for_user(request.user, pk)
    context = mentorship_context(request.user, series.mentorship, "meetings")
    context.update(
        series=series,
        occurrences=series.occurrences.select_related("cancelled_by"),
        content=permissions.can_view_meeting_content(request.user, series.mentorship),
        can_answer=permissions.can_answer_series(request.user, series),
        can_stop=permissions.can_stop_series(request.user, series),
        stop_form=StopSeriesForm(initial={"after": timezone.localdate()}),
        now=timezone.now(),
    )
    return render(request, "meetings/series.html", context)


@login_required
@require_POST
def series_answer(request, pk: int):
    series = _get_series_for_user(request.user, pk)
    _require(permissions.can_stop_series(request.user, series))
    try:
        if request.POST.get("answer") == "accept":
            services.series_accept(series=series, by=request.user)
            messages.success(request, "Series accepted: the meetings are in both calendars.")
        elif series.status == SeriesStatus.PROPOSED:
            services.series_decline(series=series, by=request.user)
            messages.success(request, "The proposed series is withdrawn.")
            return redirect("meetings:list", series.mentorship_id)
        else:
            form = StopSeriesForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors.get("after", ["Choose a date."])[0])
            services.series_stop(series=series, by=request.user, after=form.cleaned_data["after"])
            messages.success(request, "The series is stopped.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(series)


@login_required
@require_GET
def series_ics(request, pk: int):
    series = _get_series_for_user(request.user, pk)
    _require(permissions.can_view_meeting_content(request.user, series.mentorship))
    return _ics(calendar.series_invitation(series, request.user), f"tandem-series-{series.pk}")


# --- one meeting -----------------------------------------------------------------------------


@login_required
@require_GET
def meeting_detail(request, pk: int):
    meeting = _get_meeting_for_user(request.user, pk)
    return render(request, "meetings/detail.html", _detail_context(request, meeting))


def _detail_context(request, meeting: Meeting, **forms) -> dict:
    user, mentorship = request.user, meeting.mentorship
    context = mentorship_context(user, mentorship, "meetings")
    content = permissions.can_view_meeting_content(user, mentorship)
    context.update(
        meeting=meeting,
        content=content,
        clocks=[(p, meeting.starts_at.astimezone(zone_of(p))) for p in mentorship.people()],
        can_answer=permissions.can_answer(user, meeting),
        can_reschedule=permissions.can_reschedule(user, meeting),
        can_record=permissions.can_record_attendance(user, meeting),
        can_write=permissions.can_write_notes(user, meeting),
        can_tick=permissions.can_schedule(user, mentorship),
        events=meeting.events.select_related("by"),
        now=timezone.now(),
    )
    if content:
        context.update(_content_context(request, meeting, forms))
    return context


def _content_context(request, meeting: Meeting, forms: dict) -> dict:
    """What only the pair sees: notes, agenda items, the user's own account and private note."""
    user, people = request.user, meeting.mentorship.people()
    shared = services.shared_note_of(meeting)
    private = services.private_note_of(meeting, user)
    mine = meeting.reports.filter(reporter=user).first()
    attendance_initial = {"held": "yes" if (mine is None or mine.held) else "no"}
    if mine:
        attendance_initial.update(
            {f"arrival_{p.pk}": getattr(mine, _side(meeting, p)) for p in people}
        )
    return {
        "shared": shared,
        "shared_form": forms.get("shared_form")
        or SharedNoteForm(
            initial={"text": shared.text, "version": shared.version}, prefix="shared"
        ),
        "conflict": forms.get("conflict"),
        "private_form": PrivateNoteForm(
            initial={"text": private.text if private else ""}, prefix="private"
        ),
        "private": private,
        "carried": carried_over(meeting),
        "raised": meeting.action_items.select_related("owner"),
        "item_form": forms.get("item_form") or ActionItemForm(people=people, prefix="item"),
        "attendance_form": forms.get("attendance_form")
        or AttendanceForm(initial=attendance_initial, people=people),
        "reports": meeting.reports.select_related("reporter"),
        "my_report": mine,
    }


def _side(meeting: Meeting, person) -> str:
    return "mentor_arrival" if person.pk == meeting.mentorship.mentor_id else "mentee_arrival"


@login_required
@require_POST
def meeting_accept(request, pk: int):
    meeting = _get_meeting_for_user(request.user, pk)
    _require(permissions.can_answer(request.user, meeting))
    try:
        services.meeting_accept(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Meeting confirmed.")
    return redirect(meeting)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_reschedule(request, pk: int):
    """Propose another time: a counter-proposal, or moving a confirmed meeting."""
    meeting = _get_meeting_for_user(request.user, pk)
    _require(permissions.can_reschedule(request.user, meeting))
    local = meeting.starts_at.astimezone(zone_of(request.user))
    form = RescheduleForm(
        request.POST or None,
        initial={"date": local.date(), "time": local.time()},
        minutes=meeting.duration_minutes,
        zone=_zone_name(request.user),
    )
    countering = meeting.status == MeetingStatus.PROPOSED and (
        meeting.proposed_by_id != request.user.pk
    )
    if request.method == "POST" and form.is_valid():
        action = services.meeting_counter_propose if countering else services.meeting_move
        try:
            action(
                meeting=meeting,
                by=request.user,
                day=form.cleaned_data["date"],
                at=form.cleaned_data["time"],
                duration_minutes=form.cleaned_data["duration_minutes"],
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "New time proposed; your partner will answer.")
            return redirect(meeting)
    context = _detail_context(request, meeting)
    context.update(form=form, countering=countering)
    return render(request, "meetings/reschedule.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk: int):
    """Where and what about (the agenda); the time is changed by rescheduling."""
    meeting = _get_meeting_for_user(request.user, pk)
    _require(permissions.can_write_notes(request.user, meeting))
    form = PlaceFields(
        request.POST or None,
        initial={
            "mode": meeting.mode,
            "location": meeting.location,
            "video_url": meeting.video_url,
            "agenda": meeting.agenda,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Meeting updated.")
            return redirect(meeting)
    context = _detail_context(request, meeting)
    context["form"] = form
    return render(request, "meetings/edit.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request, pk: int):
    meeting = _get_meeting_for_user(request.user, pk)
    _require(permissions.can_cancel(request.user, meeting))
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_cancel(
                meeting=meeting, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Meeting cancelled; your partner has been told.")
            return redirect(meeting)
    context = _detail_context(request, meeting)
    context["form"] = form
    return render(request, "meetings/cancel.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def meeting_attendance(request, pk: int):
    meeting = _get_meeting_for_user(request.user, pk)
    _require(permissions.can_record_attendance(request.user, meeting))
    form = AttendanceForm(request.POST, people=meeting.mentorship.people())
    if form.is_valid():
        try:
            services.meeting_record_attendance(
                meeting=meeting,
                by=request.user,
                held=form.cleaned_data["held"],
                arrivals=form.arrivals(),
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Thank you: your account of the meeting is recorded.")
            return redirect(meeting)
    context = _detail_context(request, meeting, attendance_form=form)
    return render(request, "meetings/detail.html", context, status=400)


@login_required
@require_POST
def shared_note_save(request, pk: int):
    """Save the shared notes against the version they were read at; on a conflict show both
    texts and keep the writer's, never overwrite silently."""
    meeting = _get_meeting_for_user(request.user, pk)
    _require(permissions.can_write_notes(request.user, meeting))
    form = SharedNoteForm(request.POST, prefix="shared")
    conflict = None
    if form.is_valid():
        try:
            services.shared_note_save(
                meeting=meeting,
                by=request.user,
                text=form.cleaned_data["text"],
                version=form.cleaned_data["version"],
            )
        except services.NoteConflict as clash:
            conflict = clash
            form = SharedNoteForm(
                initial={"text": clash.attempted, "version": clash.current.version},
                prefix="shared",
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            if request.htmx:
                return render(
                    request, "meetings/_shared_notes.html", _detail_context(request, meeting)
                )
            messages.success(request, "Shared notes saved.")
            return redirect(f"{meeting.get_absolute_url()}#shared-notes")
    context = _detail_context(request, meeting, shared_form=form, conflict=conflict)
    if request.htmx:
        # htmx swaps only successful responses: the fragment itself says what went wrong.
        return render(request, "meetings/_shared_notes.html", context)
    return render(request, "meetings/detail.html", context, status=409 if conflict else 400)


@login_required
@require_POST
def private_note_save(request, pk: int):
    meeting = _get_meeting_for_user(request.user, pk)
    _require(permissions.can_view_meeting_content(request.user, meeting.mentorship))
    form = PrivateNoteForm(request.POST, prefix="private")
    if form.is_valid():
        try:
            services.private_note_save(
                meeting=meeting, by=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Private notes saved. Only you can read them.")
    return redirect(f"{meeting.get_absolute_url()}#private-notes")


@login_required
@require_POST
def action_item_add(request, pk: int):
    meeting = _get_meeting_for_user(request.user, pk)
    _require(permissions.can_schedule(request.user, meeting.mentorship))
    form = ActionItemForm(request.POST, people=meeting.mentorship.people(), prefix="item")
    if form.is_valid():
        try:
            services.action_item_add(
                mentorship=meeting.mentorship,
                by=request.user,
                meeting=meeting,
                title=form.cleaned_data["title"],
                owner=form.chosen_owner(),
                due_on=form.cleaned_data["due_on"],
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Action item added.")
            return redirect(f"{meeting.get_absolute_url()}#action-items")
    context = _detail_context(request, meeting, item_form=form)
    return render(request, "meetings/detail.html", context, status=400)


@login_required
@require_POST
def action_item_toggle(request, pk: int):
    item = get_object_or_404(ActionItem.objects.select_related("mentorship"), pk=pk)
    if not permissions.can_view_meeting_content(request.user, item.mentorship):
        raise Http404
    _require(permissions.can_schedule(request.user, item.mentorship))
    done = request.POST.get("done") == "1"
    services.action_item_update(item=item, by=request.user, done=done)
    messages.success(request, f"“{item.title}” {'done' if done else 'reopened'}.")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = _items_url(item)
    return redirect(back)


def _items_url(item: ActionItem) -> str:
    if item.meeting_id:
        return f"{item.meeting.get_absolute_url()}#action-items"
    return reverse("meetings:list", args=[item.mentorship_id])


@login_required
@require_GET
def meeting_ics(request, pk: int):
    meeting = _get_meeting_for_user(request.user, pk)
    _require(permissions.can_view_meeting_content(request.user, meeting.mentorship))
    return _ics(calendar.meeting_invitation(meeting, request.user), f"tandem-meeting-{meeting.pk}")


def _ics(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.ics"'
    return response


# --- my meetings, preferences and the feed ------------------------------------------------------


@login_required
@require_GET
def my_meetings(request):
    user, now = request.user, timezone.now()
    mine = Meeting.objects.involving(user).select_related(
        "mentorship__mentor", "mentorship__mentee", "proposed_by"
    )
    context = {
        "upcoming": mine.upcoming(now).filter(mentorship__status__in=_UNDER_WAY)[:30],
        "to_answer": mine.filter(status=MeetingStatus.PROPOSED, starts_at__gte=now)
        .exclude(proposed_by=user)
        .exclude(series__status=SeriesStatus.PROPOSED),
        "series_to_answer": MeetingSeries.objects.filter(
            status=SeriesStatus.PROPOSED, mentorship__status__in=_UNDER_WAY
        )
        .filter(mentorship__in=Mentorship.objects.involving(user))
        .exclude(proposed_by=user)
        .select_related("mentorship__mentor", "mentorship__mentee"),
        "to_record": mine.needing_attendance(now).filter(mentorship__status__in=_UNDER_WAY),
        "items": ActionItem.objects.open()
        .filter(owner=user, mentorship__status__in=_UNDER_WAY)
        .select_related("mentorship__mentor", "mentorship__mentee", "meeting"),
        "mentorships": Mentorship.objects.involving(user)
        .filter(status__in=_UNDER_WAY)
        .select_related("mentor", "mentee", "program"),
        "zone": _zone_name(user),
        "now": now,
    }
    return render(request, "meetings/mine.html", context)


_UNDER_WAY = (MentorshipStatus.ACTIVE, MentorshipStatus.PAUSED)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    current = services.preferences_for(request.user)
    form = PreferencesForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.preferences_save(person=request.user, **form.cleaned_data)
        messages.success(request, "Your reminder preferences are saved.")
        return redirect("meetings:preferences")
    feed = services.calendar_feed_for(person=request.user)
    feed_url = request.build_absolute_uri(_feed_path(services.calendar_feed_token(feed)))
    context = {
        "form": form,
        "feed": feed,
        "feed_url": feed_url,
        # webcal:// opens the subscription dialog of Apple Calendar and Outlook directly.
        "webcal_url": "webcal://" + feed_url.split("://", 1)[1],
        "zone": _zone_name(request.user),
    }
    return render(request, "meetings/preferences.html", context, status=400 if form.errors else 200)


def _feed_path(token: str) -> str:
    return reverse("meetings:feed", args=[token])


@login_required
@require_POST
def feed_reset(request):
    services.calendar_feed_reset(person=request.user)
    messages.success(
        request,
        "Your calendar has a new secret address. The old one no longer works: "
        "subscribe again with the new one.",
    )
    return redirect("meetings:preferences")


@require_GET
def feed(request, token: str):
    """The private iCalendar feed: the secret URL is the key (calendar apps cannot sign in)."""
    person = services.calendar_feed_owner(token)
    if person is None:
        raise Http404
    response = HttpResponse(
        calendar.person_feed(person), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="tandem.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response
