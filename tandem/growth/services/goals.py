"""Goals, milestones, the update log and celebrations.

A goal lives in a mentorship (the person growing in it sets it; the partner reads, comments and
congratulates) or is personal (its owner's alone). Reaching a goal or a milestone is celebrated:
the partner is notified and it appears on the mentorship's celebration feed."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tandem.growth import permissions
from tandem.growth.models import (
    Celebration,
    CelebrationKind,
    Congratulation,
    Goal,
    GoalStatus,
    GoalUpdate,
    GoalUpdateKind,
    Milestone,
)
from tandem.mentorships.models import Mentorship, MentorshipStatus
from tandem.notifications.services import notify
from tandem.people.models import User

GOAL_TEXT_FIELDS = ("title", "specific", "success_criteria", "career_goal", "why_it_matters")
REQUIRED_GOAL_FIELDS = {
    "title": "Give the goal a short title.",
    "specific": "Say what, specifically, you want to achieve.",
    "success_criteria": "Say how you will know the goal is reached.",
}
MAX_MILESTONES = 12


# --- writing goals ---------------------------------------------------------------------------


@transaction.atomic
def goal_create(
    *,
    owner: User,
    mentorship: Mentorship | None = None,
    title: str,
    specific: str,
    success_criteria: str,
    target_date: datetime.date | None,
    career_goal: str = "",
    why_it_matters: str = "",
    milestones: list[dict] | tuple = (),
) -> Goal:
    """A new goal with its milestones, all or nothing."""
    if mentorship is not None and not permissions.can_set_goal_in(owner, mentorship):
        raise ValidationError(
            {
                "mentorship": "Goals here are set by the person growing in this mentorship, "
                "while it is under way."
            }
        )
    goal = Goal(owner=owner, mentorship=mentorship)
    _apply_goal_fields(
        goal,
        title=title,
        specific=specific,
        success_criteria=success_criteria,
        career_goal=career_goal,
        why_it_matters=why_it_matters,
        target_date=target_date,
    )
    _check_target_date(goal.target_date)
    _check_milestones(milestones, goal.target_date)
    goal.save()
    Milestone.objects.bulk_create(
        Milestone(goal=goal, title=m["title"].strip(), due_date=m["due_date"], position=i)
        for i, m in enumerate(milestones)
    )
    return goal


@transaction.atomic
def goal_update(*, goal: Goal, by: User, **fields) -> Goal:
    """Rewrite what the goal says (the owner, while it is open)."""
    _check_owner_may_edit(goal, by)
    unknown = set(fields) - set(GOAL_TEXT_FIELDS) - {"target_date"}
    if unknown:
        raise ValidationError(f"Unknown goal field(s): {', '.join(sorted(unknown))}.")
    old_target = goal.target_date
    current = {name: getattr(goal, name) for name in GOAL_TEXT_FIELDS}
    _apply_goal_fields(goal, **(current | {"target_date": goal.target_date} | fields))
    if goal.target_date != old_target:
        _check_target_date(goal.target_date)
    late = goal.milestones.filter(due_date__gt=goal.target_date).first()
    if late is not None:
        raise ValidationError(
            {"target_date": f"The milestone “{late.title}” is due after this date; move it first."}
        )
    goal.updated_at = timezone.now()
    goal.save()
    return goal


@transaction.atomic
def goal_delete(*, goal: Goal, by: User) -> None:
    """Remove a goal set by mistake; one with something reached is set aside instead, so that
    its celebrations and the program's completion figures stay true."""
    if goal.owner_id != by.pk:
        raise ValidationError("Only the goal's owner can delete it.")
    if goal.is_reached or goal.milestones.filter(reached_at__isnull=False).exists():
        raise ValidationError("Something in this goal was reached: set it aside instead.")
    goal.delete()


def _apply_goal_fields(goal: Goal, *, target_date, **texts) -> None:
    errors = {}
    for name, value in texts.items():
        value = (value or "").strip()
        if name in REQUIRED_GOAL_FIELDS and not value:
            errors[name] = REQUIRED_GOAL_FIELDS[name]
        setattr(goal, name, value)
    if target_date is None:
        errors["target_date"] = "Choose the date by which you want to reach it."
    goal.target_date = target_date
    if errors:
        raise ValidationError(errors)
    goal.full_clean(exclude=["owner", "mentorship"], validate_constraints=False)


