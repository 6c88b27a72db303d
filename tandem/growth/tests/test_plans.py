import datetime

import pytest
from django.core.exceptions import ValidationError

from tandem.growth import services
from tandem.growth.diffs import plan_diff, word_diff
from tandem.growth.models import DevelopmentPlan, PlanItem, TrainingCompletion
from tandem.growth.tests.factories import TrainingFactory, make_plan
from tandem.notifications.models import Notification
from tandem.people.models import Skill

pytestmark = pytest.mark.django_db


def _item(plan):
    return plan.items.get()


# --- drafting --------------------------------------------------------------------------------


def test_a_mentee_starts_a_plan_from_their_career_goals(mentorship, mentee):
    mentee.profile.career_goals = "Become a product lead."
    mentee.profile.save()
    plan = services.plan_start(mentorship=mentorship, owner=mentee, job_demands="Client demos.")
    assert (plan.status, plan.version) == ("draft", 0)
    assert plan.career_goals == "Become a product lead."


def test_the_mentor_drafts_no_plan_in_a_one_way_mentorship(mentorship, mentor):
    with pytest.raises(ValidationError):
        services.plan_start(mentorship=mentorship, owner=mentor)


def test_each_peer_has_a_plan_of_their_own(mutual_mentorship, peer, peer_partner):
    make_plan(mentorship=mutual_mentorship, owner=peer)
    make_plan(mentorship=mutual_mentorship, owner=peer_partner)
    assert DevelopmentPlan.objects.filter(mentorship=mutual_mentorship).count() == 2
    with pytest.raises(ValidationError, match="already"):
        services.plan_start(mentorship=mutual_mentorship, owner=peer)


def test_an_item_names_its_skill_activity_and_date(mentorship, mentee):
    plan = make_plan(mentorship=mentorship, items=())
    with pytest.raises(ValidationError) as error:
        services.plan_item_add(
            plan=plan,
            by=mentee,
            skill=None,
            activity="reading",
            description="",
            target_date=datetime.date(2026, 1, 1),
        )
    assert set(error.value.message_dict) == {"skill", "activity", "description", "target_date"}
    assert not plan.items.exists()


def test_an_item_links_to_the_training_catalogue(mentorship, mentee):
    plan = make_plan(mentorship=mentorship, items=())
    course = TrainingFactory(title="Speaking with confidence")
    item = services.plan_item_add(
        plan=plan,
        by=mentee,
        skill=Skill.objects.get(name="Presentation skills"),
        activity="outside",
        description="Take the course and apply it to one demo a week.",
        training=course,
        target_date=datetime.date(2027, 1, 29),
    )
    assert item.training == course


# --- the review flow -------------------------------------------------------------------------


def test_submitting_freezes_version_1_and_asks_the_mentor(mentorship, mentee, mentor):
    plan = make_plan(mentorship=mentorship)
    version = services.plan_submit(plan=plan, by=mentee, note="First go — be frank.")
    plan.refresh_from_db()
    assert (plan.status, plan.version, version.number) == ("submitted", 1, 1)
    frozen = version.items.get()
    assert frozen.item_key == _item(plan).pk
    assert frozen.description == _item(plan).description
    assert Notification.objects.filter(recipient=mentor, kind="plan_submitted").exists()


def test_an_empty_plan_is_not_submitted(mentorship, mentee):
    plan = make_plan(mentorship=mentorship, items=())
    with pytest.raises(ValidationError) as error:
        services.plan_submit(plan=plan, by=mentee)
    assert "items" in error.value.message_dict


def test_a_submitted_plan_is_not_rewritten_but_its_items_progress(mentorship, mentee):
    plan = make_plan(mentorship=mentorship)
    services.plan_submit(plan=plan, by=mentee)
    item = _item(plan)
    with pytest.raises(ValidationError, match="only the items' status"):
        services.plan_item_update(item=item, by=mentee, description="Changed my mind")
    services.plan_item_update(item=item, by=mentee, status="in_progress")
    item.refresh_from_db()
    assert item.status == "in_progress"


def test_the_mentor_suggests_inline_and_asks_for_changes(mentorship, mentee, mentor):
    plan = make_plan(mentorship=mentorship)
    services.plan_submit(plan=plan, by=mentee)
    item = _item(plan)
    change = services.plan_suggest(
        plan=plan,
        by=mentor,
        item=item,
        field="description",
        value="Present one demo a fortnight, with a rehearsal the day before.",
        comment="Weekly is a lot with your workload.",
    )
    services.plan_suggest(plan=plan, by=mentor, item=item, comment="Ask Lena about the budget.")
    version = services.plan_review(plan=plan, by=mentor, outcome="changes", note="Nearly there.")
    plan.refresh_from_db()
    assert plan.status == "changes"
    assert (version.outcome, version.reviewed_by) == ("changes", mentor)
    assert change.version == version
    assert Notification.objects.filter(recipient=mentee, kind="plan_changes").exists()


