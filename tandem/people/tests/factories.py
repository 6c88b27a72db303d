import factory
from factory.django import DjangoModelFactory

from tandem.people.models import (
    Department,
    Interest,
    Language,
    Profile,
    ProfileSkill,
    Skill,
    SkillAlias,
    SkillCategory,
    User,
    WantedSkill,
)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("tandem-test")
    profile = factory.RelatedFactory("tandem.people.tests.factories.ProfileFactory", "user")


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Department {n}")


class ProfileFactory(DjangoModelFactory):
    class Meta:
        model = Profile
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory, profile=None)
    title = factory.Faker("job")
    time_zone = "Europe/Paris"


class LanguageFactory(DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ("code",)

    code = "en"
    name = "English"


class InterestFactory(DjangoModelFactory):
    class Meta:
        model = Interest
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Interest {n}")


class SkillCategoryFactory(DjangoModelFactory):
    class Meta:
        model = SkillCategory
        django_get_or_create = ("name",)

    name = "Communication"


class SkillFactory(DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Skill {n}")
    category = factory.SubFactory(SkillCategoryFactory)


class SkillAliasFactory(DjangoModelFactory):
    class Meta:
        model = SkillAlias
        django_get_or_create = ("name",)

    skill = factory.SubFactory(SkillFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class ProfileSkillFactory(DjangoModelFactory):
    class Meta:
        model = ProfileSkill

    profile = factory.SubFactory(ProfileFactory)
    skill = factory.SubFactory(SkillFactory)
    level = 3


class WantedSkillFactory(DjangoModelFactory):
    class Meta:
        model = WantedSkill

    profile = factory.SubFactory(ProfileFactory)
    skill = factory.SubFactory(SkillFactory)
