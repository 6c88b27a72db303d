import datetime

import pytest
from django.core.exceptions import ValidationError

from tandem.growth import services
from tandem.growth.models import Celebration, Goal, GoalUpdate
from tandem.growth.tests.factories import TARGET, make_goal
from tandem.mentorships.services import mentorship_transition
from tandem.notifications.models import Notification

pytestmark = pytest.mark.django_db


# --- setting goals ---------------------------------------------------------------------------


def test_a_mentee_sets_a_smart_goal_with_milestones(mentorship, mentee):
    goal = make_goal(owner=mentee, mentorship=mentorship)
    assert (goal.owner, goal.mentorship, goal.status, goal.progress) == (
        mentee,
        mentorship,
        "active",
        0,
    )
    assert goal.career_goal == "Grow into a product lead within two years."
    assert [m.title for m in goal.milestones.all()] == [
        "Draft the slides",
        "Rehearse with Maria",
        "Present at the quarterly review",
    ]


def test_the_mentor_of_a_one_way_mentorship_sets_no_goal_in_it(mentorship, mentor):
    with pytest.raises(ValidationError) as error:
        make_goal(owner=mentor, mentorship=mentorship)
    assert "mentorship" in error.value.message_dict


def test_both_peers_of_a_mutual_mentorship_set_goals(mutual_mentorship, peer, peer_partner):
    make_goal(owner=peer, mentorship=mutual_mentorship)
    make_goal(owner=peer_partner, mentorship=mutual_mentorship)
    assert mutual_mentorship.goals.count() == 2


def test_an_outsider_sets_no_goal_in_someone_elses_mentorship(mentorship, outsider):
    with pytest.raises(ValidationError):
        make_goal(owner=outsider, mentorship=mentorship)


def test_no_goal_in_a_completed_mentorship(mentorship, mentee):
    mentorship_transition(mentorship=mentorship, to_status="completed", by=mentee)
    mentorship.refresh_from_db()
    with pytest.raises(ValidationError):
        make_goal(owner=mentee, mentorship=mentorship)


def test_a_personal_goal_belongs_to_no_mentorship(outsider):
    goal = make_goal(owner=outsider)
    assert goal.mentorship is None
    assert list(Goal.objects.personal()) == [goal]


def test_a_goal_needs_its_smart_parts(mentee, mentorship):
    with pytest.raises(ValidationError) as error:
        services.goal_create(
            owner=mentee,
            mentorship=mentorship,
            title=" ",
            specific="",
            success_criteria="",
            target_date=None,
        )
    assert set(error.value.message_dict) == {"title", "specific", "success_criteria", "target_date"}
    assert not Goal.objects.exists()


def test_a_goal_cannot_target_the_past(mentee):
    with pytest.raises(ValidationError) as error:
        services.goal_create(
            owner=mentee,
            title="Learn SQL",
            specific="Write my own reports.",
            success_criteria="Three reports a month without help.",
            target_date=datetime.date(2026, 11, 24),
        )
    assert error.value.message_dict["target_date"] == ["The target date cannot be in the past."]


def test_a_milestone_after_the_target_date_is_refused_and_nothing_is_written(mentee):
    with pytest.raises(ValidationError) as error:
        make_goal(owner=mentee, milestones=[("Too late", TARGET + datetime.timedelta(days=1))])
    assert "Milestone 1" in error.value.message_dict["milestones"][0]
    assert not Goal.objects.exists()


def test_moving_the_target_before_a_milestone_is_refused(mentee):
    goal = make_goal(owner=mentee)
    with pytest.raises(ValidationError) as error:
        services.goal_update(goal=goal, by=mentee, target_date=datetime.date(2027, 1, 1))
    assert "Rehearse with Maria" in error.value.message_dict["target_date"][0]


def test_only_the_owner_edits_a_goal(mentorship, mentee, mentor):
    goal = make_goal(owner=mentee, mentorship=mentorship)
    with pytest.raises(ValidationError):
        services.goal_update(goal=goal, by=mentor, title="Mine now")
    services.goal_update(goal=goal, by=mentee, title="Present the roadmap twice")
    goal.refresh_from_db()
    assert goal.title == "Present the roadmap twice"


