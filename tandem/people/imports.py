"""Import people from a CSV file: upsert by e-mail, all rows checked before anything is written.

The format (one header row; comma, semicolon or tab separated; UTF-8 with or without BOM):

    email               required, the key (case-insensitive)
    first_name, last_name, title, location, bio, career_goals     text
    department          a department name (created if new)
    manager_email       the manager's e-mail: in the same file (any row) or already in Tandem
    time_zone           an IANA name such as Europe/Paris
    languages           ISO codes or names separated by ';'  (en; Spanish)
    years_experience    a whole number 0–70
    seniority           1–7 or a label (Entry level, Junior, Mid-level, Senior, Lead / manager,
                        Director, Executive)
    interests           names separated by ';' (created if new)
    meeting_mode        in_person, virtual or either
    availability_hours  hours per month, 0–160
    hire_date, birthday YYYY-MM-DD
    skills              'Skill:level' separated by ';', a skill name or alias, level 1–5;
                        a trailing '*' marks expertise the person offers: 'Python:4*; SQL:3'
    wanted_skills       'Skill' or 'Skill:target level' separated by ';'  (Negotiation:4; SQL)
    is_active           yes/no (default yes for new people)

A column absent from the file leaves that field as it is; a column present is the truth for
every row (an empty cell clears the field). Any error in any row: nothing is written.
"""

import csv
import datetime
import io
import zoneinfo
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from tandem.people.models import (
    CareerEvent,
    CareerEventKind,
    Department,
    Interest,
    Language,
    MeetingMode,
    PeopleImport,
    Profile,
    ProfileSkill,
    Seniority,
    Skill,
    SkillAlias,
    User,
    WantedSkill,
)

COLUMNS = [
    "email",
    "first_name",
    "last_name",
    "title",
    "department",
    "manager_email",
    "location",
    "time_zone",
    "languages",
    "years_experience",
    "seniority",
    "bio",
    "career_goals",
    "interests",
    "meeting_mode",
    "availability_hours",
    "hire_date",
    "birthday",
    "skills",
    "wanted_skills",
    "is_active",
]
TEXT_LIMITS = {"first_name": 150, "last_name": 150, "title": 120, "location": 120}
PROFILE_FIELDS = [
    "title",
    "location",
    "bio",
    "career_goals",
    "time_zone",
    "years_experience",
    "seniority",
    "meeting_mode",
    "availability_hours",
    "hire_date",
    "birthday",
]
ZONES = zoneinfo.available_timezones()
TRUE, FALSE = {"yes", "y", "true", "1"}, {"no", "n", "false", "0"}


@dataclass
class RowError:
    row: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", {self.column}" if self.column else "")
        return f"{where}: {self.reason}"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportFileError(ValueError):
    """The file as a whole cannot be read (not text, no header, unknown columns…)."""


