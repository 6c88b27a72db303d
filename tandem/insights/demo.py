"""The outcome part of the demo (a DEMO_STEPS entry, right after the mentorships): two updated
people files imported through the people import itself (`people_import(..., as_of=…)`), as
HR would send them — one 75 days ago, a few months after the spring cohort began, one two
weeks ago. Across the whole organisation some people left, some moved up a seniority level,
some took a new job title, all drawn at the same rates for everyone (mentored or not): the
outcome report then has real career events to compare, and no conclusion is built in.

A mentee or peer who leaves while their mentorship is under way ends it ("left the
organisation") on the day of the import, so the later steps (meetings, growth, health) tell
its story up to then. The demo logins and the admin stay.

Deterministic for a seed and a day: each person draws from a generator seeded with the seed
and their e-mail address."""

import csv
import datetime
import io
import random

from django.db import transaction
from django.utils import timezone

from tandem.mentorships.models import Mentorship, MentorshipStatus
from tandem.mentorships.services import mentorship_transition
from tandem.people.demo import ADMIN_EMAIL, MENTEE_EMAIL, MENTOR_EMAIL
from tandem.people.imports import people_import
from tandem.people.models import Seniority, User

IMPORTS_DAYS_AGO = (75, 14)
# Per import, for anyone still here: (left, promoted, new title only). Over the two imports,
# about 6% leave, 9% move up and 6% change title — the same for everyone.
RATES = (0.03, 0.045, 0.03)
TEAMS = ["Platform", "Growth", "Enterprise", "Internal tools", "Payments", "Onboarding"]
KEEP = {ADMIN_EMAIL, MENTOR_EMAIL, MENTEE_EMAIL}


def step(*, seed: int, today: datetime.date) -> str:
    admin = User.objects.get(email=ADMIN_EMAIL)
    counts = {"left": 0, "promoted": 0, "title": 0, "ended": 0}
    for days_ago in IMPORTS_DAYS_AGO:
        as_of = today - datetime.timedelta(days=days_ago)
        with transaction.atomic():
            changes = _changes(seed, as_of)
            if changes:
                _import(changes, as_of, admin)
                counts["ended"] += _end_mentorships_of_leavers(changes, as_of, admin)
        for change in changes:
            counts[change["kind"]] += 1
    return (
        f"Outcomes: two people imports ({IMPORTS_DAYS_AGO[0]} and {IMPORTS_DAYS_AGO[1]} days "
        f"ago): {counts['left']} left ({counts['ended']} mentorships ended with them), "
        f"{counts['promoted']} promoted, {counts['title']} new job titles."
    )


def _changes(seed: int, as_of: datetime.date) -> list[dict]:
    people = (
        User.objects.filter(is_active=True, profile__isnull=False)
        .exclude(email__in=KEEP)
        .select_related("profile")
        .order_by("email")
    )
    changes = []
    for person in people:
        rng = random.Random(f"{seed}:career:{as_of.isoformat()}:{person.email}")
        left, promoted, retitled = RATES
        draw = rng.random()
        profile = person.profile
        row = {
            "email": person.email,
            "title": profile.title,
            "seniority": profile.seniority,
            "is_active": "yes",
        }
        if draw < left:
            changes.append(row | {"is_active": "no", "kind": "left", "person": person})
        elif draw < left + promoted and profile.seniority < Seniority.EXECUTIVE:
            title = profile.title if profile.title.startswith("Senior") else _senior(profile.title)
            changes.append(
                row | {"seniority": profile.seniority + 1, "title": title, "kind": "promoted"}
            )
        elif draw < left + promoted + retitled and profile.title:
            title = f"{profile.title.split(',')[0]}, {rng.choice(TEAMS)}"
            changes.append(row | {"title": title, "kind": "title"})
    return changes


def _senior(title: str) -> str:
    return f"Senior {title}" if title else ""


def _import(changes: list[dict], as_of: datetime.date, admin: User) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["email", "title", "seniority", "is_active"])
    for change in changes:
        writer.writerow(
            [change["email"], change["title"], change["seniority"], change["is_active"]]
        )
    result = people_import(data=out.getvalue(), by=admin, as_of=as_of)
    if not result.ok:
        raise ValueError(f"The demo's people import failed: {result.errors[:3]}")


def _end_mentorships_of_leavers(changes: list[dict], as_of: datetime.date, admin) -> int:
    """A mentee or peer who left ends the mentorship they were in, on the day of the import."""
    leavers = [c["person"].pk for c in changes if c["kind"] == "left"]
    under_way = Mentorship.objects.filter(
        status__in=(MentorshipStatus.ACTIVE, MentorshipStatus.PAUSED),
        started_at__date__lt=as_of,
    ).filter(mentee_id__in=leavers) | Mentorship.objects.filter(
        status__in=(MentorshipStatus.ACTIVE, MentorshipStatus.PAUSED),
        started_at__date__lt=as_of,
        mentor_id__in=leavers,
    )
    moment = timezone.make_aware(datetime.datetime.combine(as_of, datetime.time(17)))
    ended = 0
    for mentorship in under_way.distinct():
        mentorship_transition(
            mentorship=mentorship,
            to_status=MentorshipStatus.ENDED,
            by=admin,
            reason="left_organisation",
            note="Left the organisation (from the people import).",
            notify_people=False,
        )
        mentorship.events.filter(to_status=MentorshipStatus.ENDED).update(at=moment)
        Mentorship.objects.filter(pk=mentorship.pk).update(ended_at=moment)
        ended += 1
    return ended
