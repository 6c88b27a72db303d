"""Workflows about people that touch more than one model."""

from django.db import transaction

from tandem.people.models import Profile, User


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
