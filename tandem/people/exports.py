"""Export people in the import's own format, so that an export imports back unchanged."""

import csv
from collections.abc import Iterator

from tandem.people.imports import COLUMNS
from tandem.people.models import Profile


class _Echo:
    def write(self, value: str) -> str:
        return value


# A birthday is private (people/permissions.py: the person only, admins included out): it is
# not exported, and an import without the column leaves birthdays as they are.
EXPORTED_COLUMNS = [column for column in COLUMNS if column != "birthday"]


def people_export_rows() -> Iterator[list[str]]:
    yield EXPORTED_COLUMNS
    profiles = (
        Profile.objects.select_related("user", "department", "manager")
        .prefetch_related("languages", "interests", "skills__skill", "wanted_skills__skill")
        .order_by("user__email")
    )
    for profile in profiles.iterator(chunk_size=1000):
        yield _row(profile)


def _row(p: Profile) -> list[str]:
    skills = "; ".join(
        f"{s.skill.name}:{s.level}{'*' if s.offers_mentoring else ''}"
        for s in sorted(p.skills.all(), key=lambda s: s.skill.name)
    )
    wanted = "; ".join(
        f"{w.skill.name}:{w.target_level}"
        for w in sorted(p.wanted_skills.all(), key=lambda w: w.skill.name)
    )
    return [
        p.user.email,
        p.user.first_name,
        p.user.last_name,
        p.title,
        p.department.name if p.department else "",
        p.manager.email if p.manager else "",
        p.location,
        p.time_zone,
        "; ".join(sorted(language.code for language in p.languages.all())),
        str(p.years_experience),
        str(p.seniority),
        p.bio,
        p.career_goals,
        "; ".join(sorted(interest.name for interest in p.interests.all())),
        p.meeting_mode,
        str(p.availability_hours),
        p.hire_date.isoformat() if p.hire_date else "",
        skills,
        wanted,
        "yes" if p.user.is_active else "no",
    ]


def people_export_lines() -> Iterator[str]:
    writer = csv.writer(_Echo())
    for row in people_export_rows():
        yield writer.writerow(row)
