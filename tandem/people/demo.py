"""A believable demo organisation: people in a reporting tree, profiles, two programs.

Deterministic: the same seed and the same day give the same data. Dates are relative to the
day it runs so that "new hires" are always recent.
"""

import datetime
import json
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from faker import Faker

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
from tandem.people.taxonomy import DATA_DIR, taxonomy_load_current
from tandem.programs.models import (
    Enrollment,
    EnrollmentAnswer,
    EnrollmentQuestion,
    Program,
    ProgramStatusChange,
)

DEMO_PASSWORD = "tandem-demo"
ADMIN_EMAIL, MENTOR_EMAIL, MENTEE_EMAIL = (
    "admin@example.com",
    "mentor@example.com",
    "mentee@example.com",
)

OFFICES = [
    # (location, time zone, Faker locale, languages besides English, weight)
    ("London", "Europe/London", "en_GB", ["fr"], 5),
    ("New York", "America/New_York", "en_US", ["es"], 5),
    ("Berlin", "Europe/Berlin", "de_DE", ["de"], 3),
    ("Bangalore", "Asia/Kolkata", "en_IN", ["hi"], 3),
    ("São Paulo", "America/Sao_Paulo", "pt_BR", ["pt", "es"], 2),
    ("Madrid", "Europe/Madrid", "es_ES", ["es"], 2),
    ("Paris", "Europe/Paris", "fr_FR", ["fr"], 2),
]

# Department → (skill categories its people draw on, title stems by seniority band)
DEPARTMENTS = {
    "Engineering": (
        ["Software engineering", "Data and analytics"],
        [
            "Software Engineer",
            "Software Engineer",
            "Senior Software Engineer",
            "Engineering Manager",
        ],
    ),
    "Product": (
        ["Product and design", "Strategy and business"],
        ["Associate Product Manager", "Product Manager", "Senior Product Manager", "Group PM"],
    ),
    "Design": (
        ["Product and design", "Communication"],
        ["Junior Designer", "Product Designer", "Senior Product Designer", "Design Manager"],
    ),
    "Data": (
        ["Data and analytics", "Software engineering"],
        ["Data Analyst", "Data Scientist", "Senior Data Scientist", "Analytics Manager"],
    ),
    "Sales": (
        ["Sales and customers", "Communication"],
        ["Sales Development Rep", "Account Executive", "Senior Account Executive", "Sales Manager"],
    ),
    "Customer Success": (
        ["Sales and customers", "Communication"],
        ["Support Specialist", "Customer Success Manager", "Senior CSM", "Head of Support Team"],
    ),
    "Marketing": (
        ["Marketing", "Communication"],
        [
            "Marketing Coordinator",
            "Marketing Manager",
            "Senior Marketing Manager",
            "Marketing Lead",
        ],
    ),
    "Finance": (
        ["Finance", "Strategy and business"],
        ["Financial Analyst", "Accountant", "Senior Financial Analyst", "Finance Manager"],
    ),
    "People": (
        ["People and HR", "Leadership and management"],
        [
            "People Coordinator",
            "HR Business Partner",
            "Senior HR Business Partner",
            "People Manager",
        ],
    ),
    "Operations": (
        ["Operations and projects", "Finance"],
        ["Operations Associate", "Project Manager", "Senior Program Manager", "Operations Manager"],
    ),
    "Legal": (
        ["Legal and compliance", "Communication"],
        ["Legal Assistant", "Counsel", "Senior Counsel", "Legal Manager"],
    ),
}
SHARED_CATEGORIES = ["Leadership and management", "Personal effectiveness", "Communication"]

CAREER_GOALS = [
    "I want to grow into {next_role} within two years, and get better at {want}.",
    "Become confident in {want} so I can take on larger projects.",
    "Move towards {next_role}; I need to strengthen {want} and learn how decisions are made.",
    "Build a network across the company and learn {want} from someone who has done it.",
    "Lead my first team. I'd like help with {want}.",
]
BIOS = [
    "{title} in {dept}, based in {city}. I work mostly on {skill} "
    "and enjoy {interest} outside work.",
    "I joined the {dept} team in {year}. Before that I spent years on {skill}. "
    "Ask me about {interest}.",
    "{title} with a background in {skill}. Happy to share what I learnt the hard way.",
]


@dataclass
class DemoPerson:
    email: str
    first_name: str
    last_name: str
    department: str
    seniority: int
    title: str
    office: tuple
    manager: "DemoPerson | None" = None
    hire_date: datetime.date | None = None
    fixed: bool = False
    extra: dict = field(default_factory=dict)


