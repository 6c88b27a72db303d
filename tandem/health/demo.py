"""The health part of the demo: for every mentorship that has begun, months of check-ins at
its program's cadence, feedback and introductions, then the scores and risks they make. It runs
after the meetings and growth steps and reads what they made: the first check-in opens after a
pair's first meeting held, and the pairs whose meetings stopped weeks ago are the ones whose
check-ins fall or go quiet, so the at-risk list gives meeting-based reasons that agree with
the ratings.

Most pairs thrive, some are steady, a few drift (ratings fall, one side goes quiet, or the
first check-in says "not a good fit"), so the at-risk list and the dashboards show something
real. Deterministic for a seed: each pair's story is drawn from a generator seeded with the
seed and the two people's e-mail addresses, whatever other mentorships exist."""

import datetime
import random

from django.db import transaction
from django.db.models import Max, Min

from tandem.health.models import (
    QUALITIES,
    CheckIn,
    CheckInStatus,
    Feedback,
    HealthSettings,
    Introduction,
    started_on,
)
from tandem.health.services import health_recompute
from tandem.meetings.models import Outcome
from tandem.mentorships.models import Mentorship, MentorshipStatus
from tandem.people.demo import MENTEE_EMAIL, MENTOR_EMAIL
from tandem.people.models import User

# (story, weight): how a pair's ratings go round after round.
STORIES = [("thriving", 55), ("steady", 22), ("falling", 12), ("poor_fit", 5), ("silent", 6)]

LEARNED = [
    "How to ask for help without feeling I am wasting someone's time.",
    "A fresh view on how our customers actually use the product.",
    "That explaining my work to someone new shows me where I am unclear.",
    "How the planning process really works, and who decides what.",
    "Patience: letting someone find the answer instead of giving it.",
    "New shortcuts and tools I had never tried.",
    "How differently another team thinks about deadlines.",
    "To write shorter, clearer messages to senior people.",
]
COMMENTS = [
    "Our conversations are the most useful hour of my month.",
    "We had to move a couple of meetings, but we are back on track.",
    "I'd like us to set clearer goals for the next period.",
    "Really grateful for the introductions so far.",
    "Busy quarter; we should protect our time together.",
    "We are drifting a bit; I am not sure what we are working on.",
]
FEEDBACK = [
    (
        "You listen before you advise; that helped me think it through myself.",
        "Could we end each meeting with one concrete next step?",
    ),
    (
        "Your questions were sharp and you came prepared.",
        "Tell me earlier when something is blocking you.",
    ),
    (
        "The walkthrough of the release process saved me days.",
        "I'd love more examples from your own mistakes.",
    ),
    (
        "Thank you for being candid about the promotion process.",
        "Let's keep our meetings to the agreed length.",
    ),
]
PURPOSES = [
    "Knows the billing system inside out; can explain the history.",
    "Leads the data platform team: a good person to learn SQL practices from.",
    "Moved from support to product last year, as you hope to.",
    "Runs the internal speakers' club: practice for your first presentation.",
    "Ex-colleague who built a mentoring circle at her company.",
    "Recruiter who can explain how senior roles are assessed.",
]
OUTSIDE = [
    ("Ada Okafor", "City Data Lab"),
    ("Jonas Weber", "Berlin Product Guild"),
    ("Priya Raman", "Women in Tech Bangalore"),
    ("Lucas Moreau", "Open Source Paris"),
    ("Sofia Lima", "UX São Paulo"),
]
OUTCOMES = [
    "We had coffee; she invited me to their monthly review.",
    "Two calls so far, very useful for my project.",
    "He reviewed my CV and gave honest advice.",
    "Joined their community; met three people working on the same problems.",
]


def step(*, seed: int, today: datetime.date) -> str:
    """The DEMO_STEPS entry (see seed_demo)."""
    return HealthDemo(seed=seed, today=today).build()


