"""Meetings of a mentorship: one-off meetings and recurring series at the agreed rhythm, what
happened at each (attendance, cancellations), shared and private notes, action items, each
person's reminder preferences and calendar feed, and the reminders the worker has sent.

Times are stored in UTC. Each meeting and series also keeps the time zone it was scheduled in,
because a weekly 10:00 meeting stays at 10:00 on the wall clock across a daylight-saving change
(its UTC instant moves), and calendar clients need that zone to expand the recurrence."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from tandem.mentorships.models import Mentorship
from tandem.programs.models import MeetingFrequency

MIN_MINUTES, MAX_MINUTES = 15, 480


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIRTUAL = "virtual", "Virtual"


class MeetingStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    CONFIRMED = "confirmed", "Confirmed"
    CANCELLED = "cancelled", "Cancelled"


class Outcome(models.TextChoices):
    """What happened, once the meeting's time has come (settled from both people's reports)."""

    UNMARKED = "unmarked", "Not recorded yet"
    HELD = "held", "Held"
    NOT_HELD = "not_held", "Did not take place"
    DISPUTED = "disputed", "Recorded differently by each of you"


class Arrival(models.TextChoices):
    ON_TIME = "on_time", "On time"
    LATE = "late", "Late"
    ABSENT = "absent", "Absent"


# When the two reports disagree on one person's arrival, the worse one stands.
ARRIVAL_SEVERITY = {"": 0, Arrival.ON_TIME: 1, Arrival.LATE: 2, Arrival.ABSENT: 3}


class MonthlyBy(models.TextChoices):
    WEEKDAY = "weekday", "On the same weekday (e.g. the 2nd Tuesday)"
    DATE = "date", "On the same date (e.g. the 14th)"


class SeriesStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACTIVE = "active", "Agreed"
    DECLINED = "declined", "Declined"
    ENDED = "ended", "Stopped"


class MeetingSeries(models.Model):
    """A recurring meeting at the agreement's rhythm. Its occurrences are Meeting rows (each
    can be moved or cancelled on its own); the rule here is what calendars receive as RRULE."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="series")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=SeriesStatus.choices, default=SeriesStatus.PROPOSED
    )
    frequency = models.CharField(max_length=12, choices=MeetingFrequency.choices)
    monthly_by = models.CharField(
        max_length=8, choices=MonthlyBy.choices, default=MonthlyBy.WEEKDAY, blank=True
    )
    first_start = models.DateTimeField(help_text="The first occurrence, in UTC.")
    time_zone = models.CharField(max_length=64, help_text="The wall clock the series keeps.")
    until = models.DateField(help_text="The last day an occurrence may fall on.")
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    mode = models.CharField(max_length=10, choices=MeetingMode.choices)
    location = models.CharField(max_length=200, blank=True)
    video_url = models.URLField("video link", max_length=500, blank=True)
    agenda = models.TextField(blank=True)
    sequence = models.PositiveIntegerField(default=0, help_text="iCalendar SEQUENCE.")
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["first_start", "pk"]
        verbose_name_plural = "meeting series"
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=MIN_MINUTES, duration_minutes__lte=MAX_MINUTES),
                name="series_duration_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_frequency_display()} meetings of {self.mentorship}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:series", args=[self.pk])


class MeetingQuerySet(models.QuerySet):
    def of(self, mentorship) -> "MeetingQuerySet":
        return self.filter(mentorship=mentorship)

    def involving(self, person) -> "MeetingQuerySet":
        return self.filter(Q(mentorship__mentor=person) | Q(mentorship__mentee=person))

    def live(self) -> "MeetingQuerySet":
        """Proposed or confirmed: what is (or may be) in the pair's diaries."""
        return self.exclude(status=MeetingStatus.CANCELLED)

    def upcoming(self, now: datetime.datetime | None = None) -> "MeetingQuerySet":
        return self.live().filter(starts_at__gte=now or timezone.now()).order_by("starts_at")

    def past(self, now: datetime.datetime | None = None) -> "MeetingQuerySet":
        return self.filter(starts_at__lt=now or timezone.now()).order_by("-starts_at")

    def needing_attendance(self, now: datetime.datetime | None = None) -> "MeetingQuerySet":
        """Confirmed, over, and nobody has said yet whether it took place."""
        return self.filter(
            status=MeetingStatus.CONFIRMED,
            outcome=Outcome.UNMARKED,
            ends_at__lte=now or timezone.now(),
        )