def demo_exists() -> bool:
    return User.objects.filter(email=ADMIN_EMAIL).exists()


@transaction.atomic
def demo_reset() -> None:
    Program.objects.all().delete()
    User.objects.all().delete()
    Department.objects.all().delete()
    Interest.objects.all().delete()


@transaction.atomic
def demo_build(*, people: int = 320, seed: int = 2026, today: datetime.date | None = None):
    """Build the whole demo; returns a summary of what was created."""
    today = today or datetime.date.today()
    taxonomy_load_current()
    builder = _DemoBuilder(seed=seed, today=today)
    cast = builder.org_chart(people)
    users = builder.save_people(cast)
    programs = builder.programs(cast, users)
    return {"people": len(users), "programs": len(programs)}


class _DemoBuilder:
    def __init__(self, *, seed: int, today: datetime.date):
        self.rng = random.Random(seed)
        self.today = today
        self.fakers = {}
        for index, office in enumerate(OFFICES):
            faker = Faker(office[2])
            faker.seed_instance(seed + index)
            self.fakers[office[2]] = faker
        self.used_emails: set[str] = {ADMIN_EMAIL, MENTOR_EMAIL, MENTEE_EMAIL}
        self.skills_by_category: dict[str, list[Skill]] = {}
        for skill in Skill.objects.select_related("category").order_by("name"):
            self.skills_by_category.setdefault(skill.category.name, []).append(skill)
        self.languages = {language.code: language for language in Language.objects.all()}
        names = json.loads((DATA_DIR / "interests.json").read_text(encoding="utf-8"))
        self.interests = [Interest.objects.get_or_create(name=name)[0] for name in names]

    # --- the organisation chart ---------------------------------------------------------

    def org_chart(self, size: int) -> list[DemoPerson]:
        ceo = self._person("Executive", 7, "Chief Executive Officer", years_ago=(6, 9))
        ceo.department = "Operations"
        cast = [ceo]
        departments = list(DEPARTMENTS)
        heads = {}
        for name in departments:
            head = self._person(name, 6, f"Head of {name}", manager=ceo, years_ago=(3, 8))
            heads[name] = head
            cast.append(head)
        managers = {name: [] for name in departments}
        for name in departments:
            for _ in range(2 if name in {"Legal", "Finance", "Design"} else 3):
                stem = DEPARTMENTS[name][1][3]
                manager = self._person(name, 5, stem, manager=heads[name], years_ago=(2, 7))
                managers[name].append(manager)
                cast.append(manager)
        cast += self._fixed_people(heads, managers)
        weights = [
            3 if d in {"Engineering", "Sales", "Customer Success"} else 1 for d in departments
        ]
        while len(cast) < size:
            name = self.rng.choices(departments, weights)[0]
            cast.append(self._individual_contributor(name, self.rng.choice(managers[name])))
        return cast

    def _fixed_people(self, heads, managers) -> list[DemoPerson]:
        london, new_york = OFFICES[0], OFFICES[1]
        admin = DemoPerson(
            ADMIN_EMAIL,
            "Alex",
            "Morgan",
            "People",
            5,
            "Mentoring Program Lead",
            london,
            manager=heads["People"],
            fixed=True,
        )
        admin.hire_date = self.today - datetime.timedelta(days=4 * 365 + 40)
        mentor = DemoPerson(
            MENTOR_EMAIL,
            "Maria",
            "Santos",
            "Engineering",
            4,
            "Senior Software Engineer",
            new_york,
            manager=managers["Engineering"][0],
            fixed=True,
            extra={"languages": ["en", "es", "pt"]},
        )
        mentor.hire_date = self.today - datetime.timedelta(days=6 * 365 + 100)
        mentee = DemoPerson(
            MENTEE_EMAIL,
            "Theo",
            "Becker",
            "Engineering",
            2,
            "Software Engineer",
            OFFICES[2],
            manager=managers["Engineering"][1],
            fixed=True,
            extra={"languages": ["en", "de"]},
        )
        mentee.hire_date = self.today - datetime.timedelta(days=21)
        return [admin, mentor, mentee]

    def _individual_contributor(self, department: str, manager: DemoPerson) -> DemoPerson:
        seniority = self.rng.choices([1, 2, 3, 4], [2, 4, 4, 3])[0]
        title = DEPARTMENTS[department][1][min(seniority - 1, 2)]
        if seniority == 4:
            title = DEPARTMENTS[department][1][2]
        person = self._person(department, seniority, title, manager=manager, years_ago=(0, 6))
        if self.rng.random() < 0.18:  # about one in six joined in the last three months
            person.hire_date = self.today - datetime.timedelta(days=self.rng.randint(3, 90))
        return person

    def _person(self, department, seniority, title, manager=None, years_ago=(0, 5)):
        office = self.rng.choices(OFFICES, [o[4] for o in OFFICES])[0]
        faker = self.fakers[office[2]]
        first, last = faker.first_name(), faker.last_name()
        email = self._email(first, last)
        person = DemoPerson(email, first, last, department, seniority, title, office, manager)
        days = self.rng.randint(years_ago[0] * 365, years_ago[1] * 365 + 200)
        person.hire_date = self.today - datetime.timedelta(days=days)
        return person

    def _email(self, first: str, last: str) -> str:
        def clean(name: str) -> str:
            return "".join(c for c in name.lower() if c.isascii() and c.isalnum())

        base = f"{clean(first)}.{clean(last)}".strip(".") or "person"
        email, n = f"{base}@example.com", 1
        while email in self.used_emails:
            n += 1
            email = f"{base}{n}@example.com"
        self.used_emails.add(email)
        return email

    # --- saving -------------------------------------------------------------------------

    def save_people(self, cast: list[DemoPerson]) -> dict[str, User]:
        password = make_password(DEMO_PASSWORD)
        departments = {name: Department.objects.get_or_create(name=name)[0] for name in DEPARTMENTS}
        users = User.objects.bulk_create(
            [
                User(
                    email=p.email,
                    first_name=p.first_name,
                    last_name=p.last_name,
                    password=password,
                    is_program_admin=p.email == ADMIN_EMAIL,
                    is_superuser=p.email == ADMIN_EMAIL,
                    is_staff=p.email == ADMIN_EMAIL,
                )
                for p in cast
            ]
        )
        by_email = {u.email: u for u in User.objects.filter(email__in=[p.email for p in cast])}
        profiles = Profile.objects.bulk_create(
            [self._profile(p, by_email, departments) for p in cast]
        )
        for person, profile in zip(cast, profiles, strict=True):
            self._skills_and_tastes(person, profile)
        return {u.email: u for u in users} | by_email

    def _profile(self, p: DemoPerson, users, departments) -> Profile:
        years = {1: (0, 2), 2: (1, 4), 3: (3, 7), 4: (6, 12), 5: (8, 16), 6: (12, 22), 7: (18, 30)}
        low, high = years[p.seniority]
        birthday = None
        if self.rng.random() < 0.4:
            birthday = datetime.date(
                self.rng.randint(1965, 2002), self.rng.randint(1, 12), self.rng.randint(1, 28)
            )
        return Profile(
            user=users[p.email],
            title=p.title,
            department=departments.get(p.department),
            manager=users[p.manager.email] if p.manager else None,
            location=p.office[0],
            time_zone=p.office[1],
            years_experience=self.rng.randint(low, high),
            seniority=p.seniority,
            meeting_mode=self.rng.choices(["either", "virtual", "in_person"], [5, 3, 2])[0],
            availability_hours=self.rng.choice([2, 2, 3, 4, 4, 6, 8]),
            hire_date=p.hire_date,
            birthday=birthday,
            share_birthday=birthday is not None and self.rng.random() < 0.5,
        )

    def _skills_and_tastes(self, p: DemoPerson, profile: Profile) -> None:
        own = DEPARTMENTS.get(p.department, (["Leadership and management"], []))[0]
        pool = [s for c in own for s in self.skills_by_category.get(c, [])]
        shared = [s for c in SHARED_CATEGORIES for s in self.skills_by_category.get(c, [])]
        has = self.rng.sample(pool, min(len(pool), self.rng.randint(3, 6)))
        has += self.rng.sample(shared, self.rng.randint(1, 3))
        has = list(dict.fromkeys(has))
        if p.email == MENTOR_EMAIL:
            has = self._named("Python", "System design", "Code review", "Presentation skills") + has
            has = list(dict.fromkeys(has))[:8]
        rows = []
        for skill in has:
            level = max(1, min(5, p.seniority - 1 + self.rng.randint(-1, 1) + (skill in pool)))
            offers = level >= 4 and p.seniority >= 3 and self.rng.random() < 0.7
            rows.append(
                ProfileSkill(profile=profile, skill=skill, level=level, offers_mentoring=offers)
            )
        ProfileSkill.objects.bulk_create(rows)
        candidates = list(dict.fromkeys(s for s in pool + shared if s not in has))
        wanted = self.rng.sample(candidates, min(len(candidates), self.rng.randint(1, 4)))
        if p.email == MENTEE_EMAIL:
            wanted = self._named("System design", "Presentation skills", "Code review")
        WantedSkill.objects.bulk_create(
            [
                WantedSkill(profile=profile, skill=s, target_level=self.rng.choice([3, 4, 4, 5]))
                for s in wanted
            ]
        )
        codes = p.extra.get("languages") or ["en"] + [
            c for c in p.office[3] if self.rng.random() < 0.7
        ]
        profile.languages.set([self.languages[c] for c in codes if c in self.languages])
        profile.interests.set(self.rng.sample(self.interests, self.rng.randint(2, 4)))
        self._write_story(p, profile, has, wanted)

    def _named(self, *names: str) -> list[Skill]:
        return [Skill.objects.get(name=name) for name in names]

    def _write_story(self, p, profile, has, wanted) -> None:
        stems = DEPARTMENTS.get(p.department, (None, ["", "", "", "Manager"]))[1]
        next_role = stems[min(p.seniority, 3)] if p.seniority < 5 else "a director role"
        want = " and ".join(s.name.lower() for s in wanted[:2]) or "leadership"
        interest = profile.interests.first()
        profile.career_goals = self.rng.choice(CAREER_GOALS).format(
            next_role=_article(next_role), want=want
        )
        profile.bio = self.rng.choice(BIOS).format(
            title=p.title,
            dept=p.department,
            city=p.office[0],
            skill=has[0].name.lower(),
            interest=interest.name.lower() if interest else "books",
            year=p.hire_date.year if p.hire_date else self.today.year,
        )
        profile.save(update_fields=["career_goals", "bio"])

    # --- programs -----------------------------------------------------------------------

    def programs(self, cast: list[DemoPerson], users: dict[str, User]) -> list[Program]:
        admin = users[ADMIN_EMAIL]
        onboarding = self._program(
            admin,
            name=f"New-hire onboarding {self.today.year}",
            slug="new-hire-onboarding",
            purpose="onboarding",
            format="mentoring",
            matching_mode="admin",
            meeting_frequency="fortnightly",
            description=ONBOARDING_DESCRIPTION,
            mentor_guidelines=ONBOARDING_MENTOR_GUIDELINES,
            mentee_guidelines=ONBOARDING_MENTEE_GUIDELINES,
            questions=[
                ("What would make your first six months a success?", "text", "", "mentee"),
                ("How do you prefer to meet?", "choice", "In person\nVirtual\nNo preference", ""),
                ("Why do you want to mentor a new colleague?", "text", "", "mentor"),
            ],
        )
        peer = self._program(
            admin,
            name="Peer mentoring circle",
            slug="peer-mentoring-circle",
            purpose="peer",
            format="mutual",
            matching_mode="admin",
            meeting_frequency="monthly",
            description=PEER_DESCRIPTION,
            mentor_guidelines=PEER_GUIDELINES,
            mentee_guidelines=PEER_GUIDELINES,
            questions=[
                ("What can you teach a peer?", "text", "", ""),
                ("What do you want to learn from a peer?", "text", "", ""),
            ],
        )
        self._enroll_onboarding(onboarding, cast, users)
        self._enroll_peers(peer, cast, users)
        return [onboarding, peer]

    def _program(self, admin, *, questions, **fields) -> Program:
        start = self.today + datetime.timedelta(days=21)
        program = Program.objects.create(
            start_date=start,
            end_date=start + datetime.timedelta(days=182),
            enrollment_deadline=start - datetime.timedelta(days=7),
            mentor_capacity_default=2,
            status="enrolling",
            created_by=admin,
            **fields,
        )
        program.admins.add(admin)
        ProgramStatusChange.objects.create(
            program=program, from_status="draft", to_status="enrolling", by=admin
        )
        for position, (text, kind, choices, role) in enumerate(questions):
            EnrollmentQuestion.objects.create(
                program=program,
                text=text,
                kind=kind,
                choices=choices,
                for_role=role,
                position=position,
                required=kind != "text" or position == 0,
            )
        return program

    def _enroll_onboarding(self, program, cast, users) -> None:
        recent = self.today - datetime.timedelta(days=90)
        mentees = [p for p in cast if p.hire_date and p.hire_date >= recent and p.seniority <= 3]
        mentees = [p for p in mentees if p.email != MENTEE_EMAIL][:39]
        seasoned = self.today - datetime.timedelta(days=2 * 365)
        mentors = [
            p
            for p in cast
            if 4 <= p.seniority <= 5
            and p.hire_date
            and p.hire_date <= seasoned
            and p.email not in {MENTOR_EMAIL, ADMIN_EMAIL}
        ]
        mentors = self.rng.sample(mentors, min(24, len(mentors)))
        fixed = [p for p in cast if p.email in {MENTOR_EMAIL, MENTEE_EMAIL}]
        for person in fixed + mentees + mentors:
            role = "mentor" if person in mentors or person.email == MENTOR_EMAIL else "mentee"
            capacity = None
            if role == "mentor":
                capacity = 2 if person.fixed else self.rng.choice([1, 2, 2, 3])
            self._enroll(program, users[person.email], role, capacity, fixed=person.fixed)

    def _enroll_peers(self, program, cast, users) -> None:
        peers = [p for p in cast if p.seniority in (2, 3) and not p.fixed]
        for person in self.rng.sample(peers, min(30, len(peers))):
            self._enroll(program, users[person.email], "peer", None, fixed=False)

    def _enroll(self, program, user, role, capacity, *, fixed) -> None:
        status = (
            "approved"
            if fixed
            else self.rng.choices(["approved", "pending", "waitlisted"], [8, 2, 1])[0]
        )
        enrollment = Enrollment.objects.create(
            program=program,
            person=user,
            role=role,
            status=status,
            capacity=capacity,
            motivation=self.rng.choice(MOTIVATIONS[role]),
            decided_by=program.created_by if status != "pending" else None,
        )
        for question in program.questions.all():
            if question.for_role and question.for_role != role:
                continue
            answer = (
                self.rng.choice(question.choice_list())
                if question.kind == "choice"
                else (
                    self.rng.choice(
                        ANSWERS.get(question.text, ["Learning from someone experienced."])
                    )
                )
            )
            EnrollmentAnswer.objects.create(enrollment=enrollment, question=question, answer=answer)