class HealthDemo:
    def __init__(self, *, seed: int, today: datetime.date):
        self.seed, self.today = seed, today
        self.now = _at(today, 17)
        self.colleagues = list(User.objects.filter(is_active=True).order_by("email"))
        self.counts = {"checkins": 0, "feedback": 0, "introductions": 0, "pairs": 0}

    @transaction.atomic
    def build(self) -> str:
        mentorships = (
            Mentorship.objects.filter(started_at__isnull=False)
            .exclude(checkins__isnull=False)
            .select_related("program", "mentor", "mentee")
            .order_by("program__slug", "mentor__email", "mentee__email")
        )
        for mentorship in mentorships:
            self.pair(mentorship)
        summary = health_recompute(now=self.now)
        return (
            f"Health: {self.counts['checkins']} check-ins over {self.counts['pairs']} "
            f"mentorships, {self.counts['feedback']} feedback, {self.counts['introductions']} "
            f"introductions; {summary['scored']} scored, {summary['opened']} risks open."
        )

    def pair(self, mentorship: Mentorship) -> None:
        rng = random.Random(f"{self.seed}:{mentorship.mentor.email}:{mentorship.mentee.email}")
        story = rng.choices([s for s, _ in STORIES], [w for _, w in STORIES])[0]
        met = mentorship.meetings.filter(outcome=Outcome.HELD).aggregate(
            first=Min("starts_at"), last=Max("starts_at")
        )
        if self._stopped_meeting(mentorship, met["last"]):
            story = "falling" if rng.random() < 0.6 else "silent"
        if {mentorship.mentor.email, mentorship.mentee.email} & {MENTOR_EMAIL, MENTEE_EMAIL}:
            story = "thriving"  # the demo logins meet a pair that works
        until = self._until(mentorship)
        first_met = met["first"].date() if met["first"] else None
        checkins = self._checkins(mentorship, rng, story, until, first_met)
        CheckIn.objects.bulk_create(checkins)
        feedback = self._feedback(mentorship, rng, story, until)
        Feedback.objects.bulk_create(feedback)
        introductions = self._introductions(mentorship, rng, story, until)
        Introduction.objects.bulk_create(introductions)
        self.counts["pairs"] += 1
        self.counts["checkins"] += len(checkins)
        self.counts["feedback"] += len(feedback)
        self.counts["introductions"] += len(introductions)

    def _stopped_meeting(self, mentorship: Mentorship, last_held) -> bool:
        """An active pair that has not met for four weeks (the meetings step drifts a few)."""
        if mentorship.status != MentorshipStatus.ACTIVE:
            return False
        since = last_held or mentorship.started_at
        return (self.now - since).days >= 28

    def _until(self, mentorship: Mentorship) -> datetime.date:
        if mentorship.ended_at is not None:
            return min(self.today, mentorship.ended_at.date())
        return self.today

    # --- check-ins ---------------------------------------------------------------------

    def _checkins(self, mentorship, rng, story, until, first_met) -> list[CheckIn]:
        """The rounds as the worker would have opened them: the first after the first meeting
        held (or at the program's first_check_in_days), then at the program's rhythm."""
        cadence = HealthSettings.for_program(mentorship.program)
        began = started_on(mentorship)
        last = cadence.current_round(began, until)
        if last == 0 and first_met is not None and first_met <= until:
            last = 1
        rows = []
        for round_number in range(1, last + 1):
            due_on = cadence.round_due_on(began, round_number)
            if round_number == 1 and first_met is not None:
                due_on = min(due_on, first_met)
            current = round_number == last and mentorship.status == MentorshipStatus.ACTIVE
            for person in mentorship.people():
                rows.append(
                    self._checkin(mentorship, person, round_number, due_on, rng, story, current)
                )
        return rows

    def _checkin(self, mentorship, person, round_number, due_on, rng, story, current):
        opened_at = _at(due_on, 9)
        checkin = CheckIn(
            mentorship=mentorship,
            respondent=person,
            round=round_number,
            due_on=due_on,
            opened_at=opened_at,
            notified_at=opened_at,
        )
        answered_at = opened_at + datetime.timedelta(
            days=rng.randint(0, 6), hours=rng.randint(1, 8)
        )
        if not self._answers(rng, story, round_number) or answered_at > self.now:
            demo_login = person.email in (MENTOR_EMAIL, MENTEE_EMAIL)
            if current:
                # The worker announces the demo logins' open check-in; the others were told.
                checkin.notified_at = None if demo_login else opened_at
            else:
                checkin.status, checkin.closed_at = CheckInStatus.CLOSED, opened_at
            return checkin
        self._fill(checkin, rng, story, round_number, mentorship.is_growing(person))
        checkin.status, checkin.answered_at = CheckInStatus.ANSWERED, answered_at
        return checkin

    @staticmethod
    def _answers(rng, story: str, round_number: int) -> bool:
        if story == "silent":
            return round_number == 1
        if story == "falling":
            return rng.random() < (0.95 if round_number < 3 else 0.6)
        return rng.random() < (0.97 if story == "thriving" else 0.88)

    @staticmethod
    def _fill(checkin, rng, story, round_number, growing) -> None:
        mean = {"thriving": 4.5, "steady": 3.9, "poor_fit": 2.6, "silent": 3.4}.get(story, 4.5)
        if story == "falling":
            mean = max(1.6, 4.6 - 0.9 * (round_number - 1))
        for name in (*QUALITIES, "satisfaction"):
            setattr(checkin, name, max(1, min(5, round(rng.gauss(mean, 0.55)))))
        if checkin.round == 1:
            checkin.good_fit = not (story == "poor_fit" and growing)
        if rng.random() < 0.8:
            checkin.learned = rng.choice(LEARNED)
        if rng.random() < 0.5:
            checkin.comment = rng.choice(COMMENTS[3:] if mean < 3.5 else COMMENTS[:4])
            checkin.share_comment = rng.random() < 0.6

    # --- feedback and introductions ----------------------------------------------------

    def _feedback(self, mentorship, rng, story, until) -> list[Feedback]:
        rows = []
        count = {"thriving": 3, "steady": 2, "falling": 1}.get(story, 0)
        for _ in range(rng.randint(0, count)):
            author = rng.choice(mentorship.people())
            went_well, differently = rng.choice(FEEDBACK)
            rows.append(
                Feedback(
                    mentorship=mentorship,
                    author=author,
                    recipient=mentorship.partner_of(author),
                    went_well=went_well,
                    do_differently=differently if rng.random() < 0.7 else "",
                    created_at=self._moment(mentorship, rng, until),
                )
            )
        return rows

    def _introductions(self, mentorship, rng, story, until) -> list[Introduction]:
        rows = []
        count = {"thriving": 3, "steady": 2, "falling": 1}.get(story, 0)
        pair = {mentorship.mentor_id, mentorship.mentee_id}
        for _ in range(rng.randint(0, count)):
            made_by = rng.choice(mentorship.people()) if mentorship.is_mutual else mentorship.mentor
            made_at = self._moment(mentorship, rng, until)
            introduction = Introduction(
                mentorship=mentorship,
                made_by=made_by,
                made_for=mentorship.partner_of(made_by),
                purpose=rng.choice(PURPOSES),
                made_on=made_at.date(),
                created_at=made_at,
            )
            colleague = rng.choice(self.colleagues) if self.colleagues else None
            if colleague is not None and colleague.pk not in pair and rng.random() < 0.6:
                introduction.contact = colleague
            else:
                introduction.contact_name, introduction.contact_organisation = rng.choice(OUTSIDE)
            if rng.random() < 0.5:
                introduction.outcome = rng.choice(OUTCOMES)
                introduction.outcome_at = min(self.now, made_at + datetime.timedelta(days=14))
            rows.append(introduction)
        return rows

    def _moment(self, mentorship, rng, until: datetime.date) -> datetime.datetime:
        began = started_on(mentorship)
        span = max(1, (until - began).days)
        day = began + datetime.timedelta(days=rng.randint(min(7, span), span))
        return _at(min(day, self.today), rng.randint(9, 16))


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)
