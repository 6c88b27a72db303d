"""The health score of an active mentorship: a number from 0 to 100 made of named **signals**,
each explained in plain words. No black box: the admin sees every signal's effect and reason.

    score = clamp(100 + sum(signal.points for every signal), 0, 100)

A healthy pair loses nothing and scores 100; each signal deducts points for what worries it
(and may add some back). A pair is **at risk** when its score is below the program's threshold
(`HealthSettings.threshold`: the program's own, else `settings.HEALTH_AT_RISK_BELOW`, 50) or
when any signal raises a **red flag**, whatever the score.

The signal contract
-------------------
A signal is a function `signal(history: PairHistory) -> Signal | None`, listed in `SIGNALS`:

- It reads only `history` (a mentorship's data, loaded in bulk for a batch of mentorships
  before any signal runs) and never queries the database: the periodic job scores thousands
  of pairs with a handful of queries.
- It returns None when it has nothing to say (no data of its kind yet); otherwise a `Signal`:
  `key` (stable and unique: it names the risk its red flag opens), `label` (a few words),
  `points` (its contribution: negative deducts, 0 when all is well), `reason` (plain words an
  admin reads: "engagement fell from 4.5 to 2.5 over the last two check-ins") and `red_flag`
  (True puts the pair on the at-risk list on its own).
- It is deterministic for a history and its `history.now`; tests build histories by hand.

To add a signal (the meetings and goals signals will be added this way): write the function,
append it to `SIGNALS`; if it needs data the history does not have, append a loader to `LOADERS`
(`loader(histories: dict[mentorship_id, PairHistory]) -> None`, filling `history.data[<name>]`
for the whole batch, one or two queries); if some new record counts as the pair's activity
(a meeting held…), append an `ActivitySource` to `ACTIVITY_SOURCES`. Nothing else changes: the
score, the at-risk list, the notifications and the explanations pick new signals up.

The signals today
-----------------
Check-ins (the pair's own words, through the program's cadence):

- `checkin_ratings` — each side's latest answered check-in: the mean m of its five ratings,
  averaged over the sides, deducts 15 × (4 − m) when m < 4 (m = 3: −15; m = 1: −45).
  Red flag: a side rated overall satisfaction 1 or 2.
- `checkin_trend` — the two latest rounds anyone answered, for the sides that answered both:
  the rating that fell most, by d points, deducts 10 × d when d ≥ 1 (at most −20).
  Red flag: d ≥ 1.5.
- `good_fit` — the first check-in's "is this a good fit?": a "no" from either side deducts 30.
  Red flag: any "no".
- `checkins_answered` — the check-ins of the two latest rounds: each overdue one (open past
  the program's reminder delay, or closed unanswered) deducts 10 (at most −30).
  Red flag: both sides overdue in the latest round.

Meetings (tandem.meetings.selectors.meeting_signals_for, over the last 12 weeks, against the
rhythm of the latest agreement both signed; no signed agreement, no meeting signal):

- `meeting_rhythm` — meetings held (or over and not recorded yet: most of those took place)
  against the meetings the agreement called for while the pair was active in the window,
  once at least one was due: r = held / expected (at most 1); r ≥ 0.75 costs nothing, below
  that it deducts 40 × (0.75 − r) (none held: −30).
- `cancellations` — meetings both had agreed to and one called off, in the window: each beyond
  the first deducts 5, and each with under 24 hours' notice 5 more (at most −20); the reason
  says who cancelled. Red flag: one person called off 3 or more.
- `punctuality` — meetings over in the window: each late arrival beyond the first deducts 3,
  each absence 8 (at most −20); the reason says who.
- `last_meeting` — days d since the last meeting held (or, none yet, since the mentorship
  began) against the agreed interval f (7, 14 or 30 days): nothing while d ≤ f + 7, then
  10 × (d − f − 7) / f (at most −30). Red flag: d ≥ 2.5 × f and at least 4 weeks ("no meeting
  for 5 weeks against a fortnightly agreement").

Goals (tandem.growth: the goals set in this mentorship, counts only, never their words):

- `goal_progress` — no goal set 45 days or more after the mentorship began deducts 10; each
  goal in progress past its target date deducts 5 (at most −15). Reached goals are named in
  the reason and cost nothing.

Activity:

- `recent_activity` — the latest activity of any source: nothing within 30 days, then 1 point
  per 2 quiet days (at most −30). Red flag: 90 days or more without activity.

Activity sources today: check-ins answered, feedback given, introductions recorded and their
outcomes, agreement versions written and signed, lifecycle transitions, meetings held, goals
set and goal updates (progress, comments, milestones, reached).

`EXPLAINED` says the same in plain words for the admin's "How the health score works" page;
a test checks that every signal has its explanation.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from statistics import mean
from typing import Any

from django.db.models import Avg, Count, Max, Q, QuerySet
from django.utils import timezone

from tandem.growth.models import Goal, GoalStatus, GoalUpdate
from tandem.growth.reports import GoalCounts
from tandem.health.models import (
    RATING_LABELS,
    RATINGS,
    CheckIn,
    CheckInStatus,
    Feedback,
    HealthSettings,
    Introduction,
)
from tandem.meetings.models import Meeting, Outcome
from tandem.meetings.selectors import MeetingSignals, meeting_signals_for
from tandem.mentorships.models import (
    Agreement,
    AgreementSignature,
    Mentorship,
    MentorshipEvent,
)

HEALTHY_FROM = 75  # a band for people, not a rule: the at-risk line is the program's threshold


@dataclass(frozen=True)
class Signal:
    key: str
    label: str
    points: int
    reason: str
    red_flag: bool = False

    @property
    def effect(self) -> str:
        """The points as people write them: −12, +3, 0."""
        if self.points < 0:
            return f"−{-self.points}"
        return f"+{self.points}" if self.points else "0"


@dataclass
class PairHistory:
    """What the signals know about one mentorship (loaded in bulk by `load_histories`)."""

    mentorship: Mentorship
    settings: HealthSettings
    now: datetime.datetime
    checkins: list[CheckIn] = field(default_factory=list)
    activity: dict[str, datetime.datetime] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def today(self) -> datetime.date:
        return self.now.astimezone(datetime.UTC).date()

    def name(self, person_id: int) -> str:
        m = self.mentorship
        return str(m.mentor if person_id == m.mentor_id else m.mentee)

    def who(self, person_id: int) -> str:
        """'the mentor' / 'the mentee' in a one-way mentorship; the name between peers."""
        m = self.mentorship
        if m.is_mutual or person_id not in (m.mentor_id, m.mentee_id):
            return self.name(person_id)
        return "the mentor" if person_id == m.mentor_id else "the mentee"

    @property
    def meetings(self) -> "MeetingSignals | None":
        return self.data.get("meetings")

    @property
    def agreement(self) -> Agreement | None:
        """The latest agreement version both people signed (its rhythm is the yardstick)."""
        return self.data.get("agreement")

    @property
    def goals(self) -> GoalCounts | None:
        return self.data.get("goals")

    def answered(self) -> list[CheckIn]:
        return [c for c in self.checkins if c.status == CheckInStatus.ANSWERED]

    def latest_answers(self) -> dict[int, CheckIn]:
        """Each side's most recent answered check-in."""
        latest: dict[int, CheckIn] = {}
        for checkin in sorted(self.answered(), key=lambda c: c.round):
            latest[checkin.respondent_id] = checkin
        return latest


