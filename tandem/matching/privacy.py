"""What matching holds about a person, and how it forgets them (tandem/privacy).

A run's proposals name the person (through their enrollment) with a score and the engine's
explanation of the fit, which speaks of their skills, wishes and languages; the people a run
left unmatched, with the reason. The download lists them. On erasure the rows stay (a run's
totals and every comparison count them) but the explanation and the factor table of each
proposal naming the person go, and so does the detail of their unmatched rows."""

from django.db.models import Q

from tandem.matching.models import Proposal, Unmatched
from tandem.people.models import User


def _proposals(user: User):
    return Proposal.objects.filter(
        Q(mentee_enrollment__person=user) | Q(mentor_enrollment__person=user)
    )


def personal_data(user: User) -> dict:
    proposals = _proposals(user).select_related(
        "run__program", "mentee_enrollment__person", "mentor_enrollment__person"
    )
    unmatched = Unmatched.objects.filter(enrollment__person=user).select_related("run__program")
    return {
        "proposals_naming_me": [
            {
                "program": p.run.program.name,
                "run": p.run.number,
                "partner": str(
                    p.mentor_enrollment.person
                    if p.mentee_enrollment.person_id == user.pk
                    else p.mentee_enrollment.person
                ),
                "score": p.score,
                "explanation": p.explanation,
                "factors": p.factors,
                "became_a_mentorship": p.mentorship_id,
            }
            for p in proposals
        ],
        "runs_that_left_me_unmatched": [
            {
                "program": u.run.program.name,
                "run": u.run.number,
                "reason": u.reason,
                "detail": u.detail,
            }
            for u in unmatched
        ],
    }


def erase(user: User) -> None:
    _proposals(user).update(explanation="", factors=[])
    Unmatched.objects.filter(enrollment__person=user).update(detail="")
