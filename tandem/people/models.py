"""Accounts, profiles, the skills taxonomy and the organisation's structure."""

import zoneinfo
from datetime import date

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

TIME_ZONES = sorted(zoneinfo.available_timezones() - {"Factory", "localtime"})


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"“{value}” is not a known time zone (use a name like Europe/Paris).")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """An account. Everyone is a participant; some are program admins, globally or per program."""

    username = None
    email = models.EmailField("e-mail address", unique=True)
    is_program_admin = models.BooleanField(
        "program admin (all programs)",
        default=False,
        help_text="Can create programs and manage every program, people and imports.",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        # Lists of people read in name order a page at a time (the directory, pickers).
        indexes = [models.Index(fields=["last_name", "first_name"], name="user_name_order")]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def is_global_admin(self) -> bool:
        return self.is_active and (self.is_superuser or self.is_program_admin)


class Department(models.Model):
    name = models.CharField(max_length=120, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Language(models.Model):
    code = models.CharField(max_length=12, unique=True, help_text="ISO 639-1 code, e.g. es")
    name = models.CharField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class InterestManager(models.Manager):
    def get_or_create_by_name(self, name: str) -> "Interest":
        existing = self.filter(name__iexact=name.strip()).first()
        return existing or self.create(name=name.strip())


class Interest(models.Model):
    name = models.CharField(max_length=60)

    objects = InterestManager()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="interest_name_unique_ci")]

    def __str__(self) -> str:
        return self.name


class SkillCategory(models.Model):
    name = models.CharField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "skill categories"

    def __str__(self) -> str:
        return self.name


class SkillQuerySet(models.QuerySet):
    def matching_name(self, name: str) -> "SkillQuerySet":
        """Skills whose name or one of whose aliases is `name`, ignoring case."""
        name = name.strip()
        return self.filter(
            models.Q(name__iexact=name) | models.Q(aliases__name__iexact=name)
        ).distinct()

    def named_like(self, text: str) -> "SkillQuerySet":
        """The skills `text` names exactly (or by an alias); failing that, those whose name or
        an alias contains it."""
        exact = self.matching_name(text)
        if exact.exists():
            return exact
        return self.filter(models.Q(name__icontains=text) | models.Q(aliases__name__icontains=text))


class Skill(models.Model):
    name = models.CharField(max_length=80)
    category = models.ForeignKey(SkillCategory, on_delete=models.PROTECT, related_name="skills")
    description = models.CharField(max_length=240, blank=True)

    objects = SkillQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="skill_name_unique_ci")]

    def __str__(self) -> str:
        return self.name


