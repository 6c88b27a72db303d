"""What the programs app holds about a person, and how it forgets them (tandem/privacy).

Enrollments stay (a program's numbers count them); what the person wrote in them goes."""

from tandem.people.models import User
from tandem.programs.models import Enrollment, EnrollmentAnswer, Program, QuestionKind


def personal_data(user: User) -> dict:
    enrollments = Enrollment.objects.filter(person=user).select_related("program")
    return {
        "enrollments": [
            {
                "program": e.program.name,
                "role": e.role,
                "status": e.status,
                "capacity": e.capacity,
                "motivation": e.motivation,
                "enrolled_at": e.created_at.isoformat(),
                "decided_at": e.decided_at.isoformat() if e.decided_at else None,
                "decision_note": e.decision_note,
                "answers": [
                    {"question": a.question.text, "answer": a.answer}
                    for a in e.answers.select_related("question")
                ],
            }
            for e in enrollments
        ],
        "programs_administered": list(
            Program.objects.filter(admins=user).values_list("name", flat=True)
        ),
    }


def erase(user: User) -> None:
    enrollments = Enrollment.objects.filter(person=user)
    enrollments.update(motivation="", decision_note="")
    # Choices and scales are counted in reports; free text is the person's own words.
    EnrollmentAnswer.objects.filter(
        enrollment__in=enrollments, question__kind=QuestionKind.TEXT
    ).delete()
    for program in Program.objects.filter(admins=user):
        program.admins.remove(user)