def test_the_mentor_cannot_agree_while_suggesting_changes(mentorship, mentee, mentor):
    plan = make_plan(mentorship=mentorship)
    services.plan_submit(plan=plan, by=mentee)
    suggestion = services.plan_suggest(
        plan=plan, by=mentor, item=_item(plan), field="target_date", value="2027-03-31"
    )
    with pytest.raises(ValidationError) as error:
        services.plan_review(plan=plan, by=mentor, outcome="agreed")
    assert "outcome" in error.value.message_dict
    services.plan_suggestion_withdraw(suggestion=suggestion, by=mentor)
    services.plan_review(plan=plan, by=mentor, outcome="agreed")
    plan.refresh_from_db()
    assert plan.status == "agreed"
    assert plan.agreed_at is not None


def test_only_the_reviewer_who_wrote_a_suggestion_withdraws_it(client, mentorship, mentee, mentor):
    """The owner answers a suggestion, never deletes it: the page refuses (403) as the API does,
    and the suggestion stays."""
    plan = make_plan(mentorship=mentorship)
    services.plan_submit(plan=plan, by=mentee)
    suggestion = services.plan_suggest(plan=plan, by=mentor, comment="Name a first date.")
    with pytest.raises(ValidationError):
        services.plan_suggestion_withdraw(suggestion=suggestion, by=mentee)
    client.force_login(mentee)
    response = client.post(f"/growth/suggestions/{suggestion.pk}/withdraw/")
    assert response.status_code == 403
    assert plan.suggestions.filter(pk=suggestion.pk).exists()


def test_asking_for_changes_says_what(mentorship, mentee, mentor):
    plan = make_plan(mentorship=mentorship)
    services.plan_submit(plan=plan, by=mentee)
    with pytest.raises(ValidationError) as error:
        services.plan_review(plan=plan, by=mentor, outcome="changes")
    assert "note" in error.value.message_dict


def test_bad_suggestions_name_their_field(mentorship, mentee, mentor):
    plan = make_plan(mentorship=mentorship)
    services.plan_submit(plan=plan, by=mentee)
    item = _item(plan)
    cases = [
        ({"field": "target_date", "value": "next week"}, "value"),
        ({"field": "target_date", "value": "2026-01-01"}, "value"),
        ({"field": "activity", "value": "osmosis"}, "value"),
        ({"field": "description", "value": ""}, "value"),
        ({"field": "owner", "value": "me"}, "field"),
        ({"field": "", "comment": ""}, "comment"),
    ]
    for arguments, field in cases:
        with pytest.raises(ValidationError) as error:
            services.plan_suggest(plan=plan, by=mentor, item=item, **arguments)
        assert field in error.value.message_dict, arguments


def test_only_the_partner_reviews_and_only_a_submitted_plan(mentorship, mentee, mentor, outsider):
    plan = make_plan(mentorship=mentorship)
    with pytest.raises(ValidationError, match="not waiting"):
        services.plan_suggest(plan=plan, by=mentor, comment="Too early")
    services.plan_submit(plan=plan, by=mentee)
    for person in (mentee, outsider):
        with pytest.raises(ValidationError):
            services.plan_review(plan=plan, by=person, outcome="agreed")


def test_the_mentee_accepts_or_answers_each_suggestion_before_resubmitting(
    mentorship, mentee, mentor
):
    plan = make_plan(mentorship=mentorship)
    services.plan_submit(plan=plan, by=mentee)
    item = _item(plan)
    change = services.plan_suggest(
        plan=plan, by=mentor, item=item, field="target_date", value="2027-03-31"
    )
    comment = services.plan_suggest(plan=plan, by=mentor, item=item, comment="Who gives feedback?")
    services.plan_review(plan=plan, by=mentor, outcome="changes")
    with pytest.raises(ValidationError) as error:
        services.plan_submit(plan=plan, by=mentee)
    assert "2 still open" in error.value.message_dict["suggestions"][0]
    services.plan_suggestion_accept(suggestion=change, by=mentee)
    item.refresh_from_db()
    assert item.target_date == datetime.date(2027, 3, 31)
    with pytest.raises(ValidationError) as error:
        services.plan_suggestion_answer(suggestion=comment, by=mentee, answer="")
    assert "answer" in error.value.message_dict
    services.plan_suggestion_answer(suggestion=comment, by=mentee, answer="Maria, after demos.")
    version = services.plan_submit(plan=plan, by=mentee)
    assert version.number == 2
    assert version.items.get().target_date == datetime.date(2027, 3, 31)