@dataclass
class HealthReport:
    mentorship: Mentorship
    score: int
    signals: list[Signal]
    threshold: int

    @property
    def red_flags(self) -> list[Signal]:
        return [s for s in self.signals if s.red_flag]

    @property
    def at_risk(self) -> bool:
        return self.score < self.threshold or bool(self.red_flags)

    @property
    def band(self) -> str:
        if self.at_risk:
            return "at_risk"
        return "healthy" if self.score >= HEALTHY_FROM else "watch"

    @property
    def band_label(self) -> str:
        return {"at_risk": "At risk", "healthy": "Healthy", "watch": "Worth watching"}[self.band]


# --- the signals -----------------------------------------------------------------------------


def _num(value: float) -> str:
    """4.0 → '4', 4.25 → '4.3': ratings as people write them."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def checkin_ratings(history: PairHistory) -> Signal | None:
    latest = history.latest_answers()
    if not latest:
        return None
    per_side = {side: checkin.rating_mean() for side, checkin in latest.items()}
    pair_mean = mean(per_side.values())
    points = -round(15 * (4 - pair_mean)) if pair_mean < 4 else 0
    sides = ", ".join(f"{history.name(side)} {_num(m)}" for side, m in per_side.items())
    reason = f"latest check-in ratings average {_num(pair_mean)} of 5 ({sides})"
    unhappy = [c for c in latest.values() if c.satisfaction is not None and c.satisfaction <= 2]
    for checkin in unhappy:
        reason += (
            f"; {history.name(checkin.respondent_id)} rated overall satisfaction "
            f"{checkin.satisfaction} of 5"
        )
    return Signal("checkin_ratings", "Check-in ratings", points, reason, bool(unhappy))


def checkin_trend(history: PairHistory) -> Signal | None:
    by_round: dict[int, dict[int, CheckIn]] = {}
    for checkin in history.answered():
        by_round.setdefault(checkin.round, {})[checkin.respondent_id] = checkin
    if len(by_round) < 2:
        return None
    previous, last = (by_round[r] for r in sorted(by_round)[-2:])
    sides = set(previous) & set(last)
    if not sides:
        return None
    changes = []
    for name in RATINGS:
        before = mean(getattr(previous[s], name) for s in sides)
        after = mean(getattr(last[s], name) for s in sides)
        changes.append((before - after, name, before, after))
    drop, name, before, after = max(changes)
    label = RATING_LABELS[name].lower()
    if drop >= 1:
        points = -min(20, round(10 * drop))
        reason = f"{label} fell from {_num(before)} to {_num(after)} over the last two check-ins"
        return Signal("checkin_trend", "Check-in trend", points, reason, drop >= 1.5)
    rise, name, before, after = min(changes)
    if rise <= -1:
        reason = (
            f"{RATING_LABELS[name].lower()} rose from {_num(before)} to {_num(after)} "
            "over the last two check-ins"
        )
    else:
        reason = "ratings steady over the last two check-ins"
    return Signal("checkin_trend", "Check-in trend", 0, reason)


def good_fit(history: PairHistory) -> Signal | None:
    first = [c for c in history.answered() if c.round == 1 and c.good_fit is not None]
    if not first:
        return None
    doubters = [history.name(c.respondent_id) for c in first if c.good_fit is False]
    if doubters:
        reason = f"{' and '.join(doubters)} said in the first check-in that this is not a good fit"
        return Signal("good_fit", "Good fit", -30, reason, red_flag=True)
    who = "both said" if len(first) == 2 else f"{history.name(first[0].respondent_id)} said"
    return Signal("good_fit", "Good fit", 0, f"{who} in the first check-in that it is a good fit")


def checkins_answered(history: PairHistory) -> Signal | None:
    if not history.checkins:
        return None
    rounds = sorted({c.round for c in history.checkins})[-2:]
    recent = [c for c in history.checkins if c.round in rounds]
    delay = datetime.timedelta(days=history.settings.reminder_after_days)
    overdue = [c for c in recent if _is_overdue(c, history.now, delay)]
    if not overdue:
        return Signal("checkins_answered", "Check-ins answered", 0, "check-ins answered on time")
    latest_round = [c for c in history.checkins if c.round == rounds[-1]]
    both_silent = len(latest_round) == 2 and all(c in overdue for c in latest_round)
    reason = _silence(history, overdue)
    points = -min(30, 10 * len(overdue))
    return Signal("checkins_answered", "Check-ins answered", points, reason, both_silent)


def _is_overdue(checkin: CheckIn, now: datetime.datetime, delay: datetime.timedelta) -> bool:
    if checkin.status == CheckInStatus.CLOSED:
        return True
    return checkin.status == CheckInStatus.OPEN and now - checkin.opened_at >= delay


def _silence(history: PairHistory, overdue: list[CheckIn]) -> str:
    answers = [c.answered_at for c in history.answered()]
    if answers:
        days = (history.now - max(answers)).days
        since = f"no check-in answered for {days} days"
    else:
        days = (history.today - min(c.due_on for c in history.checkins)).days
        since = f"no check-in answered since the first was due {days} days ago"
    counts: dict[int, int] = {}
    for checkin in overdue:
        counts[checkin.respondent_id] = counts.get(checkin.respondent_id, 0) + 1
    who = ", ".join(f"{history.name(side)} {n}" for side, n in counts.items())
    return f"{since}; overdue check-ins: {who}"


# --- meetings --------------------------------------------------------------------------------

MEETING_WINDOW_DAYS = 84  # the meeting signals read the last 12 weeks
NUMBERS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def _number(n: int) -> str:
    return NUMBERS[n] if 0 <= n < len(NUMBERS) else str(n)


def _count(n: int, noun: str) -> str:
    """2, 'cancellation' → 'two cancellations': counts as people write them."""
    return f"{_number(n)} {noun if n == 1 else noun + 's'}"


def _rhythm(history: PairHistory) -> tuple[MeetingSignals, Agreement] | None:
    """The meeting figures and the signed agreement they are judged against, if both exist."""
    if history.meetings is None or history.agreement is None:
        return None
    return history.meetings, history.agreement


def _agreement_words(agreement: Agreement) -> str:
    return f"a {agreement.meeting_frequency} agreement"


def meeting_rhythm(history: PairHistory) -> Signal | None:
    rhythm = _rhythm(history)
    if rhythm is None or rhythm[0].expected < 1:
        return None
    meetings, agreement = rhythm
    expected = round(meetings.expected)
    held = meetings.held + meetings.unmarked
    ratio = min(1.0, held / meetings.expected)
    points = -round(40 * (0.75 - ratio)) if ratio < 0.75 else 0
    reason = (
        f"held {held} of the {expected} meetings their {agreement.meeting_frequency} "
        "agreement called for in the last 12 weeks"
    )
    if meetings.unmarked:
        reason += f" ({meetings.unmarked} not recorded yet)"
    return Signal("meeting_rhythm", "Meetings held", points, reason)


def cancellations(history: PairHistory) -> Signal | None:
    meetings = history.meetings
    if meetings is None or not meetings.agreed:
        return None
    if not meetings.cancelled:
        reason = "no agreed meeting called off in the last 12 weeks"
        return Signal("cancellations", "Cancellations", 0, reason)
    by = sorted(meetings.cancelled_by.items(), key=lambda item: (-item[1], item[0]))
    parts = [f"{_count(n, 'cancellation')} by {history.who(person)}" for person, n in by]
    unknown = meetings.cancelled - sum(meetings.cancelled_by.values())
    if unknown:
        parts.append(f"{_count(unknown, 'cancellation')} by someone no longer here")
    reason = "; ".join(parts)
    if meetings.late_cancellations:
        late = _number(meetings.late_cancellations)
        reason += f" ({late} with under 24 hours' notice)"
    points = -min(20, 5 * (meetings.cancelled - 1) + 5 * meetings.late_cancellations)
    red_flag = any(n >= 3 for n in meetings.cancelled_by.values())
    return Signal("cancellations", "Cancellations", points, reason, red_flag)


def punctuality(history: PairHistory) -> Signal | None:
    meetings = history.meetings
    if meetings is None:
        return None
    over = meetings.held + meetings.not_held + meetings.disputed
    if not over:
        return None
    late, absent = sum(meetings.late_arrivals.values()), sum(meetings.absences.values())
    if not (late or absent):
        recorded = "the meeting" if over == 1 else f"the {_count(over, 'meeting')}"
        reason = f"both on time at {recorded} recorded in the last 12 weeks"
        return Signal("punctuality", "Punctuality", 0, reason)
    parts = [
        f"{history.who(p)} came late to {_count(n, 'meeting')}"
        for p, n in sorted(meetings.late_arrivals.items())
    ]
    parts += [
        f"{history.who(p)} missed {_count(n, 'meeting')}"
        for p, n in sorted(meetings.absences.items())
    ]
    points = -min(20, 3 * max(0, late - 1) + 8 * absent)
    return Signal("punctuality", "Punctuality", points, "; ".join(parts))


def _span(days: int) -> str:
    """Days as people say them: '10 days', '5 weeks', '3 months'."""
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 70:
        return f"{days // 7} weeks"
    return f"{days // 30} months"


def last_meeting(history: PairHistory) -> Signal | None:
    rhythm = _rhythm(history)
    if rhythm is None or rhythm[0].days_since_last_held is None:
        return None
    meetings, agreement = rhythm
    days, interval = meetings.days_since_last_held, agreement.frequency_days
    agreed = _agreement_words(agreement)
    if meetings.last_held_at is None:
        reason = f"no meeting held in the {_span(days)} since the mentorship began ({agreed})"
        what = "no meeting held yet"
    else:
        reason = f"no meeting for {_span(days)} against {agreed}"
        what = f"last met {_span(days)} ago ({agreed})"
    if meetings.next_meeting_at is not None:
        booked = f"next one booked for {meetings.next_meeting_at:%-d %B}"
        reason, what = f"{reason}; {booked}", f"{what}; {booked}"
    if days <= interval + 7:
        return Signal("last_meeting", "Last meeting", 0, what)
    points = -min(30, round(10 * (days - interval - 7) / interval))
    red_flag = days >= max(2.5 * interval, 28)
    return Signal("last_meeting", "Last meeting", points, reason, red_flag)


# --- goals -----------------------------------------------------------------------------------

GOALS_DUE_AFTER_DAYS = 45


def goal_progress(history: PairHistory) -> Signal | None:
    goals = history.goals
    if goals is None:
        return None
    began = history.mentorship.started_at
    if not goals.goals:
        if began is None or (history.now - began).days < GOALS_DUE_AFTER_DAYS:
            return None
        days = (history.now - began).days
        reason = f"no goal set in the {days} days since the mentorship began"
        return Signal("goal_progress", "Goal progress", -10, reason)
    parts = [f"{goals.reached} of {goals.goals} goal{'s' if goals.goals != 1 else ''} reached"]
    if goals.active:
        progress = (
            "" if goals.average_progress is None else f", {goals.average_progress:.0f}% on average"
        )
        parts.append(f"{goals.active} in progress{progress}")
    if goals.overdue:
        whose = "its" if goals.overdue == 1 else "their"
        parts.append(f"{_count(goals.overdue, 'goal')} past {whose} target date")
    points = -min(15, 5 * goals.overdue)
    return Signal("goal_progress", "Goal progress", points, "; ".join(parts))


# --- activity --------------------------------------------------------------------------------

QUIET_DAYS, SILENT_DAYS = 30, 90


def recent_activity(history: PairHistory) -> Signal | None:
    activity = dict(history.activity)
    if not activity and history.mentorship.started_at:
        activity["the mentorship began"] = history.mentorship.started_at
    if not activity:
        return None
    source, at = max(activity.items(), key=lambda item: item[1])
    days = max(0, (history.now - at).days)
    if days <= QUIET_DAYS:
        reason = f"last activity {days} day{'s' if days != 1 else ''} ago ({source})"
        return Signal("recent_activity", "Recent activity", 0, reason)
    points = -min(30, (days - QUIET_DAYS) // 2)
    reason = f"no activity for {days} days (last: {source}, {at:%-d %B %Y})"
    return Signal("recent_activity", "Recent activity", points, reason, days >= SILENT_DAYS)


SIGNALS: list[Callable[[PairHistory], Signal | None]] = [
    checkin_ratings,
    checkin_trend,
    good_fit,
    checkins_answered,
    meeting_rhythm,
    cancellations,
    punctuality,
    last_meeting,
    goal_progress,
    recent_activity,
]


@dataclass(frozen=True)
class Explanation:
    """One signal in plain words, for the admin's "How the health score works" page."""

    key: str
    label: str
    looks_at: str
    moves: str
    red_flag: str = ""