def read_csv(data: bytes | str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and rows (with their spreadsheet row numbers) of a CSV file, strictly."""
    text = _decode(data)
    if not text.strip():
        raise ImportFileError("The file is empty.")
    dialect = _sniff(text)
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = [_column_name(name) for name in next(reader)]
        return header, _rows(reader, header)
    except csv.Error as error:
        raise ImportFileError(f"This is not a readable CSV file: {error}.") from None


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    if b"\x00" in data[:4096]:
        raise ImportFileError("This is not a text file: upload a CSV file.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError("The file is not UTF-8 text: save it as “CSV UTF-8”.") from None


def _sniff(text: str):
    try:
        return csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _column_name(raw: str) -> str:
    return raw.strip().lower().replace(" ", "_").replace("-", "_")


def _rows(reader, header):
    rows = []
    for line_number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            rows.append((line_number, {"__too_many__": str(len(cells))}))
            continue
        cells += [""] * (len(header) - len(cells))
        values = {name: cell.strip() for name, cell in zip(header, cells, strict=True)}
        rows.append((line_number, values))
    return rows


def people_import(
    *,
    data: bytes | str,
    by: User | None = None,
    dry_run: bool = False,
    as_of: datetime.date | None = None,
):
    """Check every row, then write all of them in one transaction (unless dry_run), recording
    the career events the file shows (joined, left, promoted, moved) as of `as_of`."""
    header, rows = read_csv(data)
    _check_header(header)
    plan = _ImportPlan(columns=set(header))
    for number, row in rows:
        plan.check_row(number, row)
    plan.check_across_rows()
    result = ImportResult(errors=plan.errors, dry_run=dry_run)
    if plan.errors:
        return result
    result.created, result.updated, result.unchanged = plan.count_changes()
    if not dry_run:
        plan.write(by=by, as_of=as_of or datetime.date.today(), result=result)
    return result


def _check_header(header: list[str]) -> None:
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        raise ImportFileError(
            f"Unknown column(s): {', '.join(unknown)}. Known columns: {', '.join(COLUMNS)}."
        )
    if "email" not in header:
        raise ImportFileError("The file needs an “email” column: it identifies each person.")
    repeated = {name for name in header if header.count(name) > 1}
    if repeated:
        raise ImportFileError(f"Column(s) appear twice: {', '.join(sorted(repeated))}.")


class _Lookups:
    """Everything the checks need from the database, read once."""

    def __init__(self):
        self.users = {u.email.lower(): u for u in User.objects.all()}
        self.profiles = {p.user_id: p for p in Profile.objects.all()}
        self.departments = {d.name.lower(): d for d in Department.objects.all()}
        self.department_names = {d.pk: name for name, d in self.departments.items()}
        self.department_labels = {d.pk: d.name for d in self.departments.values()}
        self.emails = {u.pk: email for email, u in self.users.items()}
        self.languages = {}
        for language in Language.objects.all():
            self.languages[language.code.lower()] = language.pk
            self.languages[language.name.lower()] = language.pk
        self.skills = {s.name.lower(): s.pk for s in Skill.objects.all()}
        for alias in SkillAlias.objects.all():
            self.skills.setdefault(alias.name.lower(), alias.skill_id)
        self.interests = {i.name.lower(): i for i in Interest.objects.all()}
        self.interest_names = {i.pk: name for name, i in self.interests.items()}
        self.m2m = {"languages": {}, "interests": {}, "skills": {}, "wanted_skills": {}}
        for pid, lid in Profile.languages.through.objects.values_list("profile_id", "language_id"):
            self.m2m["languages"].setdefault(pid, set()).add(lid)
        for pid, iid in Profile.interests.through.objects.values_list("profile_id", "interest_id"):
            self.m2m["interests"].setdefault(pid, set()).add(iid)
        for pid, sid, level, offers in ProfileSkill.objects.values_list(
            "profile_id", "skill_id", "level", "offers_mentoring"
        ):
            self.m2m["skills"].setdefault(pid, set()).add((sid, level, offers))
        for pid, sid, level in WantedSkill.objects.values_list(
            "profile_id", "skill_id", "target_level"
        ):
            self.m2m["wanted_skills"].setdefault(pid, set()).add((sid, level))


class _ImportPlan:
    def __init__(self, *, columns: set[str]):
        self.columns = columns
        self.known = _Lookups()
        self.errors: list[RowError] = []
        self.rows: dict[str, dict] = {}  # e-mail → checked values
        self.row_numbers: dict[str, int] = {}

    def error(self, row: int, column: str, value: str, reason: str) -> None:
        self.errors.append(RowError(row, column, value[:80], reason))

    # --- one row at a time --------------------------------------------------------------

    def check_row(self, number: int, row: dict[str, str]) -> None:
        if "__too_many__" in row:
            self.error(number, "", "", f"{row['__too_many__']} cells but the header has fewer.")
            return
        email = self._email(number, row.get("email", ""))
        if email is None:
            return
        if email in self.rows:
            first = self.row_numbers[email]
            self.error(number, "email", email, f"{email} already appears in row {first}.")
            return
        values = {"email": email}
        for column in self.columns - {"email"}:
            checked = self._check_cell(number, column, row.get(column, ""))
            if checked is not _INVALID:
                values[column] = checked
        self.rows[email] = values
        self.row_numbers[email] = number

    def _email(self, number: int, raw: str) -> str | None:
        if not raw:
            self.error(number, "email", raw, "The e-mail address is missing.")
            return None
        try:
            validate_email(raw)
        except ValidationError:
            self.error(number, "email", raw, f"“{raw}” is not a valid e-mail address.")
            return None
        return raw.lower()

    def _check_cell(self, number: int, column: str, raw: str):
        try:
            return CELL_CHECKS.get(column, _text(column))(raw, self.known)
        except ValueError as problem:
            self.error(number, column, raw, str(problem))
            return _INVALID

    # --- across rows --------------------------------------------------------------------

    def check_across_rows(self) -> None:
        if "manager_email" not in self.columns:
            return
        for email, values in self.rows.items():
            manager = values.get("manager_email")
            if manager and manager not in self.rows and manager not in self.known.users:
                self.error(
                    self.row_numbers[email],
                    "manager_email",
                    manager,
                    f"No person with e-mail {manager} in the file or in Tandem.",
                )
            elif manager == email:
                self.error(
                    self.row_numbers[email],
                    "manager_email",
                    manager,
                    "A person cannot be their own manager.",
                )
        if not self.errors:
            self._check_cycles()

    def _check_cycles(self) -> None:
        managers = self._current_managers()
        for email, values in self.rows.items():
            managers[email] = values.get("manager_email")
        for email in self.rows:
            seen, current = {email}, managers.get(email)
            while current:
                if current in seen:
                    self.error(
                        self.row_numbers[email],
                        "manager_email",
                        self.rows[email].get("manager_email") or "",
                        f"The reporting line of {email} loops back on itself.",
                    )
                    break
                seen.add(current)
                current = managers.get(current)

    def _current_managers(self) -> dict[str, str | None]:
        by_id = self.known.emails
        return {
            by_id[p.user_id]: by_id.get(p.manager_id)
            for p in self.known.profiles.values()
            if p.user_id in by_id
        }

    # --- changes ------------------------------------------------------------------------

    def count_changes(self) -> tuple[int, int, int]:
        self.changes = {email: self._diff(email, values) for email, values in self.rows.items()}
        created = sum(1 for email in self.rows if email not in self.known.users)
        updated = sum(
            1 for email, diff in self.changes.items() if diff and email in self.known.users
        )
        return created, updated, len(self.rows) - created - updated

    def _diff(self, email: str, values: dict) -> set[str]:
        user = self.known.users.get(email)
        if user is None:
            return set(values)
        profile = self.known.profiles.get(user.pk)
        changed = set()
        for column, value in values.items():
            if column == "email":
                continue
            if _current(column, user, profile, self.known) != _comparable(column, value):
                changed.add(column)
        return changed

    @transaction.atomic
    def write(self, *, by: User | None, as_of: datetime.date, result: ImportResult) -> None:
        events = self.career_events()
        _Writer(self).run()
        record = PeopleImport.objects.create(
            by=by,
            as_of=as_of,
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
        )
        for event in events:
            event.people_import = record
            event.on = as_of
            if event.person_id is None:
                event.person = self.known.users[event.before]
                event.before = ""
        CareerEvent.objects.bulk_create(events, batch_size=2000)

    def career_events(self) -> list[CareerEvent]:
        """What the file changes in people's careers, read before anything is written."""
        events = []
        for email, diff in self.changes.items():
            user = self.known.users.get(email)
            if user is None:
                # Filled in once the account exists (the e-mail rides in `before` until then).
                events.append(CareerEvent(kind=CareerEventKind.JOINED, before=email))
                continue
            profile = self.known.profiles.get(user.pk)
            events += _career_changes(user, profile, diff, self.rows[email], self.known)
        return events


_INVALID = object()
_MISSING = object()


def _career_changes(user, profile, diff: set[str], values: dict, known) -> list[CareerEvent]:
    events = []

    def event(kind, before="", after=""):
        events.append(CareerEvent(person=user, kind=kind, before=before, after=after))

    if "is_active" in diff:
        event(CareerEventKind.REJOINED if values["is_active"] else CareerEventKind.LEFT)
    if profile is None:
        return events
    if "seniority" in diff:
        old, new = profile.seniority, values["seniority"]
        kind = CareerEventKind.PROMOTED if new > old else CareerEventKind.MOVED_DOWN
        event(kind, Seniority(old).label, Seniority(new).label)
    if "title" in diff and profile.title and values["title"]:
        event(CareerEventKind.TITLE_CHANGED, profile.title, values["title"])
    if "department" in diff and profile.department_id and values["department"]:
        before = known.department_labels.get(profile.department_id, "")
        event(CareerEventKind.DEPARTMENT_CHANGED, before, values["department"])
    return events


def _text(column: str):
    limit = TEXT_LIMITS.get(column)

    def check(raw: str, known) -> str:
        if limit and len(raw) > limit:
            raise ValueError(f"Too long: at most {limit} characters.")
        return raw

    return check


def _list(raw: str) -> list[str]:
    return [item.strip() for item in raw.split(";") if item.strip()]


def _manager(raw: str, known):
    if not raw:
        return None
    try:
        validate_email(raw)
    except ValidationError:
        raise ValueError(f"“{raw}” is not a valid e-mail address.") from None
    return raw.lower()


def _department(raw: str, known) -> str | None:
    if len(raw) > 120:
        raise ValueError("Too long: at most 120 characters.")
    return raw or None


def _time_zone(raw: str, known) -> str:
    if not raw:
        return "UTC"
    if raw not in ZONES:
        raise ValueError(f"“{raw}” is not a known time zone (use a name like Europe/Paris).")
    return raw


def _languages(raw: str, known) -> set[int]:
    found, unknown = set(), []
    for item in _list(raw):
        pk = known.languages.get(item.lower())
        (found.add(pk) if pk else unknown.append(item))
    if unknown:
        raise ValueError(f"Unknown language(s): {', '.join(unknown)}.")
    return found


def _whole(low: int, high: int, what: str):
    def check(raw: str, known) -> int:
        if not raw:
            return low if what != "availability" else 2
        try:
            value = int(raw)
        except ValueError:
            raise ValueError(f"“{raw}” is not a whole number.") from None
        if not low <= value <= high:
            raise ValueError(f"Must be between {low} and {high}.")
        return value

    return check


def _seniority(raw: str, known) -> int:
    if not raw:
        return Seniority.MID
    if raw.isdigit() and int(raw) in Seniority.values:
        return int(raw)
    by_label = {label.lower(): value for value, label in Seniority.choices}
    if raw.lower() in by_label:
        return by_label[raw.lower()]
    labels = ", ".join(label for _, label in Seniority.choices)
    raise ValueError(f"“{raw}” is not a seniority: use 1–7 or one of {labels}.")


def _meeting_mode(raw: str, known) -> str:
    value = raw.lower().replace(" ", "_") or MeetingMode.EITHER
    if value not in MeetingMode.values:
        raise ValueError(f"“{raw}” is not a meeting mode: use in_person, virtual or either.")
    return value


def _date(raw: str, known) -> datetime.date | None:
    if not raw:
        return None
    try:
        value = datetime.date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"“{raw}” is not a date in the form YYYY-MM-DD.") from None
    if value > datetime.date.today() + datetime.timedelta(days=366):
        raise ValueError("This date is too far in the future.")
    return value