class SkillAlias(models.Model):
    """Another name people use for a skill ("public speaking" for "Presentation skills")."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "skill aliases"
        constraints = [models.UniqueConstraint(Lower("name"), name="skill_alias_unique_ci")]

    def __str__(self) -> str:
        return f"{self.name} → {self.skill.name}"


class Seniority(models.IntegerChoices):
    ENTRY = 1, "Entry level"
    JUNIOR = 2, "Junior"
    MID = 3, "Mid-level"
    SENIOR = 4, "Senior"
    LEAD = 5, "Lead / manager"
    DIRECTOR = 6, "Director"
    EXECUTIVE = 7, "Executive"


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIRTUAL = "virtual", "Virtual"
    EITHER = "either", "Either"


class ProfileQuerySet(models.QuerySet):
    def search(self, text: str) -> "ProfileQuerySet":
        q = models.Q()
        for word in text.split():
            q &= (
                models.Q(user__first_name__icontains=word)
                | models.Q(user__last_name__icontains=word)
                | models.Q(user__email__icontains=word)
                | models.Q(title__icontains=word)
                | models.Q(department__name__icontains=word)
            )
        return self.filter(q)

    # Many-valued filters are subqueries, so each profile stays one row and the directory needs
    # no DISTINCT (over a large organisation it would sort every column of every profile).

    def speaking(self, language) -> "ProfileQuerySet":
        """Those who speak `language` (a Language or its pk)."""
        speakers = Profile.languages.through.objects.filter(language=language)
        return self.filter(pk__in=speakers.values("profile"))

    def holding(self, skills, *, offering_to_mentor: bool = False) -> "ProfileQuerySet":
        """Those who list one of `skills`, if asked only those who offer to mentor in it."""
        held = ProfileSkill.objects.filter(skill__in=skills)
        if offering_to_mentor:
            held = held.filter(offers_mentoring=True)
        return self.filter(pk__in=held.values("profile"))


class Profile(models.Model):
    """What a person tells the program about themself (DESIGN.md §1)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    title = models.CharField("job title", max_length=120, blank=True)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    manager = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="direct_reports",
        help_text="The person this one reports to.",
    )
    bio = models.TextField("background", blank=True)
    location = models.CharField(max_length=120, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    languages = models.ManyToManyField(Language, blank=True, related_name="speakers")
    years_experience = models.PositiveSmallIntegerField(
        "years of experience", default=0, validators=[MaxValueValidator(70)]
    )
    seniority = models.PositiveSmallIntegerField(choices=Seniority.choices, default=Seniority.MID)
    career_goals = models.TextField(blank=True)
    interests = models.ManyToManyField(Interest, blank=True, related_name="profiles")
    meeting_mode = models.CharField(
        "preferred meeting mode",
        max_length=12,
        choices=MeetingMode.choices,
        default=MeetingMode.EITHER,
    )
    availability_hours = models.PositiveSmallIntegerField(
        "availability (hours per month)", default=2, validators=[MaxValueValidator(160)]
    )
    hire_date = models.DateField(null=True, blank=True)
    birthday = models.DateField(
        null=True, blank=True, help_text="Private: only you see it unless you choose to share it."
    )
    share_birthday = models.BooleanField(
        default=False, help_text="Let your mentoring partners see your birthday."
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(availability_hours__lte=160), name="profile_availability_max"
            ),
            models.CheckConstraint(
                condition=~models.Q(manager=models.F("user")), name="profile_not_own_manager"
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("people:profile", args=[self.user_id])

    def managers_above(self) -> list[User]:
        """The whole reporting line above this person, nearest first (cycles are cut)."""
        chain, seen = [], {self.user_id}
        current = self.manager
        while current is not None and current.pk not in seen:
            chain.append(current)
            seen.add(current.pk)
            current = getattr(getattr(current, "profile", None), "manager", None)
        return chain

    def clean(self) -> None:
        if self.manager_id and self.manager_id == self.user_id:
            raise ValidationError({"manager": "A person cannot be their own manager."})
        if self.manager_id and self.user_id in {m.pk for m in self._manager_chain_of_manager()}:
            raise ValidationError({"manager": "This would make a loop in the reporting line."})
        if self.birthday and self.birthday > date.today():
            raise ValidationError({"birthday": "A birthday cannot be in the future."})

    def _manager_chain_of_manager(self) -> list[User]:
        manager_profile = getattr(self.manager, "profile", None)
        return manager_profile.managers_above() if manager_profile else []


class SkillLevel(models.IntegerChoices):
    AWARE = 1, "1 – Aware"
    BEGINNER = 2, "2 – Beginner"
    PRACTITIONER = 3, "3 – Practitioner"
    ADVANCED = 4, "4 – Advanced"
    EXPERT = 5, "5 – Expert"


class ProfileSkill(models.Model):
    """A skill a person has, at a level; `offers_mentoring` makes it expertise they share."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="holders")
    level = models.PositiveSmallIntegerField(choices=SkillLevel.choices)
    offers_mentoring = models.BooleanField(
        "I can mentor others in this", default=False, help_text="Expertise you offer."
    )

    class Meta:
        ordering = ["-level", "skill__name"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "skill"], name="profile_skill_unique"),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5), name="profile_skill_level_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill} ({self.level})"


class WantedSkill(models.Model):
    """A skill a person wants to grow, with the level they aim for."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="wanted_skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="wanted_by")
    target_level = models.PositiveSmallIntegerField(
        choices=SkillLevel.choices,
        default=SkillLevel.ADVANCED,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )

    class Meta:
        ordering = ["skill__name"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "skill"], name="wanted_skill_unique"),
            models.CheckConstraint(
                condition=models.Q(target_level__gte=1, target_level__lte=5),
                name="wanted_skill_level_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"wants {self.skill}"


class PeopleImport(models.Model):
    """One people import that was written: who ran it, when, what it changed. Imports are how an
    organisation tells Tandem who joined, left, moved or was promoted."""

    by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    as_of = models.DateField(help_text="The date the file describes (usually the day it was run).")
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"Import of {self.as_of:%Y-%m-%d} ({self.created} new, {self.updated} changed)"


class CareerEventKind(models.TextChoices):
    JOINED = "joined", "Joined the organisation"
    LEFT = "left", "Left the organisation"
    REJOINED = "rejoined", "Came back"
    PROMOTED = "promoted", "Moved up a seniority level"
    MOVED_DOWN = "moved_down", "Moved down a seniority level"
    TITLE_CHANGED = "title_changed", "New job title"
    DEPARTMENT_CHANGED = "department_changed", "Moved to another department"


class CareerEvent(models.Model):
    """A change in someone's career as the organisation's data showed it (from an import):
    what outcome reports compare between mentored and not-yet-mentored people."""

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="career_events")
    kind = models.CharField(max_length=20, choices=CareerEventKind.choices)
    before = models.CharField(max_length=200, blank=True)
    after = models.CharField(max_length=200, blank=True)
    on = models.DateField()
    people_import = models.ForeignKey(
        PeopleImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )

    class Meta:
        ordering = ["-on", "pk"]
        indexes = [models.Index(fields=["kind", "on"], name="career_event_kind_on")]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()} on {self.on}"
