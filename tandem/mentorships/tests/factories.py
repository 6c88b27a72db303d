"""Mentorships for tests, built through the services so capacity bookkeeping stays true."""

import datetime

from factory.django import DjangoModelFactory

from tandem.mentorships.models import (
    Agreement,
    AgreementSignature,
    Mentorship,
    MentorshipOrigin,
    MentorshipRequest,
)
from tandem.mentorships.services import (
    mentorship_begin,
    mentorship_propose,
    mentorship_request_create,
)
from tandem.people.tests.factories import LanguageFactory, UserFactory
from tandem.programs.models import Enrollment
from tandem.programs.tests.factories import EnrollmentFactory, ProgramFactory


def _enrollment(program, person, role) -> Enrollment:
    enrollment = Enrollment.objects.filter(program=program, person=person, role=role).first()
    return enrollment or EnrollmentFactory(program=program, person=person, role=role)


def make_mentorship(
    *,
    program=None,
    mentor=None,
    mentee=None,
    status: str = "active",
    agreement: bool = True,
    by=None,
) -> Mentorship:
    """An active (or proposed) mentorship, enrolling the two people if they are not yet;
    with a signed agreement unless `agreement=False`."""
    program = program or ProgramFactory(status="running")
    mentor = mentor or UserFactory()
    mentee = mentee or UserFactory()
    roles = ("peer", "peer") if program.is_mutual else ("mentor", "mentee")
    arguments = {
        "program": program,
        "mentor_enrollment": _enrollment(program, mentor, roles[0]),
        "mentee_enrollment": _enrollment(program, mentee, roles[1]),
        "by": by,
    }
    if status == "proposed":
        return mentorship_propose(**arguments, origin=MentorshipOrigin.MATCH_RUN, score=0.8)
    mentorship = mentorship_begin(**arguments, origin=MentorshipOrigin.ADMIN)
    if agreement:
        signed_agreement(mentorship)
    return mentorship


class AgreementFactory(DjangoModelFactory):
    class Meta:
        model = Agreement

    mentorship = None
    goals = "Find my feet in the team; learn to present to customers."
    meeting_frequency = "fortnightly"
    meeting_style = "mixed"
    start_date = datetime.date(2026, 2, 2)
    end_date = datetime.date(2026, 7, 31)
    punctuality = "We start on time; five minutes late means a message."
    preparation = "The mentee sends an agenda a day before."
    cancellation = "At least 24 hours ahead, with a new time proposed."
    feedback = "A few words at the end of each meeting."


def signed_agreement(mentorship: Mentorship, **fields) -> Agreement:
    """A version of the agreement that both people have signed."""
    version = (mentorship.agreements.count() or 0) + 1
    agreement = AgreementFactory(
        mentorship=mentorship, version=version, created_by=mentorship.mentee, **fields
    )
    for person in mentorship.people():
        AgreementSignature.objects.create(agreement=agreement, person=person)
    return agreement


# --- mentees choosing their mentor ------------------------------------------------------------

MOTIVATION = {
    "admire": "You moved from support into engineering and now lead the platform team.",
    "hope_to_gain": "Confidence in system design reviews and a plan for my next two years.",
}


def speaking(user, code: str = "en", name: str = "English"):
    """Give a person a language (the matching rules need a shared one)."""
    user.profile.languages.add(LanguageFactory(code=code, name=name))
    return user


def mentor_enrollment(program, person=None, *, capacity: int = 2) -> Enrollment:
    """An approved mentor of the program who speaks English."""
    person = speaking(person or UserFactory())
    existing = Enrollment.objects.filter(program=program, person=person, role="mentor").first()
    return existing or EnrollmentFactory(
        program=program, person=person, role="mentor", capacity=capacity
    )


def mentee_enrollment(program, person=None) -> Enrollment:
    person = speaking(person or UserFactory())
    return _enrollment(program, person, "mentee")


def make_request(*, mentee, mentor_enrollment, **motivation) -> MentorshipRequest:
    """A pending request, sent through the service (the program must let mentees choose)."""
    return mentorship_request_create(
        mentee=mentee, mentor_enrollment=mentor_enrollment, **{**MOTIVATION, **motivation}
    )
