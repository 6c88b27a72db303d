"""Workflows about people that touch more than one model."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower

from tandem.people.models import (
    Department,
    Interest,
    Language,
    Profile,
    ProfileSkill,
    Skill,
    User,
    WantedSkill,
)


def profile_get_or_create(*, user: User) -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def person_create(
    *,
    email: str,
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
    is_program_admin: bool = False,
    **profile_fields,
) -> User:
    """An account and its profile, together or not at all."""
    user = User.objects.create_user(
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        is_program_admin=is_program_admin,
    )
    Profile.objects.create(user=user, **profile_fields)
    return user


@transaction.atomic
def profile_update(*, profile_form, skills_formset, wanted_formset) -> Profile:
    """Save the profile and both skill lists together, or nothing at all."""
    profile = profile_form.save()
    skills_formset.instance = profile
    skills_formset.save()
    wanted_formset.instance = profile
    wanted_formset.save()
    return profile


@transaction.atomic
def profile_skills_replace(
    *, profile: Profile, skills: list[dict], wanted_skills: list[dict]
) -> Profile:
    """Replace the person's skills (skill, level, offers_mentoring) and the skills they want to
    grow (skill, target_level): both lists or neither. Errors name the row: `skills.2.skill`."""
    errors = _skill_rows_errors("skills", skills) | _skill_rows_errors(
        "wanted_skills", wanted_skills
    )
    if errors:
        raise ValidationError(errors)
    profile.skills.all().delete()
    profile.wanted_skills.all().delete()
    ProfileSkill.objects.bulk_create(
        ProfileSkill(
            profile=profile,
            skill_id=row["skill"],
            level=row["level"],
            offers_mentoring=row.get("offers_mentoring", False),
        )
        for row in skills
    )
    WantedSkill.objects.bulk_create(
        WantedSkill(profile=profile, skill_id=row["skill"], target_level=row["target_level"])
        for row in wanted_skills
    )
    return profile


def _skill_rows_errors(name: str, rows: list[dict]) -> dict[str, str]:
    known = set(
        Skill.objects.filter(pk__in=[row["skill"] for row in rows]).values_list("pk", flat=True)
    )
    errors, seen = {}, set()
    for index, row in enumerate(rows):
        if row["skill"] not in known:
            errors[f"{name}.{index}.skill"] = f"There is no skill with id {row['skill']}."
        elif row["skill"] in seen:
            errors[f"{name}.{index}.skill"] = "This skill is listed twice."
        seen.add(row["skill"])
    return errors


@transaction.atomic
def profile_update_fields(*, profile: Profile, changes: dict) -> Profile:
    """Change some fields of a profile with the rules of the profile page (its form): what is
    not in `changes` stays. Languages by code, interests by name (new ones are created),
    the department by name, the manager by e-mail."""
    from tandem.people.forms import ProfileForm

    data = _profile_form_data(profile) | _form_values(changes)
    form = ProfileForm(data, instance=profile)
    if not form.is_valid():
        renamed = {"new_interests": "interests", "manager_email": "manager_email"}
        raise ValidationError(
            {renamed.get(field, field): errors for field, errors in form.errors.items()}
        )
    return form.save()


def _profile_form_data(profile: Profile) -> dict:
    user = profile.user
    return {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "manager_email": profile.manager.email if profile.manager else "",
        "title": profile.title,
        "department": profile.department_id or "",
        "bio": profile.bio,
        "location": profile.location,
        "time_zone": profile.time_zone,
        "languages": [str(pk) for pk in profile.languages.values_list("pk", flat=True)],
        "years_experience": profile.years_experience,
        "seniority": profile.seniority,
        "career_goals": profile.career_goals,
        "interests": [str(pk) for pk in profile.interests.values_list("pk", flat=True)],
        "meeting_mode": profile.meeting_mode,
        "availability_hours": profile.availability_hours,
        "hire_date": profile.hire_date.isoformat() if profile.hire_date else "",
        "birthday": profile.birthday.isoformat() if profile.birthday else "",
        "share_birthday": profile.share_birthday,
        "new_interests": "",
    }


def _form_values(changes: dict) -> dict:
    """The API's friendlier values (names, codes, None) as the profile form's fields."""
    values, errors = {}, {}
    for name, value in changes.items():
        if name == "department":
            department = Department.objects.filter(name__iexact=value or "").first()
            if value and department is None:
                errors["department"] = f"There is no department called “{value}”."
            values["department"] = department.pk if department else ""
        elif name == "languages":
            value = value or []
            found = dict(Language.objects.filter(code__in=value).values_list("code", "pk"))
            unknown = [code for code in value if code not in found]
            if unknown:
                errors["languages"] = f"Unknown language code(s): {', '.join(unknown)}."
            values["languages"] = [str(pk) for pk in found.values()]
        elif name == "interests":
            values.update(_interest_values(value or [], errors))
        elif value is None:
            values[name] = ""
        else:
            values[name] = value.isoformat() if hasattr(value, "isoformat") else value
    if errors:
        raise ValidationError(errors)
    return values


def _interest_values(names: list[str], errors: dict) -> dict:
    if any("," in name for name in names):
        errors["interests"] = "An interest's name cannot contain a comma."
    lowered = [name.lower() for name in names]
    matches = Interest.objects.annotate(lowered=Lower("name")).filter(lowered__in=lowered)
    known = {interest.name.lower(): interest.pk for interest in matches}
    existing = [str(known[n.lower()]) for n in names if n.lower() in known]
    new = [n for n in names if n.lower() not in known]
    return {"interests": existing, "new_interests": ", ".join(new)}