def _check_target_date(target_date: datetime.date) -> None:
    if target_date < timezone.localdate():
        raise ValidationError({"target_date": "The target date cannot be in the past."})


def _check_milestones(milestones, target_date: datetime.date) -> None:
    if len(milestones) > MAX_MILESTONES:
        raise ValidationError({"milestones": f"At most {MAX_MILESTONES} milestones per goal."})
    for number, milestone in enumerate(milestones, start=1):
        _check_milestone(
            (milestone.get("title") or "").strip(),
            milestone.get("due_date"),
            target_date,
            field_name="milestones",
            prefix=f"Milestone {number}: ",
        )


def _check_milestone(title, due_date, target_date, *, field_name=None, prefix="") -> None:
    if not title:
        raise ValidationError({field_name or "title": prefix + "give it a title."})
    if len(title) > 160:
        raise ValidationError({field_name or "title": prefix + "at most 160 characters."})
    if due_date is None:
        raise ValidationError({field_name or "due_date": prefix + "give it a due date."})
    if due_date > target_date:
        raise ValidationError(
            {
                field_name or "due_date": prefix + "it must be due by the goal's target date "
                f"({target_date:%-d %B %Y})."
            }
        )


def _check_owner_may_edit(goal: Goal, by: User) -> None:
    if not permissions.can_edit_goal(by, goal):
        raise ValidationError("Only the goal's owner can change it, while the mentorship runs.")
    if not goal.is_open:
        raise ValidationError(f"This goal is {goal.get_status_display().lower()}.")


# --- milestones ------------------------------------------------------------------------------


@transaction.atomic
def milestone_add(*, goal: Goal, by: User, title: str, due_date: datetime.date | None) -> Milestone:
    _check_owner_may_edit(goal, by)
    if goal.milestones.count() >= MAX_MILESTONES:
        raise ValidationError({"title": f"At most {MAX_MILESTONES} milestones per goal."})
    _check_milestone((title or "").strip(), due_date, goal.target_date)
    position = goal.milestones.count()
    return Milestone.objects.create(
        goal=goal, title=title.strip(), due_date=due_date, position=position
    )


@transaction.atomic
def milestone_update(
    *, milestone: Milestone, by: User, title: str, due_date: datetime.date | None
) -> Milestone:
    _check_owner_may_edit(milestone.goal, by)
    _check_milestone((title or "").strip(), due_date, milestone.goal.target_date)
    milestone.title, milestone.due_date = title.strip(), due_date
    milestone.save(update_fields=["title", "due_date"])
    return milestone


@transaction.atomic
def milestone_delete(*, milestone: Milestone, by: User) -> None:
    _check_owner_may_edit(milestone.goal, by)
    if milestone.is_reached:
        raise ValidationError("A reached milestone stays: it was celebrated.")
    milestone.delete()


@transaction.atomic
def milestone_reach(*, milestone: Milestone, by: User) -> Milestone:
    """Mark a milestone reached: logged, and celebrated with the partner."""
    goal = Goal.objects.select_for_update().get(pk=milestone.goal_id)
    _check_owner_may_edit(goal, by)
    now = timezone.now()
    claimed = Milestone.objects.filter(pk=milestone.pk, reached_at__isnull=True).update(
        reached_at=now
    )
    if not claimed:
        raise ValidationError("This milestone is already reached.")
    milestone.reached_at = now
    GoalUpdate.objects.create(
        goal=goal, author=by, kind=GoalUpdateKind.MILESTONE, text=milestone.title
    )
    _celebrate(goal, milestone=milestone)
    return milestone


# --- progress and reaching -------------------------------------------------------------------


@transaction.atomic
def goal_progress(*, goal: Goal, by: User, progress, note: str = "") -> GoalUpdate:
    """The owner's own estimate of how far they are, with what happened."""
    _check_owner_may_edit(goal, by)
    if isinstance(progress, bool) or not isinstance(progress, int) or not 0 <= progress <= 100:
        raise ValidationError({"progress": "Progress is a whole number from 0 to 100."})
    goal.progress = progress
    goal.updated_at = timezone.now()
    goal.save(update_fields=["progress", "updated_at"])
    update = GoalUpdate.objects.create(
        goal=goal, author=by, kind=GoalUpdateKind.PROGRESS, text=note.strip(), progress=progress
    )
    if goal.mentorship_id and note.strip():
        _tell_partner(goal, by, "goal_progress", f"{by} updated “{goal.title}”: {progress}%")
    return update


