"""Rows for meetings: proposals and series, attendance, shared and private notes, action items,
calendar feeds, reminder preferences.

The pair sees and does everything of its meetings (except the other's private notes); the
program's admins see that meetings happened (the list, a meeting, a series: metadata only) and
are refused (403) what they may see but not do; anyone else is told nothing exists (404). The
private calendar feed has no sign-in: its secret URL is the key (a wrong secret is a 404).
"""

import datetime

from tandem.tests.access.base import ALL, EVERYONE, MANAGERS, PAIR, Api, Page

MENTOR = frozenset({"mentor"})
PEER = frozenset({"peer"})

# What stage() writes, distinctive enough to be looked for in everything a role is shown
# (tandem/tests/test_confidentiality_meetings.py).
SHARED_NOTE = "Shared: we agreed the quarterly roadmap needs a risk register"
MENTOR_PRIVATE_NOTE = "Mentor only: Theo seems anxious about the reorganisation"
MENTEE_PRIVATE_NOTE = "Mentee only: I am thinking of leaving the company in spring"
ACTION_ITEM = "Draft the onboarding checklist for the support rotation"
AGENDA = "Agenda: review the first month and the roadmap"


def _day(days: int) -> str:
    return (datetime.date.today() + datetime.timedelta(days=days)).isoformat()


def _agreement_running_now(mentorship) -> None:
    """The cast's agreements ran February–July 2026; a series follows an agreement under way."""
    agreement = mentorship.current_agreement()
    type(agreement).objects.filter(pk=agreement.pk).update(
        start_date=datetime.date.today() - datetime.timedelta(days=30),
        end_date=datetime.date.today() + datetime.timedelta(days=240),
    )


def stage(cast) -> dict:
    """What this area's rows point at, added to the cast: {name: object}.

    On `mentorship`: a meeting held two days ago (shared notes, a private note by each of the
    pair, an action item), a meeting the mentee proposed for next week, a weekly series that
    ran and ended yesterday (so a new one may be proposed); on `mutual_mentorship`: a meeting
    and a series proposed by `peer_partner`, for `peer` to answer; the mentee's feed secret."""
    from django.utils import timezone

    from tandem.meetings import services
    from tandem.meetings.models import MeetingSeries, MeetingStatus, SeriesStatus
    from tandem.meetings.tests.factories import make_meeting

    mentorship, mutual = cast.mentorship, cast.mutual_mentorship
    mentor, mentee = mentorship.mentor, mentorship.mentee
    for pair in (mentorship, mutual):
        _agreement_running_now(pair)
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    day = datetime.timedelta(days=1)

    held = make_meeting(mentorship, hour - 2 * day, agenda=AGENDA, proposed_by=mentee)
    services.shared_note_save(meeting=held, by=mentor, text=SHARED_NOTE, version=0)
    services.private_note_save(meeting=held, by=mentor, text=MENTOR_PRIVATE_NOTE)
    services.private_note_save(meeting=held, by=mentee, text=MENTEE_PRIVATE_NOTE)
    item = services.action_item_add(
        mentorship=mentorship,
        by=mentor,
        title=ACTION_ITEM,
        owner=mentee,
        due_on=datetime.date.today() + 7 * day,
        meeting=held,
    )
    proposed = make_meeting(
        mentorship, hour + 7 * day, status=MeetingStatus.PROPOSED, proposed_by=mentee
    )

    first = hour - 21 * day
    past_series = MeetingSeries.objects.create(
        mentorship=mentorship,
        proposed_by=mentor,
        status=SeriesStatus.ACTIVE,
        frequency="weekly",
        first_start=first,
        time_zone="Europe/Paris",
        until=datetime.date.today() - day,
        mode="virtual",
        video_url="https://meet.example.com/pair",
        answered_at=first - day,
    )
    for week in range(3):
        start = first + 7 * week * day
        make_meeting(mentorship, start, series=past_series, recurrence_start=start)

    mutual_proposed = make_meeting(
        mutual, hour + 8 * day, status=MeetingStatus.PROPOSED, proposed_by=cast.peer_partner
    )
    mutual_series = services.series_propose(
        mentorship=mutual,
        by=cast.peer_partner,
        first_day=datetime.date.today() + 3 * day,
        at=datetime.time(9, 0),
        mode="virtual",
        video_url="https://meet.example.com/peers",
    )
    feed = services.calendar_feed_for(person=mentee)
    return {
        "held": held,
        "proposed": proposed,
        "item": item,
        "past_series": past_series,
        "mutual_proposed": mutual_proposed,
        "mutual_series": mutual_series,
        "feed_token": services.calendar_feed_token(feed),
        "feed_public_id": feed.public_id,
    }


