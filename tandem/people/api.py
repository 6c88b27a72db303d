"""People, profiles and the skills taxonomy over the API: the rules of tandem/people/permissions.py,
the services of tandem/people/services.py."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, File, Query, Router, Schema, UploadedFile
from ninja.pagination import paginate

from tandem.api.schemas import ERRORS, BodyId, Filters, Id, InputSchema, PersonRef
from tandem.people import imports, permissions
from tandem.people.models import (
    Language,
    MeetingMode,
    Profile,
    ProfileSkill,
    Seniority,
    Skill,
    User,
)
from tandem.people.services import (
    profile_get_or_create,
    profile_skills_replace,
    profile_update_fields,
)
from tandem.people.views_import import upload_problem

router = Router(tags=["people"])

# --- schemas ---------------------------------------------------------------------------------


class SkillOut(Schema):
    id: int
    name: str
    category: str = Field(..., alias="category.name")
    description: str
    aliases: list[str]

    @staticmethod
    def resolve_aliases(skill) -> list[str]:
        return [alias.name for alias in skill.aliases.all()]


class HeldSkillOut(Schema):
    skill: int = Field(..., alias="skill_id")
    name: str = Field(..., alias="skill.name")
    level: int
    offers_mentoring: bool


class WantedSkillOut(Schema):
    skill: int = Field(..., alias="skill_id")
    name: str = Field(..., alias="skill.name")
    target_level: int


class PublicProfileOut(Schema):
    """What every colleague sees on a profile page (no e-mail, no birthday)."""

    id: int = Field(..., alias="user_id")
    name: str
    title: str
    department: str | None
    manager: PersonRef | None
    location: str
    bio: str
    career_goals: str
    time_zone: str
    languages: list[str]
    years_experience: int
    seniority: int
    meeting_mode: str
    availability_hours: int
    hire_date: date | None
    interests: list[str]
    skills: list[HeldSkillOut]
    wanted_skills: list[WantedSkillOut]

    @staticmethod
    def resolve_name(profile) -> str:
        return str(profile.user)

    @staticmethod
    def resolve_department(profile) -> str | None:
        return profile.department.name if profile.department else None

    @staticmethod
    def resolve_languages(profile) -> list[str]:
        return [language.code for language in profile.languages.all()]

    @staticmethod
    def resolve_interests(profile) -> list[str]:
        return [interest.name for interest in profile.interests.all()]

    @staticmethod
    def resolve_skills(profile):
        return list(profile.skills.all())

    @staticmethod
    def resolve_wanted_skills(profile):
        return list(profile.wanted_skills.all())


class MyProfileOut(PublicProfileOut):
    """My own profile: the public part, my e-mail and names, and my private fields."""

    email: str = Field(..., alias="user.email")
    first_name: str = Field(..., alias="user.first_name")
    last_name: str = Field(..., alias="user.last_name")
    birthday: date | None
    share_birthday: bool


class DirectoryPersonOut(PublicProfileOut):
    """A row of the people directory (global admins): the CSV export's columns but the
    birthday, which stays private."""

    email: str = Field(..., alias="user.email")
    first_name: str = Field(..., alias="user.first_name")
    last_name: str = Field(..., alias="user.last_name")
    manager_email: str | None
    is_active: bool = Field(..., alias="user.is_active")

    @staticmethod
    def resolve_manager_email(profile) -> str | None:
        return profile.manager.email if profile.manager else None


class ProfilePatch(InputSchema):
    """Only the fields sent change; null clears a field that may be empty."""

    first_name: str | None = Field(None, min_length=1, max_length=150)
    last_name: str | None = Field(None, min_length=1, max_length=150)
    title: str | None = Field(None, max_length=120)
    department: str | None = Field(None, max_length=120, description="A department's name.")
    manager_email: str | None = Field(None, max_length=254)
    bio: str | None = Field(None, max_length=10_000)
    location: str | None = Field(None, max_length=120)
    time_zone: str | None = Field(None, max_length=64, description="e.g. Europe/Paris")
    languages: list[str] | None = Field(None, max_length=40, description="ISO 639-1 codes")
    years_experience: int | None = Field(None, ge=0, le=70)
    seniority: Seniority | None = None
    career_goals: str | None = Field(None, max_length=10_000)
    interests: list[str] | None = Field(None, max_length=50)
    meeting_mode: MeetingMode | None = None
    availability_hours: int | None = Field(None, ge=0, le=160)
    hire_date: date | None = None
    birthday: date | None = None
    share_birthday: bool | None = None


class HeldSkillIn(InputSchema):
    skill: BodyId
    level: int = Field(..., ge=1, le=5)
    offers_mentoring: bool = False


class WantedSkillIn(InputSchema):
    skill: BodyId
    target_level: int = Field(4, ge=1, le=5)


class SkillsIn(InputSchema):
    skills: list[HeldSkillIn] = Field(..., max_length=100)
    wanted_skills: list[WantedSkillIn] = Field(..., max_length=100)


class DirectoryFilters(Filters):
    q: str | None = Field(None, max_length=200, description="Name, e-mail, title or department")
    department: str | None = Field(None, max_length=120, description="A department's name")
    seniority: Seniority | None = None
    language: str | None = Field(None, max_length=12, description="An ISO 639-1 code")
    skill: str | None = Field(None, max_length=80, description="A skill's name or alias")
    offers: bool = Field(False, description="Only people who offer to mentor in that skill")

    def filter_profiles(self, profiles):
        if self.q:
            profiles = profiles.search(self.q)
        if self.department:
            profiles = profiles.filter(department__name__iexact=self.department)
        if self.seniority:
            profiles = profiles.filter(seniority=self.seniority)
        if self.language:
            language = Language.objects.filter(code=self.language).first()
            profiles = profiles.speaking(language) if language else profiles.none()
        if self.skill:
            skills = Skill.objects.named_like(self.skill)
            profiles = profiles.holding(skills, offering_to_mentor=self.offers)
        return profiles


class SkillFilters(Filters):
    q: str | None = Field(None, max_length=80, description="Part of a skill's name or alias")
    category: str | None = Field(None, max_length=80)


class ImportRowError(Schema):
    row: int
    column: str
    value: str
    reason: str


class ImportOut(Schema):
    ok: bool
    dry_run: bool
    created: int
    updated: int
    unchanged: int
    errors: list[ImportRowError]


# --- helpers ---------------------------------------------------------------------------------


def _profiles():
    return Profile.objects.select_related("user", "department", "manager").prefetch_related(
        "languages",
        "interests",
        Prefetch("skills", queryset=ProfileSkill.objects.select_related("skill")),
        "wanted_skills__skill",
    )


def _get_person_for_user(viewer: User, user_id: int) -> User:
    person = get_object_or_404(User, pk=user_id, is_active=True)
    if not permissions.can_view_profile(viewer, person):
        raise Http404
    return person


def _my_profile(user: User) -> Profile:
    profile_get_or_create(user=user)
    return _profiles().get(user=user)


# --- endpoints -------------------------------------------------------------------------------


@router.get("/me", response={200: MyProfileOut, **ERRORS})
def my_profile(request):
    """My profile, with my private fields."""
    return _my_profile(request.user)


@router.patch("/me", response={200: MyProfileOut, **ERRORS})
def my_profile_update(request, payload: ProfilePatch):
    """Change some fields of my profile (the same rules as the profile page)."""
    profile = profile_get_or_create(user=request.user)
    profile_update_fields(profile=profile, changes=payload.dict(exclude_unset=True))
    return _my_profile(request.user)


@router.put("/me/skills", response={200: MyProfileOut, **ERRORS})
def my_skills_replace(request, payload: SkillsIn):
    """Replace my skills and the skills I want to grow."""
    profile = profile_get_or_create(user=request.user)
    data = payload.dict()
    profile_skills_replace(
        profile=profile, skills=data["skills"], wanted_skills=data["wanted_skills"]
    )
    return _my_profile(request.user)


@router.get("/skills", response={200: list[SkillOut], **ERRORS})
@paginate
def skill_list(request, filters: Query[SkillFilters]):
    """The skills taxonomy; `q` finds a skill by part of its name or one of its aliases."""
    skills = Skill.objects.select_related("category").prefetch_related("aliases")
    if filters.q:
        skills = skills.filter(Q(name__icontains=filters.q) | Q(aliases__name__icontains=filters.q))
    if filters.category:
        skills = skills.filter(category__name__iexact=filters.category)
    return skills.distinct().order_by("name")


@router.get("/", response={200: list[DirectoryPersonOut], **ERRORS})
@paginate
def directory(request, filters: Query[DirectoryFilters]):
    """The people directory (global program admins), filtered like the directory page."""
    permissions.require_people_admin(request.user)
    profiles = _profiles().filter(user__is_active=True)
    return filters.filter_profiles(profiles).order_by("user__last_name", "user__first_name", "pk")


@router.post("/import", response={200: ImportOut, **ERRORS})
def people_import(request, file: File[UploadedFile], dry_run: bool = False):
    """Import people from a CSV file (the directory's import format; global program admins).
    With `dry_run`, check every row and write nothing. Any bad row: nothing is written."""
    permissions.require_people_admin(request.user)
    problem = upload_problem(file)
    if problem:
        raise ValidationError({"file": problem})
    try:
        result = imports.people_import(data=file.read(), by=request.user, dry_run=dry_run)
    except imports.ImportFileError as error:
        raise ValidationError({"file": str(error)}) from None
    return {
        "ok": result.ok,
        "dry_run": result.dry_run,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "errors": [vars(e) for e in result.errors],
    }


@router.get("/{int:user_id}", response={200: PublicProfileOut, **ERRORS})
def profile(request, user_id: Id):
    """A colleague's public profile (what the profile page shows everyone)."""
    person = _get_person_for_user(request.user, user_id)
    profile_get_or_create(user=person)
    return _profiles().get(user=person)
