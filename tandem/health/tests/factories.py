"""Check-in histories for tests: built through the services where the rules matter, or by
hand (unsaved) for the health-score signals, which never touch the database."""

import datetime

from django.utils import timezone

from tandem.health.models import CheckIn, CheckInStatus, HealthSettings
from tandem.health.score import PairHistory
from tandem.mentorships.models import Mentorship, MentorshipKind
from tandem.people.models import User

NOW = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)
MARIA, THEO = 1, 2


def days_ago(days: float, now: datetime.datetime = NOW) -> datetime.datetime:
    return now - datetime.timedelta(days=days)


def pair_history(*, activity_days_ago: float | None = 3, settings=None, now=NOW) -> PairHistory:
    """Maria mentors Theo; nothing answered yet; some activity `activity_days_ago`."""
    maria = User(pk=MARIA, first_name="Maria", last_name="Mentor", email="m@example.com")
    theo = User(pk=THEO, first_name="Theo", last_name="Mentee", email="t@example.com")
    mentorship = Mentorship(
        pk=1,
        kind=MentorshipKind.ONE_WAY,
        mentor=maria,
        mentee=theo,
        status="active",
        started_at=now - datetime.timedelta(days=200),
    )
    history = PairHistory(
        mentorship=mentorship, settings=settings or HealthSettings(program_id=1), now=now
    )
    if activity_days_ago is not None:
        history.activity["a status change"] = days_ago(activity_days_ago, now)
    return history


def answered(
    side: int,
    round: int,
    *,
    ratings=(4, 4, 4, 4, 4),
    good_fit=None,
    days_ago_answered: float = 5,
    now=NOW,
) -> CheckIn:
    """An answered check-in (unsaved). `ratings`: engagement, flexibility, authenticity,
    reciprocity, satisfaction."""
    engagement, flexibility, authenticity, reciprocity, satisfaction = ratings
    return CheckIn(
        mentorship_id=1,
        respondent_id=side,
        round=round,
        due_on=(now - datetime.timedelta(days=days_ago_answered + 2)).date(),
        status=CheckInStatus.ANSWERED,
        opened_at=days_ago(days_ago_answered + 2, now),
        answered_at=days_ago(days_ago_answered, now),
        engagement=engagement,
        flexibility=flexibility,
        authenticity=authenticity,
        reciprocity=reciprocity,
        satisfaction=satisfaction,
        good_fit=good_fit,
    )


def unanswered(side: int, round: int, *, opened_days_ago: float, closed=False, now=NOW) -> CheckIn:
    return CheckIn(
        mentorship_id=1,
        respondent_id=side,
        round=round,
        due_on=(now - datetime.timedelta(days=opened_days_ago)).date(),
        status=CheckInStatus.CLOSED if closed else CheckInStatus.OPEN,
        opened_at=days_ago(opened_days_ago, now),
    )


def open_round(mentorship, round: int = 1, *, opened_at=None) -> list[CheckIn]:
    """Open a round of check-ins (saved) for both sides of a mentorship."""
    opened_at = opened_at or timezone.now()
    return [
        CheckIn.objects.create(
            mentorship=mentorship,
            respondent=person,
            round=round,
            due_on=opened_at.date(),
            opened_at=opened_at,
            notified_at=opened_at,
        )
        for person in mentorship.people()
    ]


RATINGS_OK = {
    "engagement": 4,
    "flexibility": 4,
    "authenticity": 5,
    "reciprocity": 4,
    "satisfaction": 4,
}