class Meeting(models.Model):
    """One meeting of the pair: a one-off, or one occurrence of a series."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="meetings")
    series = models.ForeignKey(
        MeetingSeries, null=True, blank=True, on_delete=models.CASCADE, related_name="occurrences"
    )
    recurrence_start = models.DateTimeField(
        null=True,
        blank=True,
        help_text="For an occurrence: where the series' rule put it (iCalendar RECURRENCE-ID).",
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    time_zone = models.CharField(max_length=64, help_text="The zone it was scheduled in.")
    mode = models.CharField(max_length=10, choices=MeetingMode.choices)
    location = models.CharField(max_length=200, blank=True)
    video_url = models.URLField("video link", max_length=500, blank=True)
    agenda = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text="When both first agreed to it (it then counts)."
    )
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.UNMARKED)
    mentor_arrival = models.CharField(max_length=8, choices=Arrival.choices, blank=True)
    mentee_arrival = models.CharField(max_length=8, choices=Arrival.choices, blank=True)
    sequence = models.PositiveIntegerField(default=0, help_text="iCalendar SEQUENCE.")
    created_at = models.DateTimeField(default=timezone.now)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_has_length"
            ),
            models.CheckConstraint(
                condition=~Q(status=MeetingStatus.CANCELLED) | Q(cancelled_at__isnull=False),
                name="meeting_cancellation_has_a_time",
            ),
            models.UniqueConstraint(
                fields=["series", "recurrence_start"],
                condition=Q(series__isnull=False),
                name="meeting_one_per_occurrence",
            ),
        ]
        indexes = [
            models.Index(fields=["mentorship", "starts_at"], name="meeting_mentorship_start"),
            models.Index(fields=["status", "starts_at"], name="meeting_status_start"),
        ]

    def __str__(self) -> str:
        return f"Meeting of {self.mentorship} on {self.starts_at:%Y-%m-%d %H:%M} UTC"

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.pk])

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def has_begun(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def is_moved(self) -> bool:
        return self.recurrence_start is not None and self.recurrence_start != self.starts_at

    @property
    def counts_as_cancellation(self) -> bool:
        """A proposal withdrawn before anyone agreed is not a cancelled meeting."""
        return self.is_cancelled and self.confirmed_at is not None

    @property
    def cancel_notice(self) -> datetime.timedelta | None:
        """How long before its start the meeting was called off (negative: after)."""
        if not self.cancelled_at:
            return None
        return self.starts_at - self.cancelled_at

    def arrival_of(self, person) -> str:
        if person.pk == self.mentorship.mentor_id:
            return self.mentor_arrival
        if person.pk == self.mentorship.mentee_id:
            return self.mentee_arrival
        return ""


class MeetingEvent(models.Model):
    """What happened to a meeting, step by step (proposed, accepted, moved, cancelled…)."""

    class Kind(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        COUNTER = "counter", "Proposed another time"
        MOVED = "moved", "Moved"
        ACCEPTED = "accepted", "Accepted"
        CANCELLED = "cancelled", "Cancelled"
        ATTENDANCE = "attendance", "Attendance recorded"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    from_start = models.DateTimeField(null=True, blank=True)
    to_start = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.by}"


class AttendanceReport(models.Model):
    """One person's account of a meeting: did it take place, and was each of the two on time,
    late, or (when it did not take place) absent."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    held = models.BooleanField()
    mentor_arrival = models.CharField(max_length=8, choices=Arrival.choices, blank=True)
    mentee_arrival = models.CharField(max_length=8, choices=Arrival.choices, blank=True)
    reported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["reported_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "reporter"], name="attendance_one_report_per_person"
            ),
            models.CheckConstraint(
                condition=Q(held=False)
                | (~Q(mentor_arrival="absent") & ~Q(mentee_arrival="absent")),
                name="attendance_nobody_absent_from_a_held_meeting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reporter}: {'held' if self.held else 'not held'}"


class SharedNote(models.Model):
    """The pair's notes of one meeting. `version` grows with each save; a save names the version
    it started from, so a second writer is told instead of silently overwriting the first."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="shared_note")
    text = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Shared notes v{self.version} of meeting {self.meeting_id}"


class PrivateNoteQuerySet(models.QuerySet):
    def by(self, author) -> "PrivateNoteQuerySet":
        """The only way private notes are read: their author's own."""
        return self.filter(author=author)


class PrivateNote(models.Model):
    """Notes one person keeps about a meeting for themself: never shown to anyone else."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="private_notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_private_notes"
    )
    text = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = PrivateNoteQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "author"], name="private_note_one_per_author"
            )
        ]

    def __str__(self) -> str:
        return f"Private note {self.pk}"


class ActionItemQuerySet(models.QuerySet):
    def open(self) -> "ActionItemQuerySet":
        return self.filter(done_at__isnull=True)

    def open_at(self, moment: datetime.datetime) -> "ActionItemQuerySet":
        """Raised before `moment` and not done by then: what a meeting at `moment` carries over."""
        return self.filter(created_at__lt=moment).filter(
            Q(done_at__isnull=True) | Q(done_at__gt=moment)
        )


class ActionItem(models.Model):
    """Something one of the pair will do, with a due date; it stays on the next meeting's agenda
    until it is done."""

    mentorship = models.ForeignKey(
        Mentorship, on_delete=models.CASCADE, related_name="action_items"
    )
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
        help_text="The meeting where it was agreed.",
    )
    title = models.CharField(max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["done_at", "due_on", "created_at", "pk"]
        indexes = [models.Index(fields=["mentorship", "done_at"], name="action_item_open")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return not self.is_done and self.due_on is not None and self.due_on < today


class MeetingPreferences(models.Model):
    """How one person wants to be reminded. Without a row, the defaults below apply."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_preferences"
    )
    by_email = models.BooleanField("by e-mail", default=True)
    in_app = models.BooleanField("in Tandem (the bell)", default=True)
    day_before = models.BooleanField("one day before a meeting", default=True)
    hour_before = models.BooleanField("one hour before a meeting", default=True)
    rhythm_nudges = models.BooleanField(
        "when we have not met for longer than our agreement says", default=True
    )
    weekly_digest = models.BooleanField(
        "a Monday digest of my week's meetings and open action items", default=True
    )
    calendar_alarm_minutes = models.PositiveSmallIntegerField(
        "calendar alert (minutes before; 0 for none)", default=15
    )

    class Meta:
        verbose_name_plural = "meeting preferences"
        constraints = [
            models.CheckConstraint(
                condition=Q(calendar_alarm_minutes__lte=10080), name="preferences_alarm_range"
            )
        ]

    def __str__(self) -> str:
        return f"Meeting preferences of {self.person}"

    def offsets(self) -> list[datetime.timedelta]:
        """The reminders before a meeting this person wants, nearest first."""
        chosen = []
        if self.hour_before:
            chosen.append(datetime.timedelta(hours=1))
        if self.day_before:
            chosen.append(datetime.timedelta(days=1))
        return chosen

    @property
    def reachable(self) -> bool:
        return self.by_email or self.in_app


