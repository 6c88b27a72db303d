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
- `recent_activity` — the latest activity of any source: nothing within 30 days, then 1 point
  per 2 quiet days (at most −30). Red flag: 90 days or more without activity.

Activity sources today: check-ins answered, feedback given, introductions recorded and their
outcomes, agreement versions written and signed, lifecycle transitions.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from statistics import mean
from typing import Any

from django.db.models import Max, QuerySet
from django.utils import timezone

from tandem.health.models import (
    RATING_LABELS,
    RATINGS,
    CheckIn,
    CheckInStatus,
    Feedback,
    HealthSettings,
    Introduction,
)
from tandem.mentorships.models import Agreement, AgreementSignature, Mentorship, MentorshipEvent

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
    recent_activity,
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


LOADERS: list[Callable[[dict[int, PairHistory]], None]] = [load_checkins, load_activity]


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