EXPLAINED: list[Explanation] = [
    Explanation(
        "checkin_ratings",
        "Check-in ratings",
        "Each side's latest check-in: engagement, flexibility, authenticity, reciprocity and "
        "overall satisfaction, rated 1 to 5.",
        "An average of 4 or more costs nothing; each point below 4 costs 15 (an average of 3: "
        "−15; of 1: −45).",
        "Either side rated overall satisfaction 1 or 2.",
    ),
    Explanation(
        "checkin_trend",
        "Check-in trend",
        "The two latest check-in rounds, for the sides that answered both.",
        "The rating that fell most costs 10 per point it fell, from a 1-point fall (at most "
        "−20). Steady or rising ratings cost nothing.",
        "A rating fell by 1.5 points or more.",
    ),
    Explanation(
        "good_fit",
        "Good fit",
        'The first check-in\'s question "is this a good fit?", asked after the first meeting.',
        'A "no" from either side costs 30.',
        'Any "no": consider re-matching.',
    ),
    Explanation(
        "checkins_answered",
        "Check-ins answered",
        "The check-ins of the two latest rounds.",
        "Each one still unanswered after the program's reminder delay, or closed unanswered, "
        "costs 10 (at most −30).",
        "Both sides missed the latest round.",
    ),
    Explanation(
        "meeting_rhythm",
        "Meetings held",
        "Meetings held over the last 12 weeks against those the signed agreement called for "
        "while the pair was active (a meeting over and not recorded yet counts as held).",
        "Three quarters of the agreed meetings or more cost nothing; below that, up to −30 "
        "when none was held (half of them: −10).",
    ),
    Explanation(
        "cancellations",
        "Cancellations",
        "Meetings both had agreed to that one of them called off, over the last 12 weeks, "
        "and who called them off.",
        "The first costs nothing; each further one costs 5, and each called off with under "
        "24 hours' notice 5 more (at most −20).",
        "One person called off 3 meetings or more.",
    ),
    Explanation(
        "punctuality",
        "Punctuality",
        "Who came late to, or missed, the meetings of the last 12 weeks (as the pair "
        "recorded them).",
        "The first late arrival costs nothing, each further one 3; each missed meeting 8 "
        "(at most −20).",
    ),
    Explanation(
        "last_meeting",
        "Last meeting",
        "Time since the last meeting held (or since the start, if none yet) against the "
        "agreed interval: 7 days weekly, 14 fortnightly, 30 monthly.",
        "Nothing up to the interval plus a week of grace; then 10 points per interval "
        "overrun (at most −30): 5 weeks against a fortnightly agreement costs 10.",
        "No meeting for 2½ intervals and at least 4 weeks (5 weeks when fortnightly).",
    ),
    Explanation(
        "goal_progress",
        "Goal progress",
        "The goals set in this mentorship: how many, reached, in progress, past their target "
        "date (counts only, never what they say).",
        "No goal set 45 days after the start costs 10; each goal past its target date and "
        "still in progress costs 5 (at most −15). Reached goals cost nothing.",
    ),
    Explanation(
        "recent_activity",
        "Recent activity",
        "The latest thing the pair did: a meeting held, a check-in answered, feedback, an "
        "introduction, a goal set or updated, the agreement written or signed, a status "
        "change.",
        "Nothing for 30 days costs nothing; then 1 point per 2 quiet days (at most −30).",
        "90 days or more without any activity.",
    ),
]