def _interests(raw: str, known) -> list[str]:
    names = _list(raw)
    if any(len(name) > 60 for name in names):
        raise ValueError("An interest is longer than 60 characters.")
    return list(dict.fromkeys(names))


def _skill_entries(raw: str, known, *, default_level: int | None) -> dict[int, tuple]:
    entries: dict[int, tuple] = {}
    for item in _list(raw):
        offers = item.endswith("*")
        name, _, level_text = item.rstrip("*").partition(":")
        skill_id = known.skills.get(name.strip().lower())
        if skill_id is None:
            raise ValueError(
                f"Unknown skill “{name.strip()}”: use a name or alias of the taxonomy."
            )
        level = _level(level_text.strip(), name.strip(), default_level)
        if skill_id in entries:
            raise ValueError(f"“{name.strip()}” is listed twice.")
        entries[skill_id] = (level, offers)
    return entries


def _level(text: str, name: str, default: int | None) -> int:
    if not text:
        if default is None:
            raise ValueError(f"Give a level for {name}, like {name}:3.")
        return default
    if not text.isdigit() or not 1 <= int(text) <= 5:
        raise ValueError(f"The level of {name} must be 1 to 5, not “{text}”.")
    return int(text)


def _skills(raw: str, known) -> set[tuple]:
    entries = _skill_entries(raw, known, default_level=None)
    return {(pk, level, offers) for pk, (level, offers) in entries.items()}