def _proposal(c, me) -> dict:
    return {
        "date": _day(10),
        "time": "10:00",
        "duration_minutes": "60",
        "mode": "virtual",
        "video_url": "https://meet.example.com/new",
        "agenda": "Next steps",
    }


def _series_form(c, me) -> dict:
    return {
        "frequency": "fortnightly",
        "date": _day(10),
        "time": "09:00",
        "duration_minutes": "60",
        "monthly_by": "weekday",
        "until": _day(120),
        "mode": "virtual",
        "video_url": "https://meet.example.com/series",
    }


def _attendance(c, me) -> dict:
    return {"held": "yes", f"arrival_{c.mentor.pk}": "on_time", f"arrival_{c.mentee.pk}": "late"}


def _series_stop_day(c) -> str:
    return (c.past_series.first_start.date() + datetime.timedelta(days=7)).isoformat()


PREFERENCES = {
    "by_email": "on",
    "in_app": "on",
    "day_before": "on",
    "hour_before": "on",
    "calendar_alarm_minutes": "30",
}

PAGES = [
    Page("meetings:mine", lambda c: "/meetings/", EVERYONE),
    Page(
        "meetings:list", lambda c: f"/meetings/mentorship/{c.mentorship.pk}/", PAIR | MANAGERS, 404
    ),
    Page(
        "meetings:list",
        lambda c: f"/meetings/mentorship/{c.mutual_mentorship.pk}/",
        PEER | MANAGERS,
        404,
    ),
    Page(
        "meetings:propose",
        lambda c: f"/meetings/mentorship/{c.mentorship.pk}/propose/",
        PAIR,
        404,
        forbidden=MANAGERS,
    ),
    Page(
        "meetings:propose",
        lambda c: f"/meetings/mentorship/{c.mentorship.pk}/propose/",
        PAIR,
        404,
        forbidden=MANAGERS,
        method="POST",
        data=_proposal,
        ok=302,
    ),
    Page("meetings:detail", lambda c: f"/meetings/{c.held.pk}/", PAIR | MANAGERS, 404),
    Page(
        "meetings:edit",
        lambda c: f"/meetings/{c.proposed.pk}/edit/",
        PAIR,
        404,
        forbidden=MANAGERS,
    ),
    Page(
        "meetings:edit",
        lambda c: f"/meetings/{c.proposed.pk}/edit/",
        PAIR,
        404,
        forbidden=MANAGERS,
        method="POST",
        data={"mode": "in_person", "location": "Room 4.12", "agenda": "Bring the plan"},
        ok=302,
    ),
    # The mentee proposed it: the mentor answers; the mentee may see it, not accept it.
    Page(
        "meetings:accept",
        lambda c: f"/meetings/{c.proposed.pk}/accept/",
        MENTOR,
        404,
        forbidden=MANAGERS | {"mentee"},
        method="POST",
        ok=302,
    ),
    # In a mutual mentorship, whichever partner did not propose answers.
    Page(
        "meetings:accept",
        lambda c: f"/meetings/{c.mutual_proposed.pk}/accept/",
        PEER,
        404,
        forbidden=MANAGERS,
        method="POST",
        ok=302,
    ),
    Page(
        "meetings:reschedule",
        lambda c: f"/meetings/{c.proposed.pk}/reschedule/",
        PAIR,
        404,
        forbidden=MANAGERS,
    ),
    # The mentor counter-proposes, the mentee moves their own proposal: both are redirected.
    Page(
        "meetings:reschedule",
        lambda c: f"/meetings/{c.proposed.pk}/reschedule/",
        PAIR,
        404,
        forbidden=MANAGERS,
        method="POST",
        data={"date": _day(12), "time": "11:00", "duration_minutes": "60"},
        ok=302,
    ),
    Page(
        "meetings:cancel",
        lambda c: f"/meetings/{c.proposed.pk}/cancel/",
        PAIR,
        404,
        forbidden=MANAGERS,
    ),
    Page(
        "meetings:cancel",
        lambda c: f"/meetings/{c.proposed.pk}/cancel/",
        PAIR,
        404,
        forbidden=MANAGERS,
        method="POST",
        data={"reason": "Something urgent came up"},
        ok=302,
    ),
    Page(
        "meetings:attendance",
        lambda c: f"/meetings/{c.held.pk}/attendance/",
        PAIR,
        404,
        forbidden=MANAGERS,
        method="POST",
        data=_attendance,
        ok=302,
    ),
    Page(
        "meetings:shared_notes",
        lambda c: f"/meetings/{c.held.pk}/notes/shared/",
        PAIR,
        404,
        forbidden=MANAGERS,
        method="POST",
        data={"shared-text": "We met and talked.", "shared-version": "1"},
        ok=302,
    ),
    Page(
        "meetings:private_notes",
        lambda c: f"/meetings/{c.held.pk}/notes/private/",
        PAIR,
        404,
        forbidden=MANAGERS,
        method="POST",
        data={"private-text": "A note for myself."},
        ok=302,
    ),
    Page(
        "meetings:action_item_add",
        lambda c: f"/meetings/{c.held.pk}/action-items/",
        PAIR,
        404,
        forbidden=MANAGERS,
        method="POST",
        data=lambda c, me: {
            "item-title": "Book the room",
            "item-owner": c.mentor.pk,
            "item-due_on": _day(7),
        },
        ok=302,
    ),
    # An action item is content: the admins are not told it exists.
    Page(
        "meetings:action_item_toggle",
        lambda c: f"/meetings/action-items/{c.item.pk}/",
        PAIR,
        404,
        method="POST",
        data={"done": "1"},
        ok=302,
    ),
    Page(
        "meetings:ics",
        lambda c: f"/meetings/{c.held.pk}/invitation.ics",
        PAIR,
        404,
        forbidden=MANAGERS,
    ),
    # series
    Page(
        "meetings:series", lambda c: f"/meetings/series/{c.past_series.pk}/", PAIR | MANAGERS, 404
    ),
    Page(
        "meetings:series_propose",
        lambda c: f"/meetings/mentorship/{c.mentorship.pk}/series/new/",
        PAIR,
        404,
        forbidden=MANAGERS,
    ),
    Page(
        "meetings:series_propose",
        lambda c: f"/meetings/mentorship/{c.mentorship.pk}/series/new/",
        PAIR,
        404,
        forbidden=MANAGERS,
        method="POST",
        data=_series_form,
        ok=302,
    ),
    Page(
        "meetings:series_answer",
        lambda c: f"/meetings/series/{c.past_series.pk}/answer/",
        PAIR,
        404,
        forbidden=MANAGERS,
        method="POST",
        data=lambda c, me: {"answer": "stop", "after": _series_stop_day(c)},
        ok=302,
    ),
    Page(
        "meetings:series_answer",
        lambda c: f"/meetings/series/{c.mutual_series.pk}/answer/",
        PEER,
        404,
        forbidden=MANAGERS,
        method="POST",
        data={"answer": "accept"},
        ok=302,
    ),
    Page(
        "meetings:series_ics",
        lambda c: f"/meetings/series/{c.past_series.pk}/invitation.ics",
        PAIR,
        404,
        forbidden=MANAGERS,
    ),
    # reminders and the calendar feed
    Page("meetings:preferences", lambda c: "/meetings/preferences/", EVERYONE),
    Page(
        "meetings:preferences",
        lambda c: "/meetings/preferences/",
        EVERYONE,
        method="POST",
        data=PREFERENCES,
        ok=302,
    ),
    Page(
        "meetings:feed_reset",
        lambda c: "/meetings/preferences/calendar/reset/",
        EVERYONE,
        method="POST",
        ok=302,
    ),
    # The secret URL is the key (calendar apps cannot sign in): whoever holds it reads the
    # mentee's calendar; a forged secret opens nothing, for anyone.
    Page("meetings:feed", lambda c: f"/meetings/calendar/{c.feed_token}.ics", ALL),
    Page(
        "meetings:feed",
        lambda c: f"/meetings/calendar/{c.feed_public_id}-{'0' * 32}.ics",
        ALL,
        ok=404,
    ),
]