class CalendarFeed(models.Model):
    """A person's private iCalendar feed. The URL carries `public_id` and a keyed hash of it
    (made with SECRET_KEY, never stored), so the database alone does not reveal a working URL;
    a reset draws a new `public_id` and every old URL stops working."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    public_id = models.CharField(max_length=32, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    reset_at = models.DateTimeField(null=True, blank=True)
    last_fetched_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.person}"


class ReminderKind(models.TextChoices):
    BEFORE_MEETING = "before_meeting", "Before a meeting"
    RHYTHM = "rhythm", "Rhythm has slipped"
    DIGEST = "digest", "Weekly digest"
    UNMARKED = "unmarked", "Attendance not recorded"


class Reminder(models.Model):
    """One reminder due to one person. The worker creates the row when it falls due (the unique
    key makes that idempotent) and claims it by setting `sent_at` with a conditional UPDATE, in
    the same transaction as the notification: however many workers run, it goes out once."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_reminders"
    )
    kind = models.CharField(max_length=16, choices=ReminderKind.choices)
    key = models.CharField(max_length=120, help_text="What makes this reminder unique.")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="reminders"
    )
    mentorship = models.ForeignKey(
        Mentorship, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    due_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    skipped = models.CharField(
        max_length=120, blank=True, help_text="Why it was not sent after all."
    )
    sent_by = models.CharField(max_length=64, blank=True, help_text="The worker that sent it.")

    class Meta:
        ordering = ["due_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind", "key"], name="reminder_once_per_person_and_key"
            )
        ]
        indexes = [models.Index(fields=["sent_at", "due_at"], name="reminder_pending")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.person} ({self.key})"
