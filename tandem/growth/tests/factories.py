"""Growth data for tests, made through the services so that every rule holds."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from tandem.growth import services
from tandem.growth.models import Assessment, Rater, RaterGroup, Training
from tandem.people.models import Skill

TARGET = datetime.date(2027, 3, 31)
MILESTONES = (
    ("Draft the slides", datetime.date(2026, 12, 18)),
    ("Rehearse with Maria", datetime.date(2027, 2, 12)),
    ("Present at the quarterly review", datetime.date(2027, 3, 26)),
)
ASSESSED = ("Presentation skills", "Giving feedback", "Delegation")


def skills(*names: str) -> list[Skill]:
    return [Skill.objects.get(name=name) for name in names]


def make_goal(*, owner, mentorship=None, title="Present our roadmap", milestones=MILESTONES):
    return services.goal_create(
        owner=owner,
        mentorship=mentorship,
        title=title,
        specific="Present the product roadmap to the whole department.",
        success_criteria="Done on the day, questions answered, a score of 4+ in the survey.",
        career_goal="Grow into a product lead within two years.",
        why_it_matters="Leads explain direction; I freeze in front of groups.",
        target_date=TARGET,
        milestones=[{"title": t, "due_date": d} for t, d in milestones],
    )


def make_plan(*, mentorship, owner=None, items=("Presentation skills",)):
    owner = owner or mentorship.mentee
    plan = services.plan_start(mentorship=mentorship, owner=owner, job_demands="Demos to clients.")
    for name in items:
        services.plan_item_add(
            plan=plan,
            by=owner,
            skill=Skill.objects.get(name=name),
            activity="on_the_job",
            description=f"Practise {name.lower()} every week in team meetings.",
            resources="Maria's feedback after each meeting.",
            target_date=datetime.date(2027, 2, 26),
        )
    return plan


def make_assessment(*, mentorship, subject=None, by=None, names=ASSESSED, coworkers=()):
    subject = subject or mentorship.mentee
    return services.assessment_start(
        mentorship=mentorship,
        subject=subject,
        by=by or subject,
        skills=skills(*names),
        closes_on=timezone.localdate() + datetime.timedelta(days=14),
        title="Autumn 360°",
        coworkers=coworkers,
    )


def answer(rater: Rater, scores, comments=None) -> Rater:
    """Answer for a rater: `scores` in the assessment's competency order (None: not observed)."""
    competencies = list(rater.assessment.competencies.all())
    comments = comments or [""] * len(competencies)
    answers = {
        c.pk: (score, comment)
        for c, score, comment in zip(competencies, scores, comments, strict=True)
    }
    return services.rater_answer(rater=rater, answers=answers)


def rater(assessment: Assessment, group: str, index: int = 0) -> Rater:
    return assessment.raters.filter(group=group).order_by("pk")[index]


def closed_assessment(*, mentorship, me, mentor, supervisor=None, coworkers=(), **kwargs):
    """An assessment answered by self, mentor, (supervisor) and each co-worker, then closed."""
    emails = [f"coworker{i}@example.com" for i in range(len(coworkers))]
    assessment = make_assessment(mentorship=mentorship, coworkers=emails, **kwargs)
    answer(rater(assessment, RaterGroup.SELF), me)
    answer(rater(assessment, RaterGroup.MENTOR), mentor)
    if supervisor is not None:
        answer(rater(assessment, RaterGroup.SUPERVISOR), supervisor)
    for index, scores in enumerate(coworkers):
        answer(rater(assessment, RaterGroup.COWORKER, index), scores)
    return services.assessment_close(assessment=assessment)


class TrainingFactory(DjangoModelFactory):
    class Meta:
        model = Training
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Course {n}")
    kind = "course"
    description = "Six weeks of practice with feedback."
    provider = "The Speaking School"
    format = "virtual"
    duration = "6 weeks"

    @factory.post_generation
    def skill_names(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills.set(skills(*extracted))
