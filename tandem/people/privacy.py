"""What the people app holds about a person, and how it forgets them (tandem/privacy)."""

from django.db.models import Q

from tandem.people.models import Profile, User

ANONYMOUS_FIRST_NAME = "Former participant"


def personal_data(user: User) -> dict:
    profile = Profile.objects.filter(user=user).select_related("department", "manager").first()
    return {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "is_program_admin": user.is_program_admin,
        },
        "profile": _profile(profile) if profile else None,
    }


def _profile(profile: Profile) -> dict:
    return {
        "title": profile.title,
        "department": profile.department.name if profile.department else None,
        "manager": profile.manager.email if profile.manager else None,
        "bio": profile.bio,
        "location": profile.location,
        "time_zone": profile.time_zone,
        "languages": [language.code for language in profile.languages.all()],
        "years_experience": profile.years_experience,
        "seniority": profile.get_seniority_display(),
        "career_goals": profile.career_goals,
        "interests": [interest.name for interest in profile.interests.all()],
        "meeting_mode": profile.meeting_mode,
        "availability_hours": profile.availability_hours,
        "hire_date": profile.hire_date.isoformat() if profile.hire_date else None,
        "birthday": profile.birthday.isoformat() if profile.birthday else None,
        "share_birthday": profile.share_birthday,
        "skills": [
            {
                "skill": s.skill.name,
                "level": s.level,
                "offers_mentoring": s.offers_mentoring,
            }
            for s in profile.skills.select_related("skill")
        ],
        "wanted_skills": [
            {"skill": w.skill.name, "target_level": w.target_level}
            for w in profile.wanted_skills.select_related("skill")
        ],
    }


def erase(user: User) -> None:
    """Close the account and empty the profile; the row stays so that programs' numbers (who
    was enrolled, who mentored whom) still add up, pointing at an anonymous person."""
    Profile.objects.filter(manager=user).update(manager=None)
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        profile.skills.all().delete()
        profile.wanted_skills.all().delete()
        profile.languages.clear()
        profile.interests.clear()
        Profile.objects.filter(pk=profile.pk).update(
            title="",
            department=None,
            manager=None,
            bio="",
            location="",
            time_zone="UTC",
            career_goals="",
            hire_date=None,
            birthday=None,
            share_birthday=False,
        )
    _close_account(user)


def _close_account(user: User) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(Q(user=user) | Q(email__iexact=user.email)).delete()
    user.first_name = ANONYMOUS_FIRST_NAME
    user.last_name = ""
    user.email = f"erased-{user.pk}@erased.invalid"
    user.is_active = False
    user.is_staff = user.is_superuser = user.is_program_admin = False
    user.set_unusable_password()
    user.save()
