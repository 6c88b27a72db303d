import pytest

from tandem.people.imports import ImportFileError, people_import
from tandem.people.models import Profile, ProfileSkill, User, WantedSkill
from tandem.people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD = (
    "email,first_name,last_name,title,department,manager_email,time_zone,languages,seniority,"
    "skills,wanted_skills,interests\n"
    "tom.reed@example.com,Tom,Reed,Account Executive,Sales,ana.lima@example.com,Europe/London,"
    "en,Junior,Python:3,public speaking:4; SQL,Chess\n"
    "ana.lima@example.com,Ana,Lima,Head of Sales,Sales,,America/Sao_Paulo,en; Spanish,Director,"
    "public speaking:5*; Negotiation:4*,,Running; chess\n"
)


@pytest.fixture
def taxonomy(skills, languages):
    return skills


def _import(text, **kwargs):
    return people_import(data=text.encode(), **kwargs)


def _only_error(result):
    assert len(result.errors) == 1, result.errors
    error = result.errors[0]
    return error.row, error.column, error.reason


def test_a_good_file_creates_people_with_managers_in_any_order(taxonomy):
    result = _import(GOOD)
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    tom = Profile.objects.get(user__email="tom.reed@example.com")
    assert tom.manager.email == "ana.lima@example.com"
    assert tom.department.name == "Sales"
    assert tom.seniority == 2
    assert set(tom.languages.values_list("code", flat=True)) == {"en"}
    assert list(tom.interests.values_list("name", flat=True)) == ["Chess"]
    assert not tom.user.has_usable_password()


def test_skills_are_found_by_alias_with_levels_and_expertise(taxonomy):
    _import(GOOD)
    ana = Profile.objects.get(user__email="ana.lima@example.com")
    held = {(s.skill.name, s.level, s.offers_mentoring) for s in ana.skills.all()}
    assert held == {("Presentation skills", 5, True), ("Negotiation", 4, True)}
    tom = Profile.objects.get(user__email="tom.reed@example.com")
    wanted = {(w.skill.name, w.target_level) for w in tom.wanted_skills.all()}
    assert wanted == {("Presentation skills", 4), ("SQL", 4)}


def test_importing_the_same_file_again_changes_nothing(taxonomy):
    _import(GOOD)
    again = _import(GOOD)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_a_changed_field_updates_only_that_person(taxonomy):
    _import(GOOD)
    result = _import(GOOD.replace("Account Executive", "Senior Account Executive"))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert Profile.objects.get(user__email="tom.reed@example.com").title == (
        "Senior Account Executive"
    )


def test_an_absent_column_is_left_alone_and_an_empty_cell_clears(taxonomy):
    _import(GOOD)
    _import("email,title\ntom.reed@example.com,\n")
    tom = Profile.objects.get(user__email="tom.reed@example.com")
    assert tom.title == ""
    assert tom.manager.email == "ana.lima@example.com"  # manager_email column absent
    assert tom.skills.count() == 1


def test_an_existing_manager_in_tandem_is_found(taxonomy):
    UserFactory(email="boss@example.com")
    result = _import("email,manager_email\nnew@example.com,BOSS@example.com\n")
    assert result.ok
    assert Profile.objects.get(user__email="new@example.com").manager.email == "boss@example.com"


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        ("not-an-email,Ann", "email", "“not-an-email” is not a valid e-mail address."),
        (",Ann", "email", "The e-mail address is missing."),
    ],
)
def test_bad_email_rows(taxonomy, row, column, reason):
    result = _import(f"email,first_name\nok@example.com,Ok\n{row}\n")
    assert _only_error(result) == (3, column, reason)
    assert not User.objects.exists()


