"""What the mentorships app holds about a person, and how it forgets them (tandem/privacy).

Mentorships stay with their status and dates (a program's numbers count them), pointing at the
anonymised account. The agreement is the pair's joint text and stays for the partner; what the
person wrote alone goes: a note when moving the mentorship on (a proposal's decline reason is
one), the end note, a request's motivation (as mentee) or answer (as mentor), the words of
their closing reflections. The rows stay — requests, their status and score, a reflection's
recommendation and reason code are counted — only the words go, and with them the copies the
notifications made of those words for someone else."""

from django.db.models import Q

from tandem.mentorships.models import Mentorship, MentorshipEvent, MentorshipRequest, Reflection
from tandem.notifications.models import Notification
from tandem.people.models import User

# How the notifications quote what someone wrote (tandem/mentorships/services.py): a note on a
# step, a proposal's decline reason (to the admins), a mentor's answer to a request.
QUOTES = (
    (
        "Note: {}",
        ("mentorship_paused", "mentorship_resumed", "mentorship_completed", "mentorship_ended"),
    ),
    ("Reason: {}.", ("proposal_declined",)),
    ("wrote: “{}”", ("request_accepted", "request_declined")),
)
REMOVED = "(removed at the writer's request)"


def personal_data(user: User) -> dict:
    mentorships = (
        Mentorship.objects.involving(user)
        .select_related("program", "mentor", "mentee")
        .prefetch_related("agreements__signatures")
    )
    requests = MentorshipRequest.objects.involving(user).select_related(
        "program", "mentor", "mentee"
    )
    return {
        "mentorships": [_mentorship(m, user) for m in mentorships],
        "lifecycle_steps_taken": [
            {
                "mentorship": e.mentorship_id,
                "to": e.to_status,
                "at": e.at.isoformat(),
                "note": e.note,
            }
            for e in MentorshipEvent.objects.filter(by=user)
        ],
        "requests": [_request(r, user) for r in requests],
        "reflections_i_wrote": [
            {
                "mentorship": r.mentorship_id,
                "gained": r.gained,
                "partner_gained": r.partner_gained,
                "recommend": r.recommend,
                "reason": r.reason,
                "written_at": r.created_at.isoformat(),
            }
            for r in Reflection.objects.filter(author=user)
        ],
    }


def _request(request: MentorshipRequest, user: User) -> dict:
    sent = request.mentee_id == user.pk
    return {
        "id": request.pk,
        "program": request.program.name,
        "direction": "sent" if sent else "received",
        "to" if sent else "from": str(request.mentor if sent else request.mentee),
        "status": request.status,
        "admire": request.admire,
        "hope_to_gain": request.hope_to_gain,
        "mentors_answer": request.response,
        "sent_at": request.created_at.isoformat(),
        "answered_at": request.answered_at.isoformat() if request.answered_at else None,
    }


def _mentorship(mentorship: Mentorship, user: User) -> dict:
    return {
        "id": mentorship.pk,
        "program": mentorship.program.name,
        "my_role": mentorship.role_of(user),
        "partner": str(mentorship.partner_of(user)),
        "status": mentorship.status,
        "started_at": mentorship.started_at.isoformat() if mentorship.started_at else None,
        "ended_at": mentorship.ended_at.isoformat() if mentorship.ended_at else None,
        "end_reason": mentorship.end_reason,
        "end_note": mentorship.end_note,
        "agreements": [
            {
                "version": a.version,
                "goals": a.goals,
                "meeting_frequency": a.meeting_frequency,
                "meeting_style": a.meeting_style,
                "start_date": a.start_date.isoformat(),
                "end_date": a.end_date.isoformat(),
                "signed_by_me_at": next(
                    (s.signed_at.isoformat() for s in a.signatures.all() if s.person_id == user.pk),
                    None,
                ),
            }
            for a in mentorship.agreements.all()
        ],
    }


def erase(user: User) -> None:
    notes = MentorshipEvent.objects.filter(by=user).exclude(note="").values_list("note", flat=True)
    answers = (
        MentorshipRequest.objects.filter(mentor=user)
        .exclude(response="")
        .values_list("response", flat=True)
    )
    _forget_quotes({*notes, *answers})
    MentorshipEvent.objects.filter(by=user).update(note="")
    Mentorship.objects.filter(Q(mentor=user) | Q(mentee=user)).update(end_note="")
    MentorshipRequest.objects.filter(mentee=user).update(admire="", hope_to_gain="")
    MentorshipRequest.objects.filter(mentor=user).update(response="")
    Reflection.objects.filter(author=user).update(gained="", partner_gained="")


def _forget_quotes(texts: set[str]) -> None:
    """Take the person's words out of the notifications that quoted them to someone else."""
    for text in texts:
        for quote, kinds in QUOTES:
            quoted = quote.format(text)
            for notification in Notification.objects.filter(kind__in=kinds, body__contains=quoted):
                notification.body = notification.body.replace(quoted, quote.format(REMOVED))
                notification.save(update_fields=["body"])