@transaction.atomic
def goal_reach(*, goal: Goal, by: User, note: str = "") -> Goal:
    """The goal is reached: 100%, logged, celebrated."""
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    _check_owner_may_edit(goal, by)
    now = timezone.now()
    goal.status, goal.reached_at, goal.progress, goal.updated_at = (
        GoalStatus.REACHED,
        now,
        100,
        now,
    )
    goal.save()
    GoalUpdate.objects.create(
        goal=goal, author=by, kind=GoalUpdateKind.REACHED, text=note.strip(), progress=100
    )
    _celebrate(goal)
    return goal


@transaction.atomic
def goal_set_aside(*, goal: Goal, by: User, note: str) -> Goal:
    """Stop pursuing a goal, saying why (kept in the log, counted as not reached)."""
    _check_owner_may_edit(goal, by)
    if not note.strip():
        raise ValidationError({"note": "Say why you set this goal aside."})
    goal.status, goal.updated_at = GoalStatus.DROPPED, timezone.now()
    goal.save(update_fields=["status", "updated_at"])
    GoalUpdate.objects.create(
        goal=goal, author=by, kind=GoalUpdateKind.SET_ASIDE, text=note.strip()
    )
    return goal


@transaction.atomic
def goal_comment(*, goal: Goal, by: User, text: str) -> GoalUpdate:
    """A note in the goal's log: the partner's comment, or the owner's reply."""
    if not permissions.can_comment_on_goal(by, goal):
        raise ValidationError("Only the pair can comment on this goal, while the mentorship runs.")
    if not text.strip():
        raise ValidationError({"text": "Write your comment."})
    update = GoalUpdate.objects.create(
        goal=goal, author=by, kind=GoalUpdateKind.COMMENT, text=text.strip()
    )
    if goal.mentorship_id:
        _tell_partner(goal, by, "goal_comment", f"{by} commented on “{goal.title}”", text.strip())
    return update


def _tell_partner(goal: Goal, by: User, kind: str, title: str, body: str = "") -> None:
    notify(
        recipient=goal.mentorship.partner_of(by),
        kind=kind,
        title=title[:200],
        body=body,
        url=goal.get_absolute_url(),
        email=False,
    )


# --- celebrations ----------------------------------------------------------------------------


def _celebrate(goal: Goal, milestone: Milestone | None = None) -> Celebration | None:
    """On the mentorship's feed, and the partner hears of it (a personal goal has no feed)."""
    if goal.mentorship_id is None:
        return None
    celebration = Celebration.objects.create(
        mentorship=goal.mentorship,
        person=goal.owner,
        kind=CelebrationKind.MILESTONE if milestone else CelebrationKind.GOAL,
        goal=goal,
        milestone=milestone,
    )
    what = f"a milestone of “{goal.title}”: {milestone.title}" if milestone else f"“{goal.title}”"
    notify(
        recipient=goal.mentorship.partner_of(goal.owner),
        kind="goal_celebration",
        title=f"🎉 {goal.owner} reached {what}"[:200],
        body="Add a note of congratulation on your celebration feed.",
        url=celebration_url(celebration),
    )
    return celebration


def celebration_url(celebration: Celebration) -> str:
    return (
        reverse("growth:goals", args=[celebration.mentorship_id]) + f"#celebration-{celebration.pk}"
    )


@transaction.atomic
def celebration_congratulate(*, celebration: Celebration, by: User, text: str) -> Congratulation:
    """The partner's note of congratulation, once per celebration."""
    if not permissions.can_congratulate(by, celebration):
        raise ValidationError("Only the partner of the person who reached it can congratulate.")
    if not text.strip():
        raise ValidationError({"text": "Write a few words of congratulation."})
    try:
        with transaction.atomic():
            note = Congratulation.objects.create(
                celebration=celebration, author=by, text=text.strip()
            )
    except IntegrityError:
        raise ValidationError({"text": "You have already congratulated them on this."}) from None
    notify(
        recipient=celebration.person,
        kind="congratulation",
        title=f"{by} congratulates you on “{celebration.title}”"[:200],
        body=text.strip(),
        url=celebration_url(celebration),
    )
    return note