def _wanted(raw: str, known) -> set[tuple]:
    entries = _skill_entries(raw, known, default_level=4)
    if any(offers for _, offers in entries.values()):
        raise ValueError("'*' (offers mentoring) belongs in the skills column.")
    return {(pk, level) for pk, (level, _) in entries.items()}


def _is_active(raw: str, known) -> bool:
    value = raw.lower() or "yes"
    if value not in TRUE | FALSE:
        raise ValueError(f"“{raw}” is not yes or no.")
    return value in TRUE


CELL_CHECKS = {
    "manager_email": _manager,
    "department": _department,
    "time_zone": _time_zone,
    "languages": _languages,
    "years_experience": _whole(0, 70, "years"),
    "seniority": _seniority,
    "interests": _interests,
    "meeting_mode": _meeting_mode,
    "availability_hours": _whole(0, 160, "availability"),
    "hire_date": _date,
    "birthday": _date,
    "skills": _skills,
    "wanted_skills": _wanted,
    "is_active": _is_active,
}


def _current(column: str, user: User, profile: Profile | None, known: _Lookups):
    """A field's value in the database, in the form the checks produce."""
    if column in ("first_name", "last_name", "is_active"):
        return getattr(user, column)
    if profile is None:
        return _MISSING
    if column in PROFILE_FIELDS:
        return getattr(profile, column)
    if column == "department":
        return known.department_names.get(profile.department_id)
    if column == "manager_email":
        return known.emails.get(profile.manager_id)
    if column == "interests":
        return {known.interest_names[pk] for pk in known.m2m["interests"].get(profile.pk, set())}
    return known.m2m[column].get(profile.pk, set())