CELL_ERRORS = [
    ("time_zone", "Mars/Olympus", "“Mars/Olympus” is not a known time zone"),
    ("languages", "en; Klingon", "Unknown language(s): Klingon."),
    ("seniority", "Wizard", "“Wizard” is not a seniority"),
    ("years_experience", "ten", "“ten” is not a whole number."),
    ("availability_hours", "500", "Must be between 0 and 160."),
    ("meeting_mode", "telepathy", "“telepathy” is not a meeting mode"),
    ("hire_date", "31/12/2020", "“31/12/2020” is not a date in the form YYYY-MM-DD."),
    ("skills", "Juggling:3", "Unknown skill “Juggling”"),
    ("skills", "Python", "Give a level for Python, like Python:3."),
    ("skills", "Python:9", "The level of Python must be 1 to 5, not “9”."),
    ("skills", "Python:3; python:4", "“python” is listed twice."),
    ("wanted_skills", "SQL:4*", "'*' (offers mentoring) belongs in the skills column."),
    ("is_active", "perhaps", "“perhaps” is not yes or no."),
    ("manager_email", "not an email", "“not an email” is not a valid e-mail address."),
]


@pytest.mark.parametrize(("column", "value", "reason"), CELL_ERRORS)
def test_each_kind_of_bad_cell_is_reported_with_row_column_and_reason(
    taxonomy, column, value, reason
):
    text = f'email,{column}\nfine@example.com,\nbad@example.com,"{value}"\n'
    if column in {"skills", "wanted_skills", "languages", "manager_email"}:
        text = f'email,{column}\nbad@example.com,"{value}"\n'
    result = _import(text)
    row, error_column, error_reason = _only_error(result)
    assert (error_column, row) == (column, 3 if "fine@" in text else 2)
    assert reason in error_reason
    assert not User.objects.exists()


def test_a_manager_nobody_knows_is_an_error(taxonomy):
    result = _import("email,manager_email\na@example.com,ghost@example.com\n")
    assert _only_error(result) == (
        2,
        "manager_email",
        "No person with e-mail ghost@example.com in the file or in Tandem.",
    )


def test_a_duplicate_email_is_an_error(taxonomy):
    result = _import("email\na@example.com\nb@example.com\nA@example.com\n")
    assert _only_error(result) == (4, "email", "a@example.com already appears in row 2.")


def test_a_reporting_loop_is_an_error_and_nothing_is_written(taxonomy):
    result = _import(
        "email,manager_email\na@example.com,b@example.com\nb@example.com,a@example.com\n"
    )
    assert {(e.row, e.column) for e in result.errors} == {
        (2, "manager_email"),
        (3, "manager_email"),
    }
    assert "loops back" in result.errors[0].reason
    assert not User.objects.exists()


def test_a_row_with_too_many_cells_is_an_error(taxonomy):
    result = _import("email,title\na@example.com,Boss,extra\n")
    assert _only_error(result)[0] == 2


def test_one_bad_row_among_good_ones_writes_nothing(taxonomy):
    result = _import(GOOD + "bad@example.com,,,,,,Nowhere/Land,,,,,\n")
    assert not result.ok
    assert not User.objects.exists()
    assert not ProfileSkill.objects.exists() and not WantedSkill.objects.exists()


def test_semicolon_separated_files_with_a_bom_are_read(taxonomy):
    text = "\ufeffEmail;First Name;Skills\na@example.com;Ann;Python:2\n"
    result = people_import(data=text.encode("utf-8"))
    assert result.ok, result.errors
    assert User.objects.get().first_name == "Ann"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\x00\x01\x02binary", "This is not a text file"),
        ("email\nzoë@example.com\n".encode("latin-1"), "not UTF-8"),
        (b"email,shoe_size\na@example.com,42\n", "Unknown column(s): shoe_size."),
        (b"first_name,title\nAnn,Boss\n", "needs an “email” column"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_as_a_whole(taxonomy, data, message):
    with pytest.raises(ImportFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        people_import(data=data)


def test_a_dry_run_counts_but_writes_nothing(taxonomy):
    result = _import(GOOD, dry_run=True)
    assert (result.created, result.dry_run) == (2, True)
    assert not User.objects.exists()
