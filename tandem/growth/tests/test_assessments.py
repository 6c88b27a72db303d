import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from tandem.growth import services
from tandem.growth.links import LinkRefused
from tandem.growth.models import Assessment, RaterGroup
from tandem.growth.tests.factories import answer, make_assessment, rater, skills
from tandem.notifications.models import Notification
from tandem.people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor(mentee):
    boss = UserFactory(email="boss@example.com", first_name="Bea", last_name="Boss")
    mentee.profile.manager = boss
    mentee.profile.save()
    return boss


# --- starting --------------------------------------------------------------------------------


def test_starting_asks_self_mentor_and_supervisor(
    mentorship, mentee, mentor, supervisor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assessment = make_assessment(mentorship=mentorship)
    groups = {r.group: r.person for r in assessment.raters.all()}
    assert groups == {"self": mentee, "mentor": mentor, "supervisor": supervisor}
    assert [c.skill.name for c in assessment.competencies.all()] == [
        "Presentation skills",
        "Giving feedback",
        "Delegation",
    ]
    # The subject started it in the app; the mentor and the supervisor get a link by e-mail.
    assert sorted(m.to[0] for m in mail.outbox) == ["boss@example.com", "mentor@example.com"]
    assert "/growth/rate/" in mail.outbox[0].body


def test_without_a_manager_no_supervisor_is_asked(mentorship):
    assessment = make_assessment(mentorship=mentorship)
    assert set(assessment.raters.values_list("group", flat=True)) == {"self", "mentor"}


def test_the_mentor_starts_one_for_the_mentee_who_then_chooses_coworkers(
    mentorship, mentee, mentor
):
    assessment = make_assessment(mentorship=mentorship, by=mentor)
    assert assessment.started_by == mentor
    assert Notification.objects.filter(recipient=mentee, kind="assessment_started").exists()
    with pytest.raises(ValidationError):
        services.assessment_invite_coworkers(
            assessment=assessment, by=mentor, coworkers=["ana@example.com"]
        )
    with pytest.raises(ValidationError) as error:
        make_assessment(mentorship=mentorship, by=mentor, coworkers=["ana@example.com"])
    assert "coworkers" in error.value.message_dict


def test_nobody_assesses_the_mentor_of_a_one_way_mentorship(mentorship, mentor, mentee):
    with pytest.raises(ValidationError):
        make_assessment(mentorship=mentorship, subject=mentor, by=mentee)


def test_a_peer_starts_one_for_themself_or_their_peer(mutual_mentorship, peer, peer_partner):
    own = make_assessment(mentorship=mutual_mentorship, subject=peer)
    other = make_assessment(mentorship=mutual_mentorship, subject=peer_partner, by=peer)
    assert own.raters.get(group="mentor").person == peer_partner
    assert other.raters.get(group="mentor").person == peer


def test_one_open_assessment_at_a_time(mentorship):
    make_assessment(mentorship=mentorship)
    with pytest.raises(ValidationError, match="already collecting"):
        make_assessment(mentorship=mentorship)


def test_the_competencies_and_the_closing_day_are_checked(mentorship, mentee):
    many = skills(
        "Presentation skills",
        "Giving feedback",
        "Delegation",
        "Coaching",
        "Negotiation",
        "Storytelling",
        "Facilitation",
        "Influencing",
        "Networking",
        "Confidence",
        "Resilience",
        "Creativity",
        "Time management",
    )
    cases = [
        ({"skills": []}, "skills"),
        ({"skills": many}, "skills"),
        ({"closes_on": datetime.date(2026, 11, 25)}, "closes_on"),
        ({"closes_on": datetime.date(2027, 6, 1)}, "closes_on"),
        ({"closes_on": None}, "closes_on"),
    ]
    for override, field in cases:
        arguments = {
            "mentorship": mentorship,
            "subject": mentee,
            "by": mentee,
            "skills": skills("Delegation"),
            "closes_on": datetime.date(2026, 12, 9),
        } | override
        with pytest.raises(ValidationError) as error:
            services.assessment_start(**arguments)
        assert field in error.value.message_dict
    assert not Assessment.objects.exists()


def test_program_competencies_carry_their_description_to_raters(mentorship, program_admin):
    services.competency_add(
        program=mentorship.program,
        by=program_admin,
        skill=skills("Delegation")[0],
        description="Hands over whole outcomes, not tasks.",
    )
    assessment = make_assessment(mentorship=mentorship)
    assert assessment.competencies.get(skill__name="Delegation").description == (
        "Hands over whole outcomes, not tasks."
    )


# --- co-workers ------------------------------------------------------------------------------


def test_coworkers_are_invited_by_account_or_by_email(
    mentorship, mentee, outsider, django_capture_on_commit_callbacks
):
    assessment = make_assessment(mentorship=mentorship)
    with django_capture_on_commit_callbacks(execute=True):
        raters = services.assessment_invite_coworkers(
            assessment=assessment,
            by=mentee,
            coworkers=["Olga <OUTSIDER@example.com>", "Ana Ruiz <ana@partner.example>"],
        )
    assert [(r.person, r.email, r.name) for r in raters] == [
        (outsider, "outsider@example.com", "Olga Outsider"),
        (None, "ana@partner.example", "Ana Ruiz"),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@partner.example", "outsider@example.com"]
    assert Notification.objects.filter(recipient=outsider, kind="assessment_rating").exists()


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        (["not-an-address"], "is not an e-mail address"),
        (["a@example.com", "A@example.com"], "appears twice"),
        (["mentee@example.com"], "yourself"),
        (["mentor@example.com"], "already asked (as mentor)"),
        ([], "at least one"),
        ([f"p{i}@example.com" for i in range(16)], "at most 15"),
    ],
)
def test_bad_coworkers_are_refused_with_the_reason(mentorship, mentee, entries, message):
    assessment = make_assessment(mentorship=mentorship)
    with pytest.raises(ValidationError) as error:
        services.assessment_invite_coworkers(assessment=assessment, by=mentee, coworkers=entries)
    assert message in error.value.message_dict["coworkers"][0]
    assert not assessment.raters.filter(group="coworker").exists()


