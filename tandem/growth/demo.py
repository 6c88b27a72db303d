"""The growth part of the demo (a DEMO_STEPS entry): a training catalogue, programs' competency
lists, and for every active or completed mentorship in the database — whatever the earlier
steps made — goals with milestones (some reached, celebrated and congratulated), development
plans at every stage of their review, and 360° assessments answered by self, mentor, supervisor
and co-workers (some by three or more, some by fewer), a second one for long mentorships.

Deterministic for a seed and a day; all history lies between a mentorship's start and today.
Rows are written directly (no notifications, no e-mail): this is a picture of the past."""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from tandem.growth.links import rater_token_new
from tandem.growth.models import (
    ActivityKind,
    Assessment,
    AssessmentCompetency,
    AssessmentStatus,
    Celebration,
    CelebrationKind,
    Congratulation,
    DevelopmentPlan,
    Goal,
    GoalStatus,
    GoalUpdate,
    GoalUpdateKind,
    ItemStatus,
    Milestone,
    PlanItem,
    PlanStatus,
    PlanSuggestion,
    PlanVersion,
    PlanVersionItem,
    ProgramCompetency,
    Rater,
    RaterGroup,
    Rating,
    ReviewOutcome,
    SuggestionState,
    Training,
    TrainingCompletion,
)
from tandem.mentorships.models import Mentorship, MentorshipStatus
from tandem.people.demo import MENTEE_EMAIL
from tandem.people.models import ProfileSkill, Skill, User
from tandem.programs.models import Program

COMPETENCIES_BY_PURPOSE = {
    "onboarding": [
        ("Stakeholder communication", "Keeps the right people informed without being asked."),
        ("Written communication", "Writes so that others can act on it."),
        ("Problem solving", "Breaks a fuzzy problem down and asks for help early."),
        ("Time management", "Plans the week and says no when it is full."),
        ("Giving feedback", "Gives specific, kind and timely feedback."),
    ],
    "peer": [
        ("Active listening", "Hears the question behind the question."),
        ("Giving feedback", "Gives specific, kind and timely feedback."),
        ("Coaching", "Asks before telling."),
        ("Facilitation", "Runs a meeting where everyone speaks."),
        ("Self-awareness", "Knows their strengths and blind spots."),
    ],
}
DEFAULT_COMPETENCIES = [
    ("Presentation skills", "Explains clearly to any audience."),
    ("Decision making", "Decides with the information at hand and explains why."),
    ("Giving feedback", "Gives specific, kind and timely feedback."),
    ("Influencing", "Brings people along without authority."),
]

