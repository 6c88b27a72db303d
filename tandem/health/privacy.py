"""A person's data held by the health app: what they can ask to see (`personal_data`) and what
is wiped when they ask to be forgotten (`erase`).

Erasing keeps the numbers the program's reports aggregate (check-in ratings, counts of
feedback and introductions, health scores, risks) and removes every word a person wrote or
that was written to them or about them (admins' notes on their mentorships), and their name
where they were someone's contact or appear in a risk's reason."""

from django.db import transaction
from django.db.models import Q

from tandem.health.models import RATINGS, CheckIn, Feedback, Introduction, Risk, RiskAction
from tandem.notifications.models import Notification
from tandem.people.models import User

ERASED = "[erased]"


def _when(value) -> str | None:
    return value.isoformat() if value is not None else None


def personal_data(user: User) -> dict:
    """Everything the health app holds that is about `user` or written by them."""
    return {
        "checkins": [_checkin(c) for c in CheckIn.objects.filter(respondent=user).order_by("pk")],
        "feedback_given": [
            _feedback(f) for f in Feedback.objects.filter(author=user).select_related("recipient")
        ],
        "feedback_received": [
            _feedback(f) for f in Feedback.objects.filter(recipient=user).select_related("author")
        ],
        "introductions": [
            _introduction(i)
            for i in Introduction.objects.filter(
                Q(made_by=user) | Q(made_for=user) | Q(contact=user)
            ).select_related("made_by", "made_for", "contact")
        ],
        "risks_of_my_mentorships": [
            {
                "mentorship": r.mentorship_id,
                "title": r.title,
                "reason": r.reason,
                "opened_at": _when(r.opened_at),
                "resolution": r.resolution,
            }
            for r in Risk.objects.filter(_involving(user))
        ],
        "actions_about_my_mentorships": [
            _action(a) for a in RiskAction.objects.filter(_involving(user))
        ],
        "actions_i_recorded": [_action(a) for a in RiskAction.objects.filter(by=user)],
    }


def _involving(user: User) -> Q:
    return Q(mentorship__mentor=user) | Q(mentorship__mentee=user)


def _action(action: RiskAction) -> dict:
    return {
        "mentorship": action.mentorship_id,
        "kind": action.kind,
        "note": action.note,
        "at": _when(action.at),
    }


def _checkin(checkin: CheckIn) -> dict:
    return {
        "mentorship": checkin.mentorship_id,
        "round": checkin.round,
        "status": checkin.status,
        "answered_at": _when(checkin.answered_at),
        **{name: getattr(checkin, name) for name in RATINGS},
        "good_fit": checkin.good_fit,
        "learned": checkin.learned,
        "comment": checkin.comment,
        "share_comment": checkin.share_comment,
    }


def _feedback(feedback: Feedback) -> dict:
    return {
        "mentorship": feedback.mentorship_id,
        "from": str(feedback.author),
        "to": str(feedback.recipient),
        "went_well": feedback.went_well,
        "do_differently": feedback.do_differently,
        "at": _when(feedback.created_at),
    }


def _introduction(introduction: Introduction) -> dict:
    return {
        "mentorship": introduction.mentorship_id,
        "made_by": str(introduction.made_by),
        "made_for": str(introduction.made_for),
        "contact": introduction.contact_label,
        "purpose": introduction.purpose,
        "outcome": introduction.outcome,
        "made_on": introduction.made_on.isoformat(),
    }


@transaction.atomic
def erase(user: User) -> None:
    """Anonymise what `user` wrote and what was written to or about them; keep the scores."""
    _erase_notifications(user)
    CheckIn.objects.filter(respondent=user).update(learned="", comment="", share_comment=False)
    Feedback.objects.filter(Q(author=user) | Q(recipient=user)).update(
        went_well=ERASED, do_differently=""
    )
    Introduction.objects.filter(Q(made_by=user) | Q(made_for=user)).update(
        purpose=ERASED, outcome=""
    )
    # Where they were the contact, the introduction stays counted without naming them.
    Introduction.objects.filter(contact=user).update(
        contact=None, contact_name="A colleague (erased)", contact_organisation=""
    )
    RiskAction.objects.filter(by=user).update(by=None)
    # Admins' notes about their mentorships, and their name in the risks' reasons.
    RiskAction.objects.filter(_involving(user)).exclude(note="").update(note=ERASED)
    name = str(user)
    for risk in Risk.objects.filter(_involving(user), reason__contains=name):
        risk.reason = risk.reason.replace(name, "a participant")
        risk.save(update_fields=["reason"])


def _erase_notifications(user: User) -> None:
    """The notifications this app sent quoted words (a shared comment, feedback, an
    introduction's purpose) to the partner: those quotes go too."""
    quoted = {
        "checkin_comment_shared": [
            c.comment[:300] for c in CheckIn.objects.filter(respondent=user, share_comment=True)
        ],
        "feedback_received": [
            f.went_well[:200] or f.do_differently[:200]
            for f in Feedback.objects.filter(Q(author=user) | Q(recipient=user))
        ],
        "introduction_made": [
            i.purpose[:200] for i in Introduction.objects.filter(Q(made_by=user) | Q(made_for=user))
        ],
    }
    for kind, bodies in quoted.items():
        Notification.objects.filter(kind=kind, body__in=[b for b in bodies if b]).update(body="")
