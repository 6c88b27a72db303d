import datetime

import factory
from factory.django import DjangoModelFactory

from tandem.people.tests.factories import UserFactory
from tandem.programs.models import Enrollment, EnrollmentQuestion, Program


class ProgramFactory(DjangoModelFactory):
    class Meta:
        model = Program

    name = factory.Sequence(lambda n: f"Program {n}")
    slug = factory.Sequence(lambda n: f"program-{n}")
    purpose = "onboarding"
    description = "Help new colleagues find their feet."
    start_date = datetime.date(2026, 1, 12)
    end_date = datetime.date(2026, 7, 10)
    mentor_guidelines = "Listen first. Share what you learnt the hard way."
    mentee_guidelines = "Come prepared. Say what you hope to gain."
    status = "enrolling"


class EnrollmentQuestionFactory(DjangoModelFactory):
    class Meta:
        model = EnrollmentQuestion

    program = factory.SubFactory(ProgramFactory)
    text = "What do you hope to gain?"


class EnrollmentFactory(DjangoModelFactory):
    class Meta:
        model = Enrollment

    program = factory.SubFactory(ProgramFactory)
    person = factory.SubFactory(UserFactory)
    role = "mentee"
    status = "approved"
    capacity = factory.LazyAttribute(lambda o: 2 if o.role == "mentor" else None)