# --- answering -------------------------------------------------------------------------------


def test_a_rater_answers_every_competency_once(mentorship, mentor):
    assessment = make_assessment(mentorship=mentorship)
    mentor_rater = rater(assessment, RaterGroup.MENTOR)
    answer(mentor_rater, [4, None, 3], ["Clear and calm.", "", ""])
    mentor_rater.refresh_from_db()
    assert mentor_rater.answered_at is not None
    assert [r.score for r in mentor_rater.ratings.all()] == [4, None, 3]
    with pytest.raises(LinkRefused) as refusal:
        answer(mentor_rater, [5, 5, 5])
    assert refusal.value.reason == "used"
    assert [r.score for r in mentor_rater.ratings.all()] == [4, None, 3]


def test_answers_are_checked_competency_by_competency(mentorship):
    assessment = make_assessment(mentorship=mentorship)
    mentor_rater = rater(assessment, RaterGroup.MENTOR)
    first, second, third = assessment.competencies.all()
    with pytest.raises(ValidationError) as error:
        services.rater_answer(
            rater=mentor_rater, answers={first.pk: (6, ""), second.pk: (3, "x" * 2001)}
        )
    assert set(error.value.message_dict) == {
        f"score_{first.pk}",
        f"comment_{second.pk}",
        f"score_{third.pk}",
    }
    with pytest.raises(ValidationError, match="at least one"):
        answer(mentor_rater, [None, None, None])
    mentor_rater.refresh_from_db()
    assert mentor_rater.answered_at is None


def test_no_answer_once_the_assessment_is_closed(mentorship, mentee):
    assessment = make_assessment(mentorship=mentorship)
    services.assessment_close(assessment=assessment, by=mentee)
    with pytest.raises(LinkRefused) as refusal:
        answer(rater(assessment, RaterGroup.MENTOR), [3, 3, 3])
    assert refusal.value.reason == "closed"


def test_the_subject_hears_when_everyone_has_answered(mentorship, mentee):
    assessment = make_assessment(mentorship=mentorship)
    answer(rater(assessment, RaterGroup.SELF), [3, 3, 3])
    assert not Notification.objects.filter(kind="assessment_answered").exists()
    answer(rater(assessment, RaterGroup.MENTOR), [3, 3, 3])
    assert Notification.objects.filter(recipient=mentee, kind="assessment_answered").exists()


# --- reminders and closing -------------------------------------------------------------------


def test_reminders_go_to_raters_who_have_not_answered_and_only_once_per_run(
    mentorship, mentee, time_machine, django_capture_on_commit_callbacks
):
    assessment = make_assessment(mentorship=mentorship, coworkers=["ana@example.com"])
    answer(rater(assessment, RaterGroup.SELF), [3, 3, 3])
    with django_capture_on_commit_callbacks(execute=True):
        assert services.assessment_reminders_send() == 0  # invited today: too early
        time_machine.shift(datetime.timedelta(days=3, hours=1))
        assert services.assessment_reminders_send() == 2  # the mentor and the co-worker
        assert services.assessment_reminders_send() == 0  # a second run sends nothing more
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.com", "mentor@example.com"]
    assert all(m.subject.startswith("[Tandem] Reminder:") for m in mail.outbox)


def test_a_reminder_claimed_by_another_run_is_not_sent_again(mentorship, time_machine):
    assessment = make_assessment(mentorship=mentorship)
    time_machine.shift(datetime.timedelta(days=4))
    stale = rater(assessment, RaterGroup.MENTOR)
    assert services.assessments._remind(stale, datetime.datetime.now(datetime.UTC)) == 1
    assert services.assessments._remind(stale, datetime.datetime.now(datetime.UTC)) == 0


def test_reminders_stop_after_three(mentorship, time_machine):
    make_assessment(mentorship=mentorship)
    sent = []
    for _ in range(5):
        time_machine.shift(datetime.timedelta(days=3, hours=1))
        sent.append(services.assessment_reminders_send())
    # Self and mentor, three times each; the assessment closes on 9 December in any case.
    assert sent == [2, 2, 2, 0, 0]


def test_the_subject_reminds_everyone_left_without_naming_them(mentorship, mentee, time_machine):
    assessment = make_assessment(mentorship=mentorship, coworkers=["ana@example.com"])
    assert services.assessment_remind(assessment=assessment, by=mentee) == 0
    time_machine.shift(datetime.timedelta(days=1))
    assert services.assessment_remind(assessment=assessment, by=mentee) == 2
    assert services.assessment_remind(assessment=assessment, by=mentee) == 0


def test_due_assessments_close_and_the_pair_is_told(mentorship, mentee, mentor, time_machine):
    assessment = make_assessment(mentorship=mentorship)
    assert services.assessments_close_due() == 0
    time_machine.shift(datetime.timedelta(days=15))
    assert services.assessments_close_due() == 1
    assert services.assessments_close_due() == 0
    assessment.refresh_from_db()
    assert assessment.status == "closed"
    assert Notification.objects.filter(kind="assessment_closed").count() == 2


def test_only_the_pair_closes_an_assessment(mentorship, outsider, program_admin):
    assessment = make_assessment(mentorship=mentorship)
    for person in (outsider, program_admin):
        with pytest.raises(ValidationError):
            services.assessment_close(assessment=assessment, by=person)