# --- loading histories in bulk ---------------------------------------------------------------


@dataclass(frozen=True)
class ActivitySource:
    """Something the pair did: `latest(ids)` yields (mentorship_id, latest datetime) pairs."""

    label: str
    latest: Callable[[list[int]], Iterable[tuple[int, datetime.datetime | None]]]


def _latest(queryset: QuerySet, mentorship_field: str, when: str):
    def query(ids: list[int]):
        return (
            queryset.filter(**{f"{mentorship_field}__in": ids})
            .values(mentorship_field)
            .annotate(latest=Max(when))
            .values_list(mentorship_field, "latest")
        )

    return query


ACTIVITY_SOURCES: list[ActivitySource] = [
    ActivitySource(
        "a check-in answered",
        _latest(CheckIn.objects.answered(), "mentorship_id", "answered_at"),
    ),
    ActivitySource(
        "feedback given", _latest(Feedback.objects.all(), "mentorship_id", "created_at")
    ),
    ActivitySource(
        "an introduction recorded",
        _latest(Introduction.objects.all(), "mentorship_id", "created_at"),
    ),
    ActivitySource(
        "an introduction's outcome recorded",
        _latest(Introduction.objects.all(), "mentorship_id", "outcome_at"),
    ),
    ActivitySource(
        "the agreement written", _latest(Agreement.objects.all(), "mentorship_id", "created_at")
    ),
    ActivitySource(
        "the agreement signed",
        _latest(AgreementSignature.objects.all(), "agreement__mentorship_id", "signed_at"),
    ),
    ActivitySource(
        "a status change", _latest(MentorshipEvent.objects.all(), "mentorship_id", "at")
    ),
    ActivitySource(
        "a meeting held",
        _latest(Meeting.objects.filter(outcome=Outcome.HELD), "mentorship_id", "ends_at"),
    ),
    ActivitySource("a goal set", _latest(Goal.objects.all(), "mentorship_id", "created_at")),
    ActivitySource(
        "a goal updated", _latest(GoalUpdate.objects.all(), "goal__mentorship_id", "created_at")
    ),
]


