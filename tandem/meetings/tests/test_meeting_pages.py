"""Every meetings page for every role: the pair works; the program's admins see that meetings
happened (404 for nobody else, 403 where admins may look but not act); private notes are read by
their author alone, notes and agendas never by an admin."""

import datetime

import pytest
from django.urls import reverse

from tandem.meetings import services
from tandem.meetings.models import PrivateNote, SharedNote
from tandem.tests.roles import ROLES

from .factories import make_meeting

pytestmark = pytest.mark.django_db

PAIR = {"mentor", "mentee"}
ADMINS = {"program_manager", "program_admin", "superuser"}
MUTUAL_PAIR = {"peer"}
MUTUAL_ADMINS = {"program_manager", "program_admin", "superuser"}


def _expected(role, workers, lookers=frozenset()):
    if role == "anonymous":
        return 302
    if role in workers:
        return 200
    return 403 if role in lookers else 404


@pytest.fixture
def upcoming(pair, now, mentor):
    meeting = make_meeting(
        pair,
        now + datetime.timedelta(days=6),
        agenda="AGENDA-TEXT",
        mode="in_person",
        location="LOCATION-TEXT",
        video_url="",
    )
    services.shared_note_save(meeting=meeting, by=mentor, text="SHARED-TEXT", version=0)
    services.private_note_save(meeting=meeting, by=mentor, text="MENTOR-PRIVATE")
    return meeting


@pytest.fixture
def held(pair, now, mentee, mentor):
    meeting = make_meeting(pair, now - datetime.timedelta(days=1))
    services.private_note_save(meeting=meeting, by=mentee, text="MENTEE-PRIVATE")
    return meeting


@pytest.fixture
def series(pair, mentee, mentor):
    series = services.series_propose(
        mentorship=pair,
        by=mentee,
        first_day=datetime.date(2026, 12, 1),
        at=datetime.time(9),
        mode="virtual",
        video_url="https://meet.example.com/s",
    )
    return services.series_accept(series=series, by=mentor)


# --- pages anyone who may see the meetings may open -------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_meetings_of_a_mentorship(role, as_role, pair, upcoming, held):
    response = as_role(role).get(reverse("meetings:list", args=[pair.pk]))
    assert response.status_code == _expected(role, PAIR | ADMINS)


@pytest.mark.parametrize("role", ROLES)
def test_meetings_of_a_mutual_mentorship(role, as_role, mutual_pair):
    make_meeting(mutual_pair, datetime.datetime(2026, 12, 2, 9, tzinfo=datetime.UTC))
    response = as_role(role).get(reverse("meetings:list", args=[mutual_pair.pk]))
    assert response.status_code == _expected(role, MUTUAL_PAIR | MUTUAL_ADMINS)


@pytest.mark.parametrize("role", ROLES)
def test_one_meeting(role, as_role, upcoming):
    response = as_role(role).get(upcoming.get_absolute_url())
    assert response.status_code == _expected(role, PAIR | ADMINS)


@pytest.mark.parametrize("role", ROLES)
def test_one_meeting_of_a_mutual_mentorship(role, as_role, mutual_pair):
    meeting = make_meeting(mutual_pair, datetime.datetime(2026, 12, 2, 9, tzinfo=datetime.UTC))
    response = as_role(role).get(meeting.get_absolute_url())
    assert response.status_code == _expected(role, MUTUAL_PAIR | MUTUAL_ADMINS)


@pytest.mark.parametrize("role", ROLES)
def test_a_series(role, as_role, series):
    response = as_role(role).get(series.get_absolute_url())
    assert response.status_code == _expected(role, PAIR | ADMINS)


# --- pages of the pair only -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["meetings:propose", "meetings:series_propose"])
def test_scheduling_pages(role, name, as_role, pair):
    response = as_role(role).get(reverse(name, args=[pair.pk]))
    assert response.status_code == _expected(role, PAIR, ADMINS)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["meetings:reschedule", "meetings:edit", "meetings:cancel"])
def test_pages_changing_a_meeting(role, name, as_role, upcoming):
    response = as_role(role).get(reverse(name, args=[upcoming.pk]))
    assert response.status_code == _expected(role, PAIR, ADMINS)


@pytest.mark.parametrize("role", ROLES)
def test_the_invitation_download(role, as_role, upcoming):
    response = as_role(role).get(reverse("meetings:ics", args=[upcoming.pk]))
    assert response.status_code == _expected(role, PAIR, ADMINS)
    if response.status_code == 200:
        assert response["Content-Disposition"].endswith('.ics"')


@pytest.mark.parametrize("role", ROLES)
def test_the_series_download(role, as_role, series):
    response = as_role(role).get(reverse("meetings:series_ics", args=[series.pk]))
    assert response.status_code == _expected(role, PAIR, ADMINS)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["meetings:mine", "meetings:preferences"])
def test_personal_pages(role, name, as_role, pair):
    assert as_role(role).get(reverse(name)).status_code == _expected(role, set(ROLES))