# --- progress --------------------------------------------------------------------------------


def test_progress_is_logged_and_bounded(mentorship, mentee):
    goal = make_goal(owner=mentee, mentorship=mentorship)
    services.goal_progress(goal=goal, by=mentee, progress=40, note="Slides drafted.")
    goal.refresh_from_db()
    assert goal.progress == 40
    update = goal.updates.get()
    assert (update.kind, update.progress, update.text) == ("progress", 40, "Slides drafted.")
    for bad in (-1, 101, "50", True):
        with pytest.raises(ValidationError) as error:
            services.goal_progress(goal=goal, by=mentee, progress=bad)
        assert "progress" in error.value.message_dict


def test_the_partner_comments_in_the_log_and_the_owner_hears_of_it(mentorship, mentee, mentor):
    goal = make_goal(owner=mentee, mentorship=mentorship)
    services.goal_comment(goal=goal, by=mentor, text="Great start — keep the slides short.")
    assert goal.updates.get().author == mentor
    assert Notification.objects.filter(recipient=mentee, kind="goal_comment").exists()


def test_an_outsider_cannot_comment(mentorship, mentee, outsider):
    goal = make_goal(owner=mentee, mentorship=mentorship)
    with pytest.raises(ValidationError):
        services.goal_comment(goal=goal, by=outsider, text="Hello")


def test_a_goal_is_set_aside_with_a_reason(mentee):
    goal = make_goal(owner=mentee)
    with pytest.raises(ValidationError) as error:
        services.goal_set_aside(goal=goal, by=mentee, note="")
    assert "note" in error.value.message_dict
    services.goal_set_aside(goal=goal, by=mentee, note="The review was cancelled.")
    goal.refresh_from_db()
    assert goal.status == "dropped"


def test_a_goal_with_something_reached_is_not_deleted(mentee):
    goal = make_goal(owner=mentee)
    services.milestone_reach(milestone=goal.milestones.first(), by=mentee)
    with pytest.raises(ValidationError, match="set it aside"):
        services.goal_delete(goal=goal, by=mentee)
    fresh = make_goal(owner=mentee, title="Another")
    services.goal_delete(goal=fresh, by=mentee)
    assert not Goal.objects.filter(pk=fresh.pk).exists()


# --- celebrations ----------------------------------------------------------------------------


def test_reaching_a_milestone_is_celebrated_and_the_partner_notified(mentorship, mentee, mentor):
    goal = make_goal(owner=mentee, mentorship=mentorship)
    milestone = goal.milestones.first()
    services.milestone_reach(milestone=milestone, by=mentee)
    milestone.refresh_from_db()
    assert milestone.reached_at is not None
    celebration = Celebration.objects.get()
    assert (celebration.kind, celebration.person, celebration.milestone) == (
        "milestone",
        mentee,
        milestone,
    )
    note = Notification.objects.get(recipient=mentor, kind="goal_celebration")
    assert "Draft the slides" in note.title
    assert note.url.endswith(f"#celebration-{celebration.pk}")
    assert goal.updates.filter(kind="milestone").exists()


def test_a_milestone_is_reached_once(mentee, mentorship):
    goal = make_goal(owner=mentee, mentorship=mentorship)
    milestone = goal.milestones.first()
    services.milestone_reach(milestone=milestone, by=mentee)
    with pytest.raises(ValidationError, match="already reached"):
        services.milestone_reach(milestone=milestone, by=mentee)
    assert Celebration.objects.count() == 1


def test_reaching_the_goal_sets_it_at_100_and_celebrates(mentorship, mentee, mentor):
    goal = make_goal(owner=mentee, mentorship=mentorship)
    services.goal_reach(goal=goal, by=mentee, note="Done, and it went well!")
    goal.refresh_from_db()
    assert (goal.status, goal.progress) == ("reached", 100)
    assert goal.reached_at is not None
    assert Celebration.objects.get().kind == "goal"
    with pytest.raises(ValidationError):
        services.goal_reach(goal=goal, by=mentee)


def test_a_personal_goal_is_reached_without_a_feed(mentee):
    goal = make_goal(owner=mentee)
    services.goal_reach(goal=goal, by=mentee)
    assert not Celebration.objects.exists()
    assert GoalUpdate.objects.filter(goal=goal, kind="reached").exists()