def load_checkins(histories: dict[int, PairHistory]) -> None:
    checkins = CheckIn.objects.filter(mentorship_id__in=list(histories)).order_by("round", "pk")
    for checkin in checkins:
        histories[checkin.mentorship_id].checkins.append(checkin)


def load_activity(histories: dict[int, PairHistory]) -> None:
    ids = list(histories)
    for source in ACTIVITY_SOURCES:
        for mentorship_id, latest in source.latest(ids):
            if latest is not None:
                histories[mentorship_id].activity[source.label] = latest


def load_meetings(histories: dict[int, PairHistory]) -> None:
    """The last 12 weeks of meetings (five queries for the batch) and the signed agreements."""
    now = next(iter(histories.values())).now
    mentorships = [h.mentorship for h in histories.values()]
    since = now - datetime.timedelta(days=MEETING_WINDOW_DAYS)
    for pk, signals in meeting_signals_for(mentorships, since, now).items():
        histories[pk].data["meetings"] = signals
    signed = Agreement.objects.signed().filter(mentorship_id__in=list(histories))
    for agreement in signed.order_by("mentorship_id", "version"):
        histories[agreement.mentorship_id].data["agreement"] = agreement  # the latest wins


def load_goals(histories: dict[int, PairHistory]) -> None:
    """Counts of the goals set in each mentorship, in one query (no titles, no texts)."""
    today = next(iter(histories.values())).today
    for history in histories.values():
        history.data["goals"] = GoalCounts()
    rows = (
        Goal.objects.filter(mentorship_id__in=list(histories))
        .values("mentorship_id")
        .annotate(
            goals=Count("pk"),
            reached=Count("pk", filter=Q(status=GoalStatus.REACHED)),
            active=Count("pk", filter=Q(status=GoalStatus.ACTIVE)),
            set_aside=Count("pk", filter=Q(status=GoalStatus.DROPPED)),
            overdue=Count("pk", filter=Q(status=GoalStatus.ACTIVE, target_date__lt=today)),
            average_progress=Avg("progress", filter=Q(status=GoalStatus.ACTIVE)),
        )
    )
    for row in rows:
        pk = row.pop("mentorship_id")
        if row["average_progress"] is not None:
            row["average_progress"] = round(row["average_progress"], 1)
        histories[pk].data["goals"] = GoalCounts(**row)