def _comparable(column: str, value):
    if column == "department":
        return value.lower() if value else None
    if column == "interests":
        return {name.lower() for name in value}
    return value


class _Writer:
    """Turns a checked plan into rows, in bulk: a few queries whatever the file's size."""

    def __init__(self, plan: _ImportPlan):
        self.plan = plan
        self.known = plan.known

    def run(self) -> None:
        self._create_users()
        self._update_users()
        self._departments_and_interests()
        self._profiles()
        self._relations()

    def _create_users(self) -> None:
        unusable = make_password(None)
        new = [
            User(
                email=email,
                first_name=values.get("first_name", ""),
                last_name=values.get("last_name", ""),
                is_active=values.get("is_active", True),
                password=unusable,
            )
            for email, values in self.plan.rows.items()
            if email not in self.known.users
        ]
        User.objects.bulk_create(new, batch_size=1000)
        self.created = {user.email for user in new}
        for user in User.objects.filter(email__in=[u.email for u in new]):
            self.known.users[user.email] = user

    def _update_users(self) -> None:
        changed = []
        for email, diff in self.plan.changes.items():
            fields = diff & {"first_name", "last_name", "is_active"}
            if fields and email not in self.created:
                user = self.known.users[email]
                for name in fields:
                    setattr(user, name, self.plan.rows[email][name])
                changed.append(user)
        User.objects.bulk_update(changed, ["first_name", "last_name", "is_active"], batch_size=1000)

    def _departments_and_interests(self) -> None:
        names = {v["department"] for v in self.plan.rows.values() if v.get("department")}
        missing = {n.lower(): n for n in names if n.lower() not in self.known.departments}
        Department.objects.bulk_create([Department(name=n) for n in missing.values()])
        self.known.departments = {d.name.lower(): d for d in Department.objects.all()}
        new: dict[str, str] = {}  # the first spelling in the file wins
        for values in self.plan.rows.values():
            for name in values.get("interests", []):
                if name.lower() not in self.known.interests:
                    new.setdefault(name.lower(), name)
        Interest.objects.bulk_create([Interest(name=n) for n in new.values()])
        self.known.interests = {i.name.lower(): i for i in Interest.objects.all()}

    def _profiles(self) -> None:
        to_create, to_update, fields = [], [], set()
        for email, values in self.plan.rows.items():
            user = self.known.users[email]
            profile = self.known.profiles.get(user.pk)
            diff = self.plan.changes[email]
            if profile is None:
                profile = Profile(user=user)
                to_create.append(profile)
            elif diff & self._profile_columns():
                to_update.append(profile)
            for column in diff & self._profile_columns():
                fields.add(self._apply(profile, column, values[column]))
        Profile.objects.bulk_create(to_create, batch_size=1000)
        if to_update and fields:
            Profile.objects.bulk_update(to_update, sorted(fields), batch_size=1000)
        self.known.profiles = {p.user_id: p for p in Profile.objects.all()}

    def _profile_columns(self) -> set[str]:
        return set(PROFILE_FIELDS) | {"department", "manager_email"}

    def _apply(self, profile: Profile, column: str, value) -> str:
        if column == "department":
            profile.department = self.known.departments[value.lower()] if value else None
            return "department"
        if column == "manager_email":
            profile.manager = self.known.users[value] if value else None
            return "manager"
        setattr(profile, column, value)
        return column

    def _relations(self) -> None:
        touched = {
            column: [e for e, diff in self.plan.changes.items() if column in diff]
            for column in ("languages", "interests", "skills", "wanted_skills")
        }
        profile_of = {e: self.known.profiles[self.known.users[e].pk] for e in self.plan.rows}
        self._replace_m2m(
            Profile.languages.through, "language_id", "languages", touched, profile_of, lambda v: v
        )
        self._replace_m2m(
            Profile.interests.through,
            "interest_id",
            "interests",
            touched,
            profile_of,
            lambda names: {self.known.interests[n.lower()].pk for n in names},
        )
        self._replace_skills(touched["skills"], touched["wanted_skills"], profile_of)

    def _replace_m2m(self, through, key, column, touched, profile_of, ids) -> None:
        emails = touched[column]
        if not emails:
            return
        profiles = [profile_of[e].pk for e in emails]
        through.objects.filter(profile_id__in=profiles).delete()
        rows = [
            through(profile_id=profile_of[e].pk, **{key: pk})
            for e in emails
            for pk in ids(self.plan.rows[e][column])
        ]
        through.objects.bulk_create(rows, batch_size=2000)

    def _replace_skills(self, skill_emails, wanted_emails, profile_of) -> None:
        ProfileSkill.objects.filter(
            profile_id__in=[profile_of[e].pk for e in skill_emails]
        ).delete()
        ProfileSkill.objects.bulk_create(
            [
                ProfileSkill(
                    profile=profile_of[e], skill_id=sid, level=level, offers_mentoring=offers
                )
                for e in skill_emails
                for sid, level, offers in self.plan.rows[e]["skills"]
            ],
            batch_size=2000,
        )
        WantedSkill.objects.filter(
            profile_id__in=[profile_of[e].pk for e in wanted_emails]
        ).delete()
        WantedSkill.objects.bulk_create(
            [
                WantedSkill(profile=profile_of[e], skill_id=sid, target_level=level)
                for e in wanted_emails
                for sid, level in self.plan.rows[e]["wanted_skills"]
            ],
            batch_size=2000,
        )
