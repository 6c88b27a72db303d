import pytest

from tandem.people.models import Language, Skill, SkillAlias, SkillCategory
from tandem.people.taxonomy import taxonomy_load_current

pytestmark = pytest.mark.django_db


@pytest.fixture
def taxonomy():
    # Start from empty tables: the data migration may or may not have run in this database.
    SkillAlias.objects.all().delete()
    Skill.objects.all().delete()
    SkillCategory.objects.all().delete()
    Language.objects.all().delete()
    return taxonomy_load_current()


def test_the_taxonomy_has_at_least_150_skills_in_categories(taxonomy):
    assert taxonomy["skills"] >= 150
    assert Skill.objects.count() >= 150
    assert SkillCategory.objects.count() >= 10
    assert not Skill.objects.filter(category__isnull=True).exists()


def test_an_alias_finds_its_skill(taxonomy):
    assert list(Skill.objects.matching_name("public speaking")) == [
        Skill.objects.get(name="Presentation skills")
    ]
    assert Skill.objects.matching_name("PRESENTATION SKILLS").get().name == "Presentation skills"
    assert Skill.objects.matching_name("golang").get().name == "Go"


def test_no_alias_is_also_a_skill_name(taxonomy):
    names = {name.lower() for name in Skill.objects.values_list("name", flat=True)}
    aliases = [name.lower() for name in SkillAlias.objects.values_list("name", flat=True)]
    assert not names.intersection(aliases)
    assert len(aliases) == len(set(aliases))


def test_loading_twice_adds_nothing_and_keeps_admin_edits(taxonomy):
    python = Skill.objects.get(name="Python")
    python.description = "Our house style of Python"
    python.save()
    again = taxonomy_load_current()
    assert again == {"categories": 0, "skills": 0, "aliases": 0, "languages": 0}
    python.refresh_from_db()
    assert python.description == "Our house style of Python"


def test_languages_are_loaded_with_their_codes(taxonomy):
    assert Language.objects.get(code="es").name == "Spanish"
    assert Language.objects.count() >= 30