OUTSIDE_TRAINING = [
    (
        "Speaking with confidence",
        "course",
        "The Speaking School",
        "6 weeks, 2 h a week",
        ["Presentation skills", "Storytelling"],
        "Short talks every week, filmed and reviewed, until speaking to a room feels normal.",
    ),
    (
        "Crucial Conversations (book)",
        "source",
        "McGraw Hill",
        "",
        ["Difficult conversations", "Giving feedback"],
        "How to talk when stakes are high, opinions vary and emotions run strong.",
    ),
    (
        "Negotiation fundamentals",
        "course",
        "Open University",
        "4 weeks",
        ["Negotiation", "Influencing"],
        "Interests, options and walk-away points, practised in role plays with feedback.",
    ),
    (
        "Designing Data-Intensive Applications (book)",
        "source",
        "O'Reilly",
        "",
        ["System design"],
        "The reference on how data systems really behave: storage, replication, streams.",
    ),
    (
        "Writing well at work",
        "course",
        "Plain Words Institute",
        "3 half-days",
        ["Written communication", "Technical writing"],
        "Write e-mails, proposals and documentation that people read and act on.",
    ),
    (
        "The Manager's Path (book)",
        "source",
        "O'Reilly",
        "",
        ["People management", "Delegation", "Coaching"],
        "From tech lead to manager of managers: what changes at each step.",
    ),
    (
        "Facilitation masterclass",
        "course",
        "Meeting Lab",
        "2 days",
        ["Facilitation", "Active listening"],
        "Design and run workshops and meetings where everyone contributes.",
    ),
]
GOAL_TEMPLATES = [
    {
        "title": "Present confidently to {audience}",
        "specific": "Give a 15-minute presentation on my work to {audience}, without reading.",
        "criteria": "Delivered on time; at least three questions answered; feedback of 4/5.",
        "milestones": [
            "Outline agreed with my mentor",
            "Dry run with a friendly group",
            "Slides reviewed",
            "The presentation itself",
        ],
        "skill": "Presentation skills",
    },
    {
        "title": "Own my first project end to end",
        "specific": "Lead a small project from the brief to its release, as its owner.",
        "criteria": "Shipped by the target date; stakeholders updated every week.",
        "milestones": [
            "Brief written and agreed",
            "Plan shared with stakeholders",
            "First milestone delivered",
            "Retrospective held",
        ],
        "skill": "Stakeholder communication",
    },
    {
        "title": "Build my network across the company",
        "specific": "Meet people in three other departments and learn how they work with us.",
        "criteria": "Eight coffee chats; one joint initiative started.",
        "milestones": ["List of people to meet", "First four chats", "All eight chats"],
        "skill": "Networking",
    },
    {
        "title": "Give useful feedback to my team",
        "specific": "Give each teammate specific feedback at least once a month.",
        "criteria": "Teammates say in the next survey that my feedback helps them.",
        "milestones": [
            "Read about feedback models",
            "Practise with my mentor",
            "First round with the team",
        ],
        "skill": "Giving feedback",
    },
    {
        "title": "Get fluent in {skill}",
        "specific": "Use {skill} in my daily work without needing help.",
        "criteria": "Two pieces of work done alone, reviewed by an expert as solid.",
        "milestones": ["Course or book chosen", "First piece of work", "Expert review"],
        "skill": None,
    },
]
AUDIENCES = ["my department", "the leadership team", "a customer", "the all-hands"]
COMMENTS = [
    "Proud of you — this was not easy.",
    "Good progress. What will you do differently next time?",
    "Let's talk about this at our next meeting.",
    "You were clearer than you think. Keep going!",
]
CONGRATULATIONS = [
    "Well done! 🎉",
    "Brilliant — that was a big step.",
    "Congratulations, you earned this.",
    "So happy for you. On to the next one!",
]
PLAN_STAGES = ["agreed", "changes", "submitted", "agreed", "draft"]
SUGGESTION_COMMENTS = [
    "Could you make this more concrete? What will you do each week?",
    "A later date would be more realistic with your workload.",
    "Ana in marketing would be a great person to learn this from.",
    "Love this one.",
]


@dataclass
class _Counts:
    goals: int = 0
    reached: int = 0
    plans: int = 0
    assessments: int = 0
    with_three: int = 0
    trainings: int = 0


def reset() -> None:
    """The training catalogue is demo data too; its sharing sessions need their colleague, so
    they go before the people do."""
    Training.objects.all().delete()


def step(*, seed: int, today: datetime.date) -> str:
    """Add the growth demo on top of the mentorships present; returns a summary line."""
    builder = _GrowthDemo(seed=seed, today=today)
    with transaction.atomic():
        builder.competency_lists()
        builder.catalogue()
        for mentorship in builder.mentorships():
            builder.mentorship(mentorship)
        builder.sharing_sessions()
    c = builder.counts
    c.trainings = Training.objects.active().count()
    return (
        f"Growth: {c.goals} goals ({c.reached} reached), {c.plans} development plans, "
        f"{c.assessments} 360° assessments ({c.with_three} with 3+ co-workers), "
        f"{c.trainings} trainings in the catalogue."
    )