def test_the_mentor_cannot_accept_their_own_suggestion(mentorship, mentee, mentor):
    plan = make_plan(mentorship=mentorship)
    services.plan_submit(plan=plan, by=mentee)
    suggestion = services.plan_suggest(plan=plan, by=mentor, comment="Looks good overall.")
    services.plan_review(plan=plan, by=mentor, outcome="changes")
    with pytest.raises(ValidationError):
        services.plan_suggestion_accept(suggestion=suggestion, by=mentor)


def test_an_agreed_plan_is_revised_as_a_new_version(mentorship, mentee, mentor):
    plan = make_plan(mentorship=mentorship)
    services.plan_submit(plan=plan, by=mentee)
    services.plan_review(plan=plan, by=mentor, outcome="agreed")
    with pytest.raises(ValidationError, match="Revise"):
        services.plan_item_delete(item=_item(plan), by=mentee)
    services.plan_revise(plan=plan, by=mentee)
    plan.refresh_from_db()
    assert plan.status == "draft"
    services.plan_item_add(
        plan=plan,
        by=mentee,
        skill=Skill.objects.get(name="Giving feedback"),
        activity="teaching",
        description="Run a feedback workshop for the new joiners.",
        target_date=datetime.date(2027, 4, 30),
    )
    version = services.plan_submit(plan=plan, by=mentee)
    services.plan_review(plan=plan, by=mentor, outcome="agreed")
    assert version.number == 2
    assert list(plan.versions.values_list("number", "outcome")) == [
        (2, "agreed"),
        (1, "agreed"),
    ]


def test_finishing_a_done_item_with_training_records_the_completion(mentorship, mentee, mentor):
    course = TrainingFactory()
    plan = make_plan(mentorship=mentorship)
    services.plan_item_update(item=_item(plan), by=mentee, training=course)
    services.plan_submit(plan=plan, by=mentee)
    services.plan_review(plan=plan, by=mentor, outcome="agreed")
    services.plan_item_update(item=_item(plan), by=mentee, status="done")
    assert TrainingCompletion.objects.filter(training=course, person=mentee).exists()


# --- versions and their differences ----------------------------------------------------------


def test_the_differences_between_versions_item_by_item(mentorship, mentee, mentor):
    plan = make_plan(mentorship=mentorship, items=("Presentation skills", "Delegation"))
    first = services.plan_submit(plan=plan, by=mentee)
    services.plan_review(plan=plan, by=mentor, outcome="changes", note="Drop delegation for now.")
    speaking, delegation = plan.items.order_by("position")
    services.plan_item_update(
        item=speaking, by=mentee, description="Practise presentation skills in every demo."
    )
    services.plan_item_delete(item=delegation, by=mentee)
    services.plan_item_add(
        plan=plan,
        by=mentee,
        skill=Skill.objects.get(name="Storytelling"),
        activity="expert",
        description="Two sessions with Ana from marketing.",
        target_date=datetime.date(2027, 1, 15),
    )
    second = services.plan_submit(plan=plan, by=mentee)
    diff = plan_diff(older=first, newer=second)
    states = {item.title: item.state for item in diff.items}
    assert states == {
        "Presentation skills": "changed",
        "Delegation": "removed",
        "Storytelling": "added",
    }
    changed = next(item for item in diff.items if item.state == "changed")
    assert [c.name for c in changed.changes] == ["description"]
    assert changed.changes[0].html == (
        "Practise presentation skills <ins>in </ins>every "
        "<del>week in team meetings.</del><ins>demo.</ins>"
    )
    assert diff.summary == "Items: 1 added, 1 changed, 1 removed."


def test_the_working_copy_is_compared_with_the_last_version(mentorship, mentee, mentor):
    plan = make_plan(mentorship=mentorship)
    first = services.plan_submit(plan=plan, by=mentee)
    assert not plan_diff(older=first, newer=plan).has_changes
    services.plan_review(plan=plan, by=mentor, outcome="agreed")
    services.plan_revise(plan=plan, by=mentee)
    plan = services.plan_update_context(
        plan=plan, by=mentee, career_goals="Lead a product.", job_demands="Demos to clients."
    )
    diff = plan_diff(older=first, newer=plan)
    assert [c.name for c in diff.context] == ["career_goals"]


def test_a_word_diff_escapes_what_people_wrote():
    html = word_diff("Read <b>one</b> book", "Read two <script>books</script>")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<del>" in html and "<ins>" in html


def test_versions_keep_the_items_even_when_they_are_deleted(mentorship, mentee, mentor):
    plan = make_plan(mentorship=mentorship)
    first = services.plan_submit(plan=plan, by=mentee)
    services.plan_review(plan=plan, by=mentor, outcome="changes", note="Start smaller.")
    services.plan_item_delete(item=_item(plan), by=mentee)
    assert not PlanItem.objects.filter(plan=plan).exists()
    assert first.items.count() == 1