API = [
    Api("GET /api/v1/meetings/", lambda c: "/api/v1/meetings/", EVERYONE, 404),
    Api(
        "POST /api/v1/meetings/",
        lambda c: "/api/v1/meetings/",
        PAIR,
        404,
        forbidden=MANAGERS,
        data=lambda c, me: {
            "mentorship_id": c.mentorship.pk,
            "date": _day(10),
            "time": "10:00",
            "mode": "virtual",
            "video_url": "https://meet.example.com/new",
        },
        ok=201,
    ),
    Api(
        "GET /api/v1/meetings/{meeting_id}",
        lambda c: f"/api/v1/meetings/{c.held.pk}",
        PAIR | MANAGERS,
        404,
    ),
    Api(
        "GET /api/v1/meetings/{meeting_id}",
        lambda c: f"/api/v1/meetings/{c.mutual_proposed.pk}",
        PEER | MANAGERS,
        404,
    ),
    Api(
        "PATCH /api/v1/meetings/{meeting_id}",
        lambda c: f"/api/v1/meetings/{c.proposed.pk}",
        PAIR,
        404,
        forbidden=MANAGERS,
        data={"mode": "in_person", "location": "Room 4.12"},
    ),
    Api(
        "POST /api/v1/meetings/{meeting_id}/accept",
        lambda c: f"/api/v1/meetings/{c.proposed.pk}/accept",
        MENTOR,
        404,
        forbidden=MANAGERS | {"mentee"},
    ),
    Api(
        "POST /api/v1/meetings/{meeting_id}/accept",
        lambda c: f"/api/v1/meetings/{c.mutual_proposed.pk}/accept",
        PEER,
        404,
        forbidden=MANAGERS,
    ),
    Api(
        "POST /api/v1/meetings/{meeting_id}/counter",
        lambda c: f"/api/v1/meetings/{c.proposed.pk}/counter",
        MENTOR,
        404,
        forbidden=MANAGERS | {"mentee"},
        data=lambda c, me: {"date": _day(12), "time": "11:00"},
    ),
    Api(
        "POST /api/v1/meetings/{meeting_id}/move",
        lambda c: f"/api/v1/meetings/{c.proposed.pk}/move",
        PAIR,
        404,
        forbidden=MANAGERS,
        data=lambda c, me: {"date": _day(12), "time": "11:00"},
    ),
    Api(
        "POST /api/v1/meetings/{meeting_id}/cancel",
        lambda c: f"/api/v1/meetings/{c.proposed.pk}/cancel",
        PAIR,
        404,
        forbidden=MANAGERS,
        data={"reason": "Something urgent came up"},
    ),
    Api(
        "PUT /api/v1/meetings/{meeting_id}/attendance",
        lambda c: f"/api/v1/meetings/{c.held.pk}/attendance",
        PAIR,
        404,
        forbidden=MANAGERS,
        data=lambda c, me: {
            "held": True,
            "arrivals": {str(c.mentor.pk): "on_time", str(c.mentee.pk): "late"},
        },
    ),
    Api(
        "GET /api/v1/meetings/{meeting_id}/shared-notes",
        lambda c: f"/api/v1/meetings/{c.held.pk}/shared-notes",
        PAIR,
        404,
        forbidden=MANAGERS,
    ),
    Api(
        "PUT /api/v1/meetings/{meeting_id}/shared-notes",
        lambda c: f"/api/v1/meetings/{c.held.pk}/shared-notes",
        PAIR,
        404,
        forbidden=MANAGERS,
        data={"text": "We met and talked.", "version": 1},
    ),
    Api(
        "GET /api/v1/meetings/{meeting_id}/private-notes",
        lambda c: f"/api/v1/meetings/{c.held.pk}/private-notes",
        PAIR,
        404,
        forbidden=MANAGERS,
    ),
    Api(
        "PUT /api/v1/meetings/{meeting_id}/private-notes",
        lambda c: f"/api/v1/meetings/{c.held.pk}/private-notes",
        PAIR,
        404,
        forbidden=MANAGERS,
        data={"text": "A note for myself."},
    ),
    # action items: content, the pair's alone
    Api(
        "GET /api/v1/meetings/action-items",
        lambda c: "/api/v1/meetings/action-items",
        EVERYONE,
        404,
    ),
    Api(
        "POST /api/v1/meetings/action-items",
        lambda c: "/api/v1/meetings/action-items",
        PAIR,
        404,
        forbidden=MANAGERS,
        data=lambda c, me: {
            "mentorship_id": c.mentorship.pk,
            "title": "Book the room",
            "owner_id": c.mentor.pk,
            "due_on": _day(7),
            "meeting_id": c.held.pk,
        },
        ok=201,
    ),
    Api(
        "PATCH /api/v1/meetings/action-items/{item_id}",
        lambda c: f"/api/v1/meetings/action-items/{c.item.pk}",
        PAIR,
        404,
        data={"done": True},
    ),
    # series
    Api("GET /api/v1/meetings/series", lambda c: "/api/v1/meetings/series", EVERYONE, 404),
    Api(
        "POST /api/v1/meetings/series",
        lambda c: "/api/v1/meetings/series",
        PAIR,
        404,
        forbidden=MANAGERS,
        data=lambda c, me: {
            "mentorship_id": c.mentorship.pk,
            "date": _day(10),
            "time": "09:00",
            "mode": "virtual",
            "video_url": "https://meet.example.com/series",
            "until": _day(120),
        },
        ok=201,
    ),
    Api(
        "GET /api/v1/meetings/series/{series_id}",
        lambda c: f"/api/v1/meetings/series/{c.past_series.pk}",
        PAIR | MANAGERS,
        404,
    ),
    Api(
        "POST /api/v1/meetings/series/{series_id}/accept",
        lambda c: f"/api/v1/meetings/series/{c.mutual_series.pk}/accept",
        PEER,
        404,
        forbidden=MANAGERS,
    ),
    Api(
        "POST /api/v1/meetings/series/{series_id}/decline",
        lambda c: f"/api/v1/meetings/series/{c.mutual_series.pk}/decline",
        PEER,
        404,
        forbidden=MANAGERS,
        data={"reason": "Thursdays do not work for me"},
    ),
    Api(
        "POST /api/v1/meetings/series/{series_id}/stop",
        lambda c: f"/api/v1/meetings/series/{c.past_series.pk}/stop",
        PAIR,
        404,
        forbidden=MANAGERS,
        data=lambda c, me: {"after": _series_stop_day(c)},
    ),
    # my reminder preferences
    Api(
        "GET /api/v1/meetings/preferences", lambda c: "/api/v1/meetings/preferences", EVERYONE, 404
    ),
    Api(
        "PUT /api/v1/meetings/preferences",
        lambda c: "/api/v1/meetings/preferences",
        EVERYONE,
        404,
        data={"day_before": False, "calendar_alarm_minutes": 30},
    ),
]