class _GrowthDemo:
    def __init__(self, *, seed: int, today: datetime.date):
        self.seed = seed
        self.rng = random.Random(f"growth-catalogue-{seed}")
        self.today = today
        self.counts = _Counts()
        self.skills = {s.name: s for s in Skill.objects.all()}
        self.trainings: list[Training] = []

    def _at(self, day: datetime.date, hour: int = 10) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)

    # --- catalogue and competencies --------------------------------------------------------

    def competency_lists(self) -> None:
        for program in Program.objects.order_by("pk"):
            if program.competencies.exists():
                continue
            listed = COMPETENCIES_BY_PURPOSE.get(program.purpose, DEFAULT_COMPETENCIES)
            ProgramCompetency.objects.bulk_create(
                ProgramCompetency(
                    program=program, skill=self.skills[name], description=text, position=i
                )
                for i, (name, text) in enumerate(listed)
                if name in self.skills
            )

    def catalogue(self) -> None:
        if Training.objects.exists():
            self.trainings = list(Training.objects.order_by("pk"))
            return
        admin = User.objects.filter(is_program_admin=True).order_by("pk").first()
        for title, kind, provider, duration, names, text in OUTSIDE_TRAINING:
            self._training(
                title=title,
                kind=kind,
                provider=provider,
                duration=duration,
                names=names,
                added_by=admin,
                description=text,
                format="self_paced" if kind == "source" else "virtual",
            )
        experts = list(
            ProfileSkill.objects.filter(offers_mentoring=True, level__gte=4)
            .select_related("profile__user", "skill")
            .order_by("skill__name", "profile__user__email")
        )
        by_skill = {}
        for expert in experts:  # one session per skill
            by_skill.setdefault(expert.skill_id, expert)
        experts = list(by_skill.values())
        for expert in self.rng.sample(experts, min(6, len(experts))):
            self._training(
                title=f"{expert.skill.name}: an introduction",
                kind="internal",
                expert=expert.profile.user,
                added_by=admin,
                duration="2 hours",
                names=[expert.skill.name],
                format=self.rng.choice(["in_person", "virtual"]),
                starts_on=self.today + datetime.timedelta(days=self.rng.randint(7, 60)),
                description=f"{expert.profile.user.get_short_name()} shares how they work with "
                f"{_lower(expert.skill.name)} day to day, with exercises.",
            )
        self.trainings = list(Training.objects.order_by("pk"))
        self.counts.trainings = len(self.trainings)

    def sharing_sessions(self) -> None:
        """Two colleagues who finished an outside training offer to teach it."""
        if Training.objects.filter(kind="sharing").exists():
            return
        done = TrainingCompletion.objects.filter(training__kind__in=["course", "source"])
        if not done.exists():  # nobody finished one in their plan yet: two mentors did anyway
            people = User.objects.filter(mentorships_as_mentor__isnull=False).distinct()
            people = list(people.order_by("email")[:2]) or list(User.objects.order_by("email")[:2])
            outside = [t for t in self.trainings if t.is_outside][:2]
            for person, course in zip(people, outside, strict=False):
                TrainingCompletion.objects.create(
                    training=course,
                    person=person,
                    completed_on=self.today - datetime.timedelta(days=30),
                )
        for completion in done.select_related("training", "person").order_by("pk")[:2]:
            course = completion.training
            session = Training.objects.create(
                title=f"What I learnt: {course.title}"[:160],
                kind="sharing",
                expert=completion.person,
                based_on=course,
                added_by=completion.person,
                format="in_person",
                duration="1 hour",
                starts_on=self.today + datetime.timedelta(days=14),
                location="The big meeting room",
                description=f"{completion.person.get_short_name()} finished “{course.title}” and "
                "shares the three ideas that changed how they work, with time for questions.",
            )
            session.skills.set(course.skills.all())
            self.counts.trainings += 1

    def _training(self, *, names, **fields) -> Training:
        training = Training.objects.create(**fields)
        training.skills.set([self.skills[n] for n in names if n in self.skills])
        return training

    # --- mentorships ------------------------------------------------------------------------

    def mentorships(self):
        return (
            Mentorship.objects.filter(
                status__in=[
                    MentorshipStatus.ACTIVE,
                    MentorshipStatus.PAUSED,
                    MentorshipStatus.COMPLETED,
                ]
            )
            .exclude(goals__isnull=False)
            .select_related("program", "mentor__profile", "mentee__profile")
            .order_by("pk")
        )

    def mentorship(self, mentorship: Mentorship) -> None:
        # One random stream per pair, named by its people: the same history whatever else the
        # database holds (ids, the catalogue made or found).
        self.rng = random.Random(
            f"growth-{self.seed}-{mentorship.mentor.email}-{mentorship.mentee.email}"
        )
        start = timezone.localdate(mentorship.started_at or mentorship.created_at)
        end = timezone.localdate(mentorship.ended_at) if mentorship.ended_at else self.today
        start = min(start, end)
        completed = mentorship.status == MentorshipStatus.COMPLETED
        for person in mentorship.people():
            if not mentorship.is_growing(person):
                continue
            partner = mentorship.partner_of(person)
            for template in self.rng.sample(GOAL_TEMPLATES, self.rng.choice([1, 2, 2, 3])):
                self.goal(template, mentorship, person, partner, start, end, completed)
            self.plan(mentorship, person, partner, start, end, completed)
            showcase = person.email == MENTEE_EMAIL  # the demo login sees every part
            if (end - start).days >= 21 and (showcase or self.rng.random() < 0.5):
                self.assessments(mentorship, person, partner, start, end)

    # --- goals ------------------------------------------------------------------------------

    def goal(self, template, mentorship, person, partner, start, end, completed) -> None:
        wanted = [w.skill.name for w in person.profile.wanted_skills.select_related("skill")]
        skill = template["skill"] or (self.rng.choice(wanted) if wanted else "Problem solving")
        fill = {"audience": self.rng.choice(AUDIENCES), "skill": _lower(skill)}
        created = start + datetime.timedelta(days=self.rng.randint(1, 10))
        created = min(created, self.today)
        target = created + datetime.timedelta(days=self.rng.randint(75, 170))
        goal = Goal.objects.create(
            owner=person,
            mentorship=mentorship,
            title=template["title"].format(**fill)[:160],
            specific=template["specific"].format(**fill),
            success_criteria=template["criteria"],
            career_goal=(person.profile.career_goals or "")[:300],
            why_it_matters=f"It is what my role asks of me next, and {partner.get_short_name()} "
            "has done it before.",
            target_date=target,
            created_at=self._at(created),
            updated_at=self._at(created),
        )
        self.counts.goals += 1
        dates = (created, target, end)
        self._milestones(goal, template["milestones"], person, partner, dates, completed)

    def _milestones(self, goal, names, person, partner, dates, completed) -> None:
        created, target, end = dates
        span = (target - created).days
        reached = 0
        for index, title in enumerate(names):
            due = created + datetime.timedelta(days=span * (index + 1) // (len(names) + 1))
            milestone = Milestone.objects.create(
                goal=goal, title=title, due_date=due, position=index
            )
            done_on = due - datetime.timedelta(days=self.rng.randint(0, 6))
            if done_on <= end and done_on > created and self.rng.random() < 0.8:
                self._reach_milestone(milestone, person, partner, done_on)
                reached += 1
        progress = min(95, round(100 * reached / len(names)) + self.rng.randint(-5, 10))
        self._progress_updates(goal, person, partner, created, end, max(0, progress))
        if reached == len(names) and (completed or self.rng.random() < 0.6):
            self._reach_goal(goal, person, partner, min(end, target))
        elif completed and self.rng.random() < 0.3:
            goal.status = GoalStatus.DROPPED
            goal.save(update_fields=["status"])
            GoalUpdate.objects.create(
                goal=goal,
                author=person,
                kind=GoalUpdateKind.SET_ASIDE,
                text="Priorities changed with the reorganisation.",
                created_at=self._at(end),
            )

    def _reach_milestone(self, milestone, person, partner, day) -> None:
        milestone.reached_at = self._at(day, 15)
        milestone.save(update_fields=["reached_at"])
        GoalUpdate.objects.create(
            goal=milestone.goal,
            author=person,
            kind=GoalUpdateKind.MILESTONE,
            text=milestone.title,
            created_at=milestone.reached_at,
        )
        self._celebrate(milestone.goal, person, partner, day, milestone)

    def _reach_goal(self, goal, person, partner, day) -> None:
        goal.status, goal.progress, goal.reached_at = GoalStatus.REACHED, 100, self._at(day, 16)
        goal.updated_at = goal.reached_at
        goal.save()
        GoalUpdate.objects.create(
            goal=goal,
            author=person,
            kind=GoalUpdateKind.REACHED,
            progress=100,
            text="Done — and it went better than I feared.",
            created_at=goal.reached_at,
        )
        self._celebrate(goal, person, partner, day)
        self.counts.reached += 1

    def _celebrate(self, goal, person, partner, day, milestone=None) -> None:
        celebration = Celebration.objects.create(
            mentorship=goal.mentorship,
            person=person,
            kind=CelebrationKind.MILESTONE if milestone else CelebrationKind.GOAL,
            goal=goal,
            milestone=milestone,
            at=self._at(day, 16),
        )
        later = day + datetime.timedelta(days=1)
        if later <= self.today and self.rng.random() < 0.65:
            Congratulation.objects.create(
                celebration=celebration,
                author=partner,
                text=self.rng.choice(CONGRATULATIONS),
                created_at=self._at(later, 9),
            )

    def _progress_updates(self, goal, person, partner, created, end, progress) -> None:
        days = (end - created).days
        if days < 10:
            return
        when = created + datetime.timedelta(days=self.rng.randint(5, days - 1))
        GoalUpdate.objects.create(
            goal=goal,
            author=person,
            kind=GoalUpdateKind.PROGRESS,
            progress=progress,
            text="Steady progress; the next step is booked.",
            created_at=self._at(when, 11),
        )
        if self.rng.random() < 0.6:
            GoalUpdate.objects.create(
                goal=goal,
                author=partner,
                kind=GoalUpdateKind.COMMENT,
                text=self.rng.choice(COMMENTS),
                created_at=self._at(when, 18),
            )
        goal.progress = progress
        goal.updated_at = self._at(when, 11)
        goal.save(update_fields=["progress", "updated_at"])

    # --- development plans ------------------------------------------------------------------

    def plan(self, mentorship, person, partner, start, end, completed) -> None:
        days = (end - start).days
        if days < 3 and self.rng.random() < 0.5:
            return  # just started: no plan yet
        # Every stage of the review appears, whatever the number of mentorships.
        if completed:
            stage = "agreed"
        elif days < 10:
            stage = ("draft", "submitted")[self.counts.plans % 2]
        else:
            stage = PLAN_STAGES[self.counts.plans % len(PLAN_STAGES)]
        created = start + datetime.timedelta(days=min(days, self.rng.randint(1, 5)))
        plan = DevelopmentPlan.objects.create(
            mentorship=mentorship,
            owner=person,
            career_goals=person.profile.career_goals,
            job_demands=f"As {person.profile.title or 'a new colleague'}, I need to work with "
            "more teams and explain my work clearly.",
            created_at=self._at(created),
            updated_at=self._at(created),
        )
        self.counts.plans += 1
        items = self._plan_items(plan, person, created, end)
        if stage == "draft":
            return
        self._review_history(plan, partner, items, stage, created, end)

    def _plan_items(self, plan, person, created, end) -> list[PlanItem]:
        names = [w.skill.name for w in person.profile.wanted_skills.select_related("skill")]
        names += [
            c.skill.name for c in plan.mentorship.program.competencies.select_related("skill")
        ]
        names = list(dict.fromkeys(names))[:4] or ["Problem solving"]
        items = []
        for position, name in enumerate(names):
            activity = self.rng.choice(ActivityKind.values)
            training = self._training_for(name) if activity in ("outside", "expert") else None
            items.append(
                PlanItem.objects.create(
                    plan=plan,
                    skill=self.skills[name],
                    activity=activity,
                    description=self._item_text(name, activity),
                    resources="An hour a week; my mentor's feedback.",
                    training=training,
                    target_date=created + datetime.timedelta(days=self.rng.randint(45, 150)),
                    position=position,
                    created_at=self._at(created),
                )
            )
        return items

    def _training_for(self, name: str) -> Training | None:
        matching = [t for t in self.trainings if name in {s.name for s in t.skills.all()}]
        return self.rng.choice(matching) if matching else None

    def _item_text(self, name: str, activity: str) -> str:
        return {
            "on_the_job": f"Take on one piece of work a month that stretches my {_lower(name)}.",
            "mentor": f"Work through real cases of {_lower(name)} with my mentor.",
            "expert": f"Spend two sessions with a colleague who is strong in {_lower(name)}.",
            "outside": f"Follow a course or a book on {_lower(name)} and apply it right away.",
            "teaching": f"Share what I learn about {_lower(name)} in a team lunch-and-learn.",
        }[activity]

    def _review_history(self, plan, partner, items, stage, created, end) -> None:
        span = max(1, (end - created).days)
        submitted = created + datetime.timedelta(days=min(span, 2))
        first = self._freeze(plan, items, 1, submitted)
        if stage == "submitted":
            self._set(plan, PlanStatus.SUBMITTED, 1, submitted)
            return
        reviewed = submitted + datetime.timedelta(days=min(span, 3))
        self._suggest(plan, first, partner, items[0], reviewed)
        if stage == "changes":
            self._finish(first, partner, ReviewOutcome.CHANGES, reviewed, "A few suggestions.")
            self._set(plan, PlanStatus.CHANGES, 1, reviewed)
            return
        self._finish(first, partner, ReviewOutcome.CHANGES, reviewed, "Nearly there.")
        self._accept_all(plan, reviewed + datetime.timedelta(days=1))
        second_day = min(self.today, reviewed + datetime.timedelta(days=2))
        second = self._freeze(plan, items, 2, second_day)
        self._finish(second, partner, ReviewOutcome.AGREED, second_day, "Agreed — go for it!")
        self._set(plan, PlanStatus.AGREED, 2, second_day)
        for item in items:
            if item.target_date <= end or self.rng.random() < 0.4:
                item.status = self.rng.choice([ItemStatus.DONE, ItemStatus.IN_PROGRESS])
                item.save(update_fields=["status"])
                if item.status == ItemStatus.DONE and item.training_id:
                    TrainingCompletion.objects.get_or_create(
                        training_id=item.training_id,
                        person=plan.owner,
                        defaults={"completed_on": min(end, item.target_date)},
                    )

    def _freeze(self, plan, items, number, day) -> PlanVersion:
        version = PlanVersion.objects.create(
            plan=plan,
            number=number,
            career_goals=plan.career_goals,
            job_demands=plan.job_demands,
            submitted_by=plan.owner,
            submitted_at=self._at(day),
        )
        for item in items:
            item.refresh_from_db()
        PlanVersionItem.objects.bulk_create(
            PlanVersionItem(
                version=version,
                item_key=i.pk,
                position=i.position,
                skill_id=i.skill_id,
                activity=i.activity,
                description=i.description,
                resources=i.resources,
                training_title=i.training.title if i.training else "",
                target_date=i.target_date,
                status=i.status,
            )
            for i in items
        )
        return version

    def _suggest(self, plan, version, partner, item, day) -> None:
        PlanSuggestion.objects.create(
            plan=plan,
            version=version,
            item=item,
            author=partner,
            field="target_date",
            suggested_value=(item.target_date + datetime.timedelta(days=28)).isoformat(),
            comment="Give yourself a little more time.",
            created_at=self._at(day),
        )
        PlanSuggestion.objects.create(
            plan=plan,
            version=version,
            item=item,
            author=partner,
            comment=self.rng.choice(SUGGESTION_COMMENTS),
            created_at=self._at(day, 11),
        )

    def _accept_all(self, plan, day) -> None:
        for suggestion in plan.suggestions.filter(state=SuggestionState.OPEN):
            if suggestion.field == "target_date":
                item = suggestion.item
                item.target_date = datetime.date.fromisoformat(suggestion.suggested_value)
                item.save(update_fields=["target_date"])
                suggestion.state = SuggestionState.ACCEPTED
            else:
                suggestion.state, suggestion.answer = SuggestionState.ANSWERED, "Good idea, done."
            suggestion.answered_at = self._at(day)
            suggestion.save(update_fields=["state", "answer", "answered_at"])

    def _finish(self, version, partner, outcome, day, note) -> None:
        version.outcome, version.reviewed_by = outcome, partner
        version.reviewed_at, version.review_note = self._at(day, 17), note
        version.save(update_fields=["outcome", "reviewed_by", "reviewed_at", "review_note"])

    def _set(self, plan, status, version, day) -> None:
        plan.status, plan.version, plan.updated_at = status, version, self._at(day)
        plan.agreed_at = self._at(day, 17) if status == PlanStatus.AGREED else None
        plan.save(update_fields=["status", "version", "updated_at", "agreed_at"])

    # --- 360° assessments -------------------------------------------------------------------

    def assessments(self, mentorship, person, partner, start, end) -> None:
        listed = mentorship.program.competencies.select_related("skill")[:5]
        competencies = [(c.skill, c.description) for c in listed]
        competencies = competencies or [(self.skills["Problem solving"], "")]
        truth = {skill.pk: self.rng.randint(2, 4) for skill, _ in competencies}
        bias = self.rng.choice([-1, 0, 0, 1, 1])
        first_start = start + datetime.timedelta(days=7)
        self._assessment(
            mentorship, person, partner, competencies, truth, bias, first_start, closed=True
        )
        days = (end - start).days
        if days >= 120:
            later = {pk: min(5, level + self.rng.choice([0, 1, 1])) for pk, level in truth.items()}
            second_start = end - datetime.timedelta(days=self.rng.randint(20, 40))
            self._assessment(
                mentorship, person, partner, competencies, later, bias, second_start, closed=True
            )
        elif mentorship.status == MentorshipStatus.ACTIVE and self.rng.random() < 0.3:
            opened = max(
                first_start + datetime.timedelta(days=20), end - datetime.timedelta(days=5)
            )
            if opened < self.today:
                self._assessment(
                    mentorship, person, partner, competencies, truth, bias, opened, closed=False
                )

    def _assessment(self, mentorship, person, partner, skills, truth, bias, day, *, closed):
        closes_on = day + datetime.timedelta(days=14)
        closed = closed and closes_on < self.today
        if not closed:
            closes_on = max(closes_on, self.today + datetime.timedelta(days=7))
        assessment = Assessment.objects.create(
            mentorship=mentorship,
            subject=person,
            started_by=person,
            title=f"360° skills assessment, {day:%B %Y}",
            message="I'd value your honest view: it feeds my development plan.",
            closes_on=closes_on,
            status=AssessmentStatus.CLOSED if closed else AssessmentStatus.OPEN,
            created_at=self._at(day),
            closed_at=self._at(closes_on, 18) if closed else None,
        )
        competencies = AssessmentCompetency.objects.bulk_create(
            AssessmentCompetency(assessment=assessment, skill=skill, description=text, position=i)
            for i, (skill, text) in enumerate(skills)
        )
        raters = self._raters(assessment, person, partner)
        for rater in raters:
            if closed or self.rng.random() < 0.5:
                self._answer(rater, competencies, truth, bias, day)
        self.counts.assessments += 1
        coworkers = [r for r in raters if r.group == RaterGroup.COWORKER and r.answered_at]
        if len(coworkers) >= 3:
            self.counts.with_three += 1

    def _raters(self, assessment, person, partner) -> list[Rater]:
        people = [(RaterGroup.SELF, person), (RaterGroup.MENTOR, partner)]
        manager = person.profile.manager
        if manager is not None and manager.pk not in (person.pk, partner.pk):
            people.append((RaterGroup.SUPERVISOR, manager))
        taken = {p.pk for _, p in people}
        colleagues = list(
            User.objects.filter(profile__department=person.profile.department_id, is_active=True)
            .exclude(pk__in=taken)
            .order_by("email")[:30]
        )
        count = 4 if person.email == MENTEE_EMAIL else self.rng.choice([2, 3, 4, 5])
        people += [
            (RaterGroup.COWORKER, c)
            for c in self.rng.sample(colleagues, min(count, len(colleagues)))
        ]
        raters = []
        for group, who in people:
            rater = Rater(
                assessment=assessment,
                group=group,
                person=who,
                email=who.email,
                name=str(who),
                invited_at=assessment.created_at,
            )
            rater_token_new(rater)
            raters.append(rater)
        if self.rng.random() < 0.4:  # someone outside the company, by e-mail only
            outside = Rater(
                assessment=assessment,
                group=RaterGroup.COWORKER,
                email=f"{person.email.split('@')[0]}.{assessment.created_at:%Y%m}@client.example",
                name="A client partner",
                invited_at=assessment.created_at,
            )
            rater_token_new(outside)
            raters.append(outside)
        return Rater.objects.bulk_create(raters)

    def _answer(self, rater, competencies, truth, bias, day) -> None:
        when = day + datetime.timedelta(days=self.rng.randint(1, 10))
        rater.answered_at = self._at(min(when, self.today), 14)
        rater.save(update_fields=["answered_at"])
        offset = bias if rater.group == RaterGroup.SELF else 0
        Rating.objects.bulk_create(
            Rating(
                rater=rater,
                competency=c,
                score=None
                if rater.group == RaterGroup.COWORKER and self.rng.random() < 0.08
                else max(1, min(5, truth[c.skill_id] + offset + self.rng.choice([-1, 0, 0, 1]))),
                comment=self.rng.choice(["", "", "Clear progress here.", "Keep practising."]),
            )
            for c in competencies
        )


def _lower(name: str) -> str:
    """A skill's name inside a sentence: lower case, but acronyms (SQL, CRM) stay."""
    return " ".join(word if word.isupper() else word.lower() for word in name.split())
