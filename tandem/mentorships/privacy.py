"""What the mentorships app holds about a person, and how it forgets them (tandem/privacy).

Mentorships stay with their status and dates (a program's numbers count them), pointing at the
anonymised account. The agreement is the pair's joint text and stays for the partner; what the
person wrote alone (a note when moving the mentorship on, the end note) goes."""

from django.db.models import Q

from tandem.mentorships.models import Mentorship, MentorshipEvent
from tandem.people.models import User


def personal_data(user: User) -> dict:
    mentorships = (
        Mentorship.objects.involving(user)
        .select_related("program", "mentor", "mentee")
        .prefetch_related("agreements__signatures")
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
    MentorshipEvent.objects.filter(by=user).update(note="")
    Mentorship.objects.filter(Q(mentor=user) | Q(mentee=user)).update(end_note="")