# --- writing: the pair only -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_writing_shared_notes(role, as_role, upcoming):
    response = as_role(role).post(
        reverse("meetings:shared_notes", args=[upcoming.pk]),
        {"shared-text": "by " + role, "shared-version": 1},
    )
    note = SharedNote.objects.get(meeting=upcoming)
    if role in PAIR:
        assert response.status_code == 302 and note.text == "by " + role
    else:
        assert response.status_code == _expected(role, set(), ADMINS)
        assert note.text == "SHARED-TEXT"


@pytest.mark.parametrize("role", ROLES)
def test_writing_private_notes(role, as_role, upcoming):
    response = as_role(role).post(
        reverse("meetings:private_notes", args=[upcoming.pk]), {"private-text": "mine, " + role}
    )
    if role in PAIR:
        assert response.status_code == 302
        assert PrivateNote.objects.get(meeting=upcoming, author__email=f"{role}@example.com")
    else:
        assert response.status_code == _expected(role, set(), ADMINS)
        assert PrivateNote.objects.filter(meeting=upcoming).count() == 1  # the mentor's


@pytest.mark.parametrize("role", ROLES)
def test_recording_attendance(role, as_role, held, pair):
    data = {"held": "yes", f"arrival_{pair.mentor_id}": "on_time"}
    data[f"arrival_{pair.mentee_id}"] = "late"
    response = as_role(role).post(reverse("meetings:attendance", args=[held.pk]), data)
    held.refresh_from_db()
    if role in PAIR:
        assert response.status_code == 302 and held.outcome == "held"
    else:
        assert response.status_code == _expected(role, set(), ADMINS)
        assert held.outcome == "unmarked"


@pytest.mark.parametrize("role", ROLES)
def test_cancelling(role, as_role, upcoming):
    response = as_role(role).post(
        reverse("meetings:cancel", args=[upcoming.pk]), {"reason": "Called away"}
    )
    upcoming.refresh_from_db()
    if role in PAIR:
        assert response.status_code == 302 and upcoming.status == "cancelled"
    else:
        assert response.status_code == _expected(role, set(), ADMINS)
        assert upcoming.status == "confirmed"


# --- what each role reads -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_who_reads_what_on_a_meeting_page(role, as_role, upcoming, held):
    client = as_role(role)
    pages = "".join(
        client.get(url).content.decode()
        for url in (
            upcoming.get_absolute_url(),
            held.get_absolute_url(),
            reverse("meetings:list", args=[upcoming.mentorship_id]),
        )
    )
    assert ("MENTOR-PRIVATE" in pages) == (role == "mentor")
    assert ("MENTEE-PRIVATE" in pages) == (role == "mentee")
    for content in ("SHARED-TEXT", "AGENDA-TEXT", "LOCATION-TEXT"):
        assert (content in pages) == (role in PAIR), content
    if role in ADMINS:
        assert "Confirmed" in pages  # admins do see that meetings happen


def test_admins_see_who_cancelled_and_how_late_but_not_why(as_role, upcoming, mentee):
    services.meeting_cancel(meeting=upcoming, by=mentee, reason="REASON-TEXT")
    page = as_role("program_manager").get(upcoming.get_absolute_url()).content.decode()
    assert "by Theo Mentee" in page and "6 days before" in page
    assert "REASON-TEXT" not in page
    partner = as_role("mentor").get(upcoming.get_absolute_url()).content.decode()
    assert "REASON-TEXT" in partner


def test_each_partner_sees_the_time_on_both_clocks(as_role, upcoming):
    page = as_role("mentee").get(upcoming.get_absolute_url()).content.decode()
    # 1 December, 09:00 UTC: 10:00 in Paris, 04:00 in New York.
    assert "Maria Mentor: Tue 1 Dec, 10:00" in page
    assert "Theo Mentee: Tue 1 Dec, 04:00" in page


@pytest.mark.parametrize("role", ROLES)
def test_the_calendar_feed(role, as_role, upcoming, mentee):
    """The secret URL is the key (calendar apps sign in as nobody): whoever holds the mentee's
    URL reads the mentee's feed, a forged one opens nothing, and each person's own feed holds
    their meetings only."""
    client = as_role(role)
    feed = services.calendar_feed_for(person=mentee)
    token = services.calendar_feed_token(feed)
    assert client.get(reverse("meetings:feed", args=[token])).status_code == 200
    forged = token[:-4] + ("0000" if not token.endswith("0000") else "1111")
    assert client.get(reverse("meetings:feed", args=[forged])).status_code == 404
    if role == "anonymous":
        return
    own = services.calendar_feed_token(
        services.calendar_feed_for(person=client.get(reverse("meetings:mine")).wsgi_request.user)
    )
    body = client.get(reverse("meetings:feed", args=[own])).content.decode()
    assert (f"tandem-meeting-{upcoming.pk}@" in body) == (role in PAIR)
    assert "MENTOR-PRIVATE" not in body and "SHARED-TEXT" not in body