def test_the_partner_congratulates_once(mentorship, mentee, mentor):
    goal = make_goal(owner=mentee, mentorship=mentorship)
    services.milestone_reach(milestone=goal.milestones.first(), by=mentee)
    celebration = Celebration.objects.get()
    services.celebration_congratulate(celebration=celebration, by=mentor, text="Bravo, Theo!")
    assert celebration.notes.get().text == "Bravo, Theo!"
    assert Notification.objects.filter(recipient=mentee, kind="congratulation").exists()
    with pytest.raises(ValidationError) as error:
        services.celebration_congratulate(celebration=celebration, by=mentor, text="Again!")
    assert "already" in error.value.message_dict["text"][0]


def test_nobody_congratulates_themself_or_someone_elses_mentee(
    mentorship, mentee, outsider, program_admin
):
    goal = make_goal(owner=mentee, mentorship=mentorship)
    services.milestone_reach(milestone=goal.milestones.first(), by=mentee)
    celebration = Celebration.objects.get()
    for person in (mentee, outsider, program_admin):
        with pytest.raises(ValidationError):
            services.celebration_congratulate(celebration=celebration, by=person, text="Yay")


# --- the feed and personal milestones --------------------------------------------------------


def _set_profile(user, **fields):
    for name, value in fields.items():
        setattr(user.profile, name, value)
    user.profile.save()


def test_the_feed_shows_the_partners_anniversary_and_shared_birthday(mentorship, mentee, mentor):
    _set_profile(
        mentee,
        hire_date=datetime.date(2025, 12, 1),
        birthday=datetime.date(1998, 11, 20),
        share_birthday=True,
    )
    feed = services.celebration_feed(mentorship=mentorship, viewer=mentor)
    kinds = {(item.kind, item.date) for item in feed}
    assert ("anniversary", datetime.date(2026, 12, 1)) in kinds
    assert ("birthday", datetime.date(2026, 11, 20)) in kinds
    anniversary = next(item for item in feed if item.kind == "anniversary")
    assert anniversary.title == "1 year at the company"
    assert anniversary.upcoming


def test_personal_milestones_are_for_the_partner_only(mentorship, mentee, program_admin):
    _set_profile(mentee, hire_date=datetime.date(2024, 11, 25))
    own = services.celebration_feed(mentorship=mentorship, viewer=mentee)
    assert not [item for item in own if item.kind == "anniversary"]
    assert services.celebration_feed(mentorship=mentorship, viewer=program_admin) == []


def test_a_birthday_not_shared_stays_private(mentorship, mentee, mentor):
    _set_profile(mentee, birthday=datetime.date(1998, 11, 26), share_birthday=False)
    feed = services.celebration_feed(mentorship=mentorship, viewer=mentor)
    assert not [item for item in feed if item.kind == "birthday"]


def test_a_29_february_birthday_falls_on_the_28th_in_other_years(mentor):
    _set_profile(mentor, birthday=datetime.date(1996, 2, 29), share_birthday=True)
    items = services.personal_milestones(person=mentor, today=datetime.date(2027, 2, 20))
    assert [(i.kind, i.date) for i in items] == [("birthday", datetime.date(2027, 2, 28))]


def test_a_hire_this_year_has_no_anniversary_yet(mentor):
    _set_profile(mentor, hire_date=datetime.date(2026, 11, 20))
    assert services.personal_milestones(person=mentor, today=datetime.date(2026, 11, 25)) == []


def test_the_feed_orders_celebrations_newest_first(mentorship, mentee, mentor, time_machine):
    goal = make_goal(owner=mentee, mentorship=mentorship)
    first, second = goal.milestones.all()[:2]
    services.milestone_reach(milestone=first, by=mentee)
    time_machine.shift(datetime.timedelta(days=3))
    services.milestone_reach(milestone=second, by=mentee)
    feed = services.celebration_feed(mentorship=mentorship, viewer=mentor)
    assert [item.title for item in feed] == ["Rehearse with Maria", "Draft the slides"]
    assert all(item.can_congratulate for item in feed)
