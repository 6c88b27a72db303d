import pytest

from tandem.people.tests.factories import SkillAliasFactory, SkillCategoryFactory, SkillFactory


@pytest.fixture
def skills(db):
    """A small taxonomy: names, an alias, two categories."""
    communication = SkillCategoryFactory(name="Communication")
    engineering = SkillCategoryFactory(name="Software engineering")
    presentation = SkillFactory(name="Presentation skills", category=communication)
    SkillAliasFactory(skill=presentation, name="public speaking")
    return {
        "presentation": presentation,
        "negotiation": SkillFactory(name="Negotiation", category=communication),
        "python": SkillFactory(name="Python", category=engineering),
        "sql": SkillFactory(name="SQL", category=engineering),
    }


@pytest.fixture
def languages(db):
    from tandem.people.tests.factories import LanguageFactory

    return {
        "en": LanguageFactory(code="en", name="English"),
        "es": LanguageFactory(code="es", name="Spanish"),
    }