LOADERS: list[Callable[[dict[int, PairHistory]], None]] = [
    load_checkins,
    load_activity,
    load_meetings,
    load_goals,
]


def load_histories(
    mentorships: Iterable[Mentorship], *, now: datetime.datetime | None = None
) -> dict[int, PairHistory]:
    """The histories of a batch of mentorships (keep batches to a few hundred)."""
    now = now or timezone.now()
    mentorships = list(mentorships)
    settings = HealthSettings.for_programs(m.program_id for m in mentorships)
    histories = {
        m.pk: PairHistory(mentorship=m, settings=settings[m.program_id], now=now)
        for m in mentorships
    }
    if histories:
        for loader in LOADERS:
            loader(histories)
    return histories


# --- the score -------------------------------------------------------------------------------


def compute(history: PairHistory) -> HealthReport:
    """Run every signal on one history and add them up."""
    signals = [s for s in (signal(history) for signal in SIGNALS) if s is not None]
    score = max(0, min(100, 100 + sum(s.points for s in signals)))
    return HealthReport(
        mentorship=history.mentorship,
        score=score,
        signals=signals,
        threshold=history.settings.threshold,
    )


def health_reports(
    mentorships: Iterable[Mentorship], *, now: datetime.datetime | None = None
) -> dict[int, HealthReport]:
    return {pk: compute(h) for pk, h in load_histories(mentorships, now=now).items()}


def health_report(mentorship: Mentorship, *, now: datetime.datetime | None = None) -> HealthReport:
    return health_reports([mentorship], now=now)[mentorship.pk]