def _article(role: str) -> str:
    if role.startswith("a "):
        return role
    return ("an " if role[0].lower() in "aeiou" else "a ") + role


ONBOARDING_DESCRIPTION = (
    "Every new colleague is paired with an experienced mentor from another team for their "
    "first six months: someone to ask the questions you would not ask your manager, to learn "
    "how things really get done here, and to build your network from day one."
)
ONBOARDING_MENTOR_GUIDELINES = """\
Meet your mentee within their first two weeks, then every two weeks.
Listen first: ask what they hope to gain before you offer advice.
Share how things really work here (people, tools, unwritten rules) and the mistakes you made.
Introduce your mentee to at least two colleagues who can help them.
Keep what they tell you confidential unless they are at risk.
If you must cancel, say so at least a day ahead and propose a new time."""
ONBOARDING_MENTEE_GUIDELINES = """\
You lead the relationship: come to each meeting with a question or a topic.
Write down two or three goals for your first six months and share them with your mentor.
Be on time and say early if you cannot make it.
Ask for feedback, and give it: tell your mentor what helps you most.
What you discuss stays between the two of you."""
PEER_DESCRIPTION = (
    "Two colleagues from different teams mentor each other: each brings a skill the other "
    "wants to learn. Monthly conversations for six months."
)
PEER_GUIDELINES = """\
Both of you are mentor and mentee: agree in the first meeting what each will teach.
Split the time fairly, and take turns to set the agenda.
Try things between meetings and bring back what happened.
Be honest and kind in your feedback; what is said stays between you."""
MOTIVATIONS = {
    "mentee": [
        "I'm new and want to find my way around faster.",
        "I'd like someone outside my team to learn from.",
        "I want to understand how decisions are made here.",
    ],
    "mentor": [
        "Someone helped me when I joined; I want to do the same.",
        "I enjoy helping people grow and learn from them too.",
        "I'd like to practise coaching.",
    ],
    "peer": [
        "I want to learn from someone in another team and share what I know.",
        "Teaching is the best way to learn.",
    ],
}
ANSWERS = {
    "What would make your first six months a success?": [
        "Shipping my first project and knowing who to ask for what.",
        "Feeling confident in my role and having a network outside my team.",
        "Understanding our customers and how my work helps them.",
    ],
    "Why do you want to mentor a new colleague?": MOTIVATIONS["mentor"],
    "What can you teach a peer?": [
        "SQL and reporting.",
        "Presenting to executives.",
        "Agile planning.",
    ],
    "What do you want to learn from a peer?": ["Negotiation.", "Python basics.", "Storytelling."],
}