# --- the celebration feed --------------------------------------------------------------------

# Personal milestones (work anniversaries, shared birthdays) show this far around today.
PERSONAL_PAST_DAYS = 14
PERSONAL_AHEAD_DAYS = 30


@dataclass
class FeedItem:
    """One line of a mentorship's celebration feed."""

    kind: str  # goal | milestone | anniversary | birthday
    date: datetime.date
    person: User
    title: str
    celebration: Celebration | None = None
    notes: list = field(default_factory=list)
    can_congratulate: bool = False
    upcoming: bool = False

    @property
    def anchor(self) -> str:
        if self.celebration is not None:
            return f"celebration-{self.celebration.pk}"
        return f"{self.kind}-{self.person.pk}-{self.date:%Y%m%d}"


def celebration_feed(
    *, mentorship: Mentorship, viewer: User, today: datetime.date | None = None, limit: int = 30
) -> list[FeedItem]:
    """What the pair celebrates, newest first, with the partner's personal milestones (work
    anniversaries; birthdays they chose to share) computed from their profile, never stored.
    Only the pair sees a feed; the personal milestones only the viewer's partner's."""
    if not permissions.can_view_goal_content(viewer, mentorship):
        return []
    today = today or timezone.localdate()
    items = celebration_items(celebrations=_celebrations(mentorship, limit), viewer=viewer)
    if mentorship.status in (MentorshipStatus.ACTIVE, MentorshipStatus.PAUSED):
        items += personal_milestones(person=mentorship.partner_of(viewer), today=today)
    return sorted(items, key=lambda item: (item.date, item.kind), reverse=True)


def _celebrations(mentorship: Mentorship, limit: int):
    return (
        Celebration.objects.filter(mentorship=mentorship)
        .select_related("person", "goal", "milestone", "mentorship")
        .prefetch_related("notes__author")[:limit]
    )


def celebration_items(*, celebrations, viewer: User) -> list[FeedItem]:
    """Feed lines for celebrations (with their notes prefetched), as `viewer` sees them."""
    return [_feed_item(celebration, viewer) for celebration in celebrations]


def _feed_item(celebration: Celebration, viewer: User) -> FeedItem:
    notes = list(celebration.notes.all())
    return FeedItem(
        kind=celebration.kind,
        date=timezone.localdate(celebration.at),
        person=celebration.person,
        title=celebration.title,
        celebration=celebration,
        notes=notes,
        can_congratulate=permissions.can_congratulate(viewer, celebration)
        and all(n.author_id != viewer.pk for n in notes),
    )


def personal_milestones(*, person: User, today: datetime.date) -> list[FeedItem]:
    """A person's work anniversary and (if shared) birthday near today."""
    profile = getattr(person, "profile", None)
    if profile is None:
        return []
    items = []
    if profile.hire_date:
        when = _nearest_yearly(profile.hire_date, today)
        years = when.year - profile.hire_date.year if when else 0
        if years >= 1:
            label = f"{years} year{'s' if years > 1 else ''} at the company"
            items.append(_personal_item("anniversary", when, person, label, today))
    if profile.share_birthday and profile.birthday:
        when = _nearest_yearly(profile.birthday, today)
        if when:
            items.append(_personal_item("birthday", when, person, "Birthday", today))
    return items


def _personal_item(kind, when, person, title, today) -> FeedItem:
    return FeedItem(kind=kind, date=when, person=person, title=title, upcoming=when > today)


def _nearest_yearly(original: datetime.date, today: datetime.date) -> datetime.date | None:
    """This year's (or a neighbouring year's) return of a date, if it falls in the window."""
    for year in (today.year - 1, today.year, today.year + 1):
        when = _same_day_in(original, year)
        if -PERSONAL_PAST_DAYS <= (when - today).days <= PERSONAL_AHEAD_DAYS:
            return when
    return None


def _same_day_in(original: datetime.date, year: int) -> datetime.date:
    """The date's return in a year; 29 February falls on the 28th outside leap years."""
    try:
        return original.replace(year=year)
    except ValueError:
        return original.replace(year=year, day=28)
