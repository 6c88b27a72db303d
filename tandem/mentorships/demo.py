"""Mentorships for the demo, on top of the people and programs of tandem/people/demo.py.

- The onboarding program stays as it is (enrolling, nobody paired): the admin runs its match.
- A spring cohort of onboarding started about five months ago: most pairs active with signed
  agreements (a few amended), three completed with both reflections, one paused, one ended
  early. Maria (mentor@) mentors in it.
- The peer circle is under way: approved peers paired two by two, mutual, agreed monthly.
  Theo (mentee@) is one of them, with an amendment from his partner awaiting his signature.
- A self-select program where the spring cohort's former mentees now mentor (the lineage's
  second generation), some requests answered, some waiting, and Theo free to find and ask a
  mentor — Maria among the best fits.

Deterministic for a seed and a day; built through the services (capacity, events) and then
dated back, without notifying or mailing anyone."""

import datetime
import random

from django.urls import reverse
from django.utils import timezone

from tandem.matching.engine import solve_problem
from tandem.matching.engine.pairs import score_pairs
from tandem.matching.problems import person_key, program_problem, user_id_of
from tandem.mentorships.models import (
    Agreement,
    AgreementSignature,
    Mentorship,
    MentorshipOrigin,
    MentorshipRequest,
    Reflection,
    RequestStatus,
)
from tandem.mentorships.services import mentorship_begin, mentorship_transition
from tandem.notifications.services import notify
from tandem.people.demo import (
    ADMIN_EMAIL,
    MENTEE_EMAIL,
    MENTOR_EMAIL,
    ONBOARDING_MENTEE_GUIDELINES,
    ONBOARDING_MENTOR_GUIDELINES,
)
from tandem.people.models import User
from tandem.programs.models import Enrollment, Program, ProgramStatusChange


def step(*, seed: int, today: datetime.date) -> str:
    demo = _MentorshipDemo(seed=seed, today=today)
    spring = demo.spring_cohort()
    peers = demo.peer_circle()
    chooser = demo.skills_exchange(spring)
    return (
        f"Mentorships: spring cohort ({spring['active']} active, {spring['completed']} "
        f"completed, {spring['paused']} paused, {spring['ended']} ended early), {peers} peer "
        "pairs, a self-select program "
        f"with {chooser['mentors']} mentors and {chooser['requests']} requests."
    )


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class _MentorshipDemo:
    def __init__(self, *, seed: int, today: datetime.date):
        self.rng = random.Random(seed * 7 + 4)
        self.today = today
        self.admin = User.objects.get(email=ADMIN_EMAIL)
        self.mentor = User.objects.get(email=MENTOR_EMAIL)
        self.mentee = User.objects.get(email=MENTEE_EMAIL)
        busy = Enrollment.objects.filter(program__slug="new-hire-onboarding")
        self.in_onboarding = set(busy.values_list("person_id", flat=True))

    # --- the spring cohort: five months in -------------------------------------------------

    def spring_cohort(self) -> dict:
        start = self.today - datetime.timedelta(days=150)
        program = self._program(
            name=f"New-hire onboarding — spring cohort {start.year}",
            slug="new-hire-onboarding-spring",
            purpose="onboarding",
            matching_mode="admin",
            meeting_frequency="fortnightly",
            start=start,
            description="The spring intake of new colleagues, each with a mentor from "
            "another team for their first six months.",
            mentor_guidelines=ONBOARDING_MENTOR_GUIDELINES,
            mentee_guidelines=ONBOARDING_MENTEE_GUIDELINES,
        )
        mentees = self._spring_mentees(start)
        mentors = self._seniors(12, exclude={p.pk for p in mentees})
        for person in mentors + [self.mentor]:
            self._enroll(program, person, "mentor", capacity=2, on=start - datetime.timedelta(30))
        for person in mentees:
            self._enroll(program, person, "mentee", on=start - datetime.timedelta(days=30))
        pairs = [self._maria_pair(program)] + self._solve(program)
        return self._spring_outcomes(program, pairs, start)

    def _spring_mentees(self, start: datetime.date) -> list[User]:
        """The people who joined most recently before the cohort began, not yet senior."""
        window = (start - datetime.timedelta(days=730), start + datetime.timedelta(days=20))
        people = User.objects.filter(
            profile__seniority__lte=3,
            profile__hire_date__range=window,
        ).exclude(pk__in=[self.admin.pk, self.mentor.pk, self.mentee.pk])
        return list(people.order_by("-profile__hire_date", "email")[:18])

    def _seniors(self, count: int, *, exclude: set[int]) -> list[User]:
        seasoned = self.today - datetime.timedelta(days=3 * 365)
        people = User.objects.filter(
            profile__seniority__in=(4, 5), profile__hire_date__lte=seasoned
        ).exclude(pk__in=exclude | {self.admin.pk, self.mentor.pk, self.mentee.pk})
        people = sorted(people.order_by("email"), key=lambda p: p.pk in self.in_onboarding)
        return self.rng.sample(people[: count * 2], min(count, len(people)))

    def _maria_pair(self, program: Program) -> Mentorship:
        """Maria (the demo mentor) mentors the waiting mentee who fits her best."""
        built = program_problem(program=program)
        maria = person_key(self.mentor.pk)
        ranked = score_pairs(built.problem, [(m.id, maria) for m in built.problem.mentees])
        best = max((p for p in ranked if p.admissible), key=lambda p: p.score)
        return self._begin(program, built.mentors[maria], built.mentees[best.mentee], best.score)

    def _solve(self, program: Program) -> list[Mentorship]:
        """Everyone else paired as a match run would: the engine on the program's people."""
        built = program_problem(program=program)
        result = solve_problem(built.problem)
        pairs = getattr(result, "assignments", None) or getattr(result, "pairs", [])
        return [
            self._begin(program, built.mentors[a.mentor], built.mentees[a.mentee], a.score)
            for a in pairs
        ]

    def _begin(self, program, mentor_enrollment, mentee_enrollment, score, origin=None):
        return mentorship_begin(
            program=program,
            mentor_enrollment=mentor_enrollment,
            mentee_enrollment=mentee_enrollment,
            by=self.admin if origin is None else None,
            origin=origin or MentorshipOrigin.MATCH_RUN,
            score=round(score, 4),
            announce=False,
        )

    def _spring_outcomes(self, program, pairs: list[Mentorship], start: datetime.date) -> dict:
        maria_pair, others = pairs[0], pairs[1:]
        # Completed pairs: mentees with the most experience, so they can mentor next.
        others.sort(key=lambda m: (-m.mentee.profile.seniority, m.mentee.email))
        completed, paused, ended, active = others[:3], others[3:4], others[4:5], others[5:]
        for mentorship in pairs:
            began = start + datetime.timedelta(days=self.rng.choice([0, 2, 5, 9, 14, 21, 35, 60]))
            if mentorship is maria_pair:
                began = start + datetime.timedelta(days=4)
            self._date_start(mentorship, began)
            self._agreement(mentorship, began, program.end_date, amend=mentorship is maria_pair)
        for mentorship in active[:2]:
            self._amend(mentorship, self.today - datetime.timedelta(days=40))
        for mentorship in completed:
            day = self.today - datetime.timedelta(days=self.rng.randint(8, 40))
            self._close(mentorship, "completed", day, reason="goals_met", reflections=2)
        for mentorship in paused:
            self._move(
                mentorship,
                "paused",
                self.today - datetime.timedelta(days=18),
                by=mentorship.mentee,
                note="Back after my parental leave in January.",
            )
        for mentorship in ended:
            day = self.today - datetime.timedelta(days=55)
            self._close(
                mentorship,
                "ended",
                day,
                reason="role_change",
                reflections=1,
                note="I moved to the Berlin office and a new team; we agreed to stop here.",
            )
        return {
            "program": program,
            "active": len(active) + 1,
            "completed": len(completed),
            "paused": len(paused),
            "ended": len(ended),
            "graduates": [m.mentee for m in completed],
        }

    # --- the peer circle: under way ------------------------------------------------------------

    def peer_circle(self) -> int:
        program = Program.objects.get(slug="peer-mentoring-circle")
        start = self.today - datetime.timedelta(days=75)
        Program.objects.filter(pk=program.pk).update(
            start_date=start,
            end_date=start + datetime.timedelta(days=182),
            enrollment_deadline=start - datetime.timedelta(days=7),
        )
        program.refresh_from_db()
        self._advance(program, start)
        theo = self._enroll(program, self.mentee, "peer", on=start - datetime.timedelta(days=12))
        built = program_problem(program=program)
        mine = person_key(self.mentee.pk)
        ranked = score_pairs(
            built.problem, [(mine, p.id) for p in built.problem.mentees if p.id != mine]
        )
        best = max((p for p in ranked if p.admissible), key=lambda p: p.score)
        partner = built.mentees[best.mentor]
        pairs = [self._begin(program, theo, partner, best.score)] + self._solve(program)
        for index, mentorship in enumerate(pairs):
            began = start + datetime.timedelta(days=index % 10)
            self._date_start(mentorship, began)
            self._agreement(mentorship, began, program.end_date, frequency="monthly")
        theirs = pairs[0]
        partner = theirs.partner_of(self.mentee)
        self._amend(theirs, self.today - datetime.timedelta(days=2), by=partner, signed=False)
        notify(
            recipient=self.mentee,
            kind="agreement_to_sign",
            title=f"{partner} updated your mentoring agreement (version 2)",
            body="Read it and sign it when you both agree.",
            url=reverse("mentorships:agreement", args=[theirs.pk]),
            needs_action=True,
            email=False,
        )
        return len(pairs)

    # --- the self-select program: mentees choose --------------------------------------------

    def skills_exchange(self, spring: dict) -> dict:
        start = self.today - datetime.timedelta(days=30)
        program = self._program(
            name="Skills exchange — choose your mentor",
            slug="skills-exchange",
            purpose="skills",
            matching_mode="self_select",
            meeting_frequency="fortnightly",
            start=start,
            description="Pick the colleague you want to learn a skill from. Browse the mentors, "
            "read their cards and send a request saying what you admire in their path and "
            "what you hope to gain.",
            mentor_guidelines=EXCHANGE_MENTOR_GUIDELINES,
            mentee_guidelines=EXCHANGE_MENTEE_GUIDELINES,
        )
        graduates = spring["graduates"]
        taken = set(
            Enrollment.objects.filter(program=spring["program"]).values_list("person_id", flat=True)
        )
        seniors = self._seniors(9, exclude=taken | {p.pk for p in graduates})
        enrolled_on = start - datetime.timedelta(days=14)
        mentors = {}
        for person in [self.mentor] + graduates + seniors:
            capacity = 1 if person in graduates[1:] else self.rng.choice([1, 2, 2, 3])
            capacity = 2 if person == self.mentor else capacity
            mentors[person.pk] = self._enroll(
                program, person, "mentor", capacity=capacity, on=enrolled_on
            )
        juniors = self._juniors(14, exclude=taken | set(mentors))
        mentees = [self._enroll(program, p, "mentee", on=enrolled_on) for p in juniors]
        self._enroll(program, self.mentee, "mentee", on=enrolled_on)
        requests = self._exchange_requests(program, mentors, mentees, graduates)
        return {"mentors": len(mentors), "requests": requests}

    def _juniors(self, count: int, *, exclude: set[int]) -> list[User]:
        people = User.objects.filter(profile__seniority__lte=2).exclude(
            pk__in=exclude | {self.admin.pk, self.mentor.pk, self.mentee.pk}
        )
        return sorted(people.order_by("email")[: count * 3], key=lambda p: self.rng.random())[
            :count
        ]

    def _exchange_requests(self, program, mentors: dict, mentees: list, graduates) -> int:
        """Former mentees now mentoring (accepted requests), others waiting or answered."""
        fits = self._admissible_fits(program)
        count = 0
        queue = [e for e in mentees if person_key(e.person_id) in fits]
        # The graduates each take a mentee who asked them: the second generation of the lineage.
        for graduate in graduates:
            chosen = self._pick_mentee(queue, fits, person_key(graduate.pk))
            if chosen is not None:
                self._accepted_request(program, mentors[graduate.pk], chosen, fits)
                count += 1
        # Maria has one request waiting for her answer; others wait, were declined or expired.
        outcomes = ["maria", "pending", "pending", "declined", "expired", "accepted", "accepted"]
        for outcome in outcomes[: len(queue)]:
            mentee = queue.pop(0)
            pair = self._chosen_mentor(fits[person_key(mentee.person_id)], mentors, outcome)
            if pair is None:
                continue
            mentor_enrollment = mentors[user_id_of(pair.mentor)]
            if outcome == "accepted":
                self._accepted_request(program, mentor_enrollment, mentee, fits, pair=pair)
            else:
                self._request(program, mentor_enrollment, mentee, pair.score, outcome)
            count += 1
        return count

    def _admissible_fits(self, program) -> dict[str, list]:
        """Every admissible (mentee, mentor) pair of the program, by mentee."""
        built = program_problem(program=program)
        pairs = [(e, m) for e in built.mentees for m in built.mentors if e != m]
        fits: dict[str, list] = {}
        for pair in score_pairs(built.problem, pairs):
            if pair.admissible:
                fits.setdefault(pair.mentee, []).append(pair)
        return fits

    def _chosen_mentor(self, fits: list, mentors: dict, outcome: str):
        """The mentor this mentee asks: Maria for her waiting request, else the best with room."""
        ranked = sorted(fits, key=lambda p: -p.score)
        maria = person_key(self.mentor.pk)
        if outcome == "maria":
            return next((p for p in ranked if p.mentor == maria), None)
        for pair in ranked:
            enrollment = mentors[user_id_of(pair.mentor)]
            enrollment.refresh_from_db(fields=["load"])
            if pair.mentor != maria and enrollment.has_room:
                return pair
        return None

    def _pick_mentee(self, queue, fits, mentor_key):
        for mentee in queue:
            if any(p.mentor == mentor_key for p in fits[person_key(mentee.person_id)]):
                queue.remove(mentee)
                return mentee
        return None

    def _request(
        self, program, mentor_enrollment, mentee_enrollment, score, outcome
    ) -> MentorshipRequest:
        asked = self.today - datetime.timedelta(
            days={"maria": 2, "pending": 4, "declined": 12, "expired": 20}.get(outcome, 16)
        )
        status = RequestStatus.PENDING if outcome in ("maria", "pending") else outcome
        answered = (
            None
            if status == RequestStatus.PENDING
            else asked + datetime.timedelta(days=3 if outcome == "declined" else 7)
        )
        request = MentorshipRequest.objects.create(
            program=program,
            mentee=mentee_enrollment.person,
            mentor=mentor_enrollment.person,
            mentee_enrollment=mentee_enrollment,
            mentor_enrollment=mentor_enrollment,
            admire=self.rng.choice(ADMIRE).format(name=mentor_enrollment.person.first_name),
            hope_to_gain=self.rng.choice(HOPE),
            score=round(score, 4),
            status=status,
            created_at=_at(asked, 11),
            expires_at=_at(asked + datetime.timedelta(days=program.request_expiry_days), 11),
            answered_at=_at(answered, 15) if answered else None,
            response="Thank you for asking! My next months are full with a launch; "
            "try again in the next round."
            if outcome == "declined"
            else "",
            closing_note="No answer in time." if outcome == "expired" else "",
        )
        if outcome == "maria":
            notify(
                recipient=self.mentor,
                kind="request_received",
                title=f"{request.mentee} asks you to be their mentor in {program}",
                body=f"Please answer within {program.request_expiry_days} days.",
                url=request.get_absolute_url(),
                needs_action=True,
                email=False,
            )
        return request

    def _accepted_request(self, program, mentor_enrollment, mentee_enrollment, fits, pair=None):
        key = person_key(mentee_enrollment.person_id)
        pair = pair or next(
            p for p in fits[key] if p.mentor == person_key(mentor_enrollment.person_id)
        )
        request = self._request(
            program, mentor_enrollment, mentee_enrollment, pair.score, "accepted"
        )
        mentorship = self._begin(
            program, mentor_enrollment, mentee_enrollment, pair.score, MentorshipOrigin.REQUEST
        )
        began = request.created_at.date() + datetime.timedelta(days=2)
        MentorshipRequest.objects.filter(pk=request.pk).update(
            status=RequestStatus.ACCEPTED,
            answered_at=_at(began, 9),
            mentorship=mentorship,
            response="With pleasure — let's meet next week.",
        )
        self._date_start(mentorship, began)
        self._agreement(mentorship, began, program.end_date, signed=self.rng.random() < 0.7)

    # --- building blocks ----------------------------------------------------------------------

    def _program(self, *, name, slug, start, **fields) -> Program:
        program = Program.objects.create(
            name=name,
            slug=slug,
            format="mentoring",
            start_date=start,
            end_date=start + datetime.timedelta(days=182),
            enrollment_deadline=start - datetime.timedelta(days=7),
            status="enrolling",
            created_by=self.admin,
            **fields,
        )
        program.admins.add(self.admin)
        ProgramStatusChange.objects.create(
            program=program,
            from_status="draft",
            to_status="enrolling",
            by=self.admin,
            at=_at(start - datetime.timedelta(days=45)),
        )
        self._advance(program, start)
        return program

    def _advance(self, program: Program, start: datetime.date) -> None:
        for from_status, to_status, day in (
            ("enrolling", "matching", start - datetime.timedelta(days=6)),
            ("matching", "running", start),
        ):
            ProgramStatusChange.objects.create(
                program=program,
                from_status=from_status,
                to_status=to_status,
                by=self.admin,
                at=_at(day),
            )
        Program.objects.filter(pk=program.pk).update(status="running")
        program.status = "running"

    def _enroll(self, program, person, role, *, capacity=None, on) -> Enrollment:
        return Enrollment.objects.create(
            program=program,
            person=person,
            role=role,
            status="approved",
            capacity=capacity if role == "mentor" else None,
            motivation=self.rng.choice(MOTIVATIONS[role]),
            created_at=_at(on),
            decided_by=self.admin,
            decided_at=_at(on + datetime.timedelta(days=2)),
        )

    def _date_start(self, mentorship: Mentorship, began: datetime.date) -> None:
        moment = _at(began, 9)
        Mentorship.objects.filter(pk=mentorship.pk).update(
            created_at=moment - datetime.timedelta(days=2),
            started_at=moment,
            mentor_accepted_at=moment,
            mentee_accepted_at=moment,
        )
        mentorship.events.update(at=moment)
        mentorship.refresh_from_db()

    def _agreement(
        self, mentorship, began, program_end, *, amend=False, frequency=None, signed=True
    ):
        held = began + datetime.timedelta(days=self.rng.randint(2, 8))
        agreement = Agreement.objects.create(
            mentorship=mentorship,
            version=1,
            consultation_held_on=held,
            goals=self.rng.choice(PEER_GOALS if mentorship.is_mutual else GOALS),
            meeting_frequency=frequency
            or self.rng.choices(["weekly", "fortnightly", "monthly"], [2, 5, 2])[0],
            meeting_style=self.rng.choices(["virtual", "in_person", "mixed"], [3, 2, 4])[0],
            meeting_minutes=self.rng.choice([45, 60, 60, 90]),
            start_date=held,
            end_date=max(program_end, held + datetime.timedelta(days=60)),
            punctuality="We start on time; running late by more than five minutes means a message.",
            preparation=self.rng.choice(PREPARATION),
            cancellation="At least 24 hours ahead, with a new time proposed in the same message.",
            mentor_expectations=self.rng.choice(MENTOR_EXPECTATIONS),
            mentee_expectations=self.rng.choice(MENTEE_EXPECTATIONS),
            feedback=self.rng.choice(FEEDBACK),
            created_by=mentorship.mentee,
            created_at=_at(held, 16),
        )
        if signed:
            self._sign(agreement, held)
        if amend:
            self._amend(mentorship, held + datetime.timedelta(days=35), by=mentorship.mentor)

    def _sign(self, agreement: Agreement, day: datetime.date, people=None) -> None:
        for offset, person in enumerate(people or agreement.mentorship.people()):
            AgreementSignature.objects.create(
                agreement=agreement,
                person=person,
                signed_at=_at(day + datetime.timedelta(days=offset), 17),
            )

    def _amend(self, mentorship, day, *, by=None, signed=True) -> None:
        """A new version: the pair changed their rhythm once they knew each other."""
        latest = mentorship.agreements.order_by("-version").first()
        by = by or mentorship.mentee
        amended = Agreement.objects.get(pk=latest.pk)
        amended.pk = None
        amended.version = latest.version + 1
        amended.meeting_frequency = (
            "fortnightly" if latest.meeting_frequency != "fortnightly" else "weekly"
        )
        amended.goals = latest.goals + "\n" + self.rng.choice(EXTRA_GOALS)
        amended.created_by = by
        amended.created_at = _at(day, 12)
        amended.save()
        if signed:
            self._sign(amended, day)
        else:
            self._sign(amended, day, people=[by])

    def _move(self, mentorship, status, day, *, by, note="", reason="") -> None:
        mentorship_transition(
            mentorship=mentorship,
            to_status=status,
            by=by,
            reason=reason,
            note=note,
            notify_people=False,
        )
        moment = _at(day, 14)
        mentorship.events.filter(to_status=status).update(at=moment)
        if status in ("completed", "ended"):
            Mentorship.objects.filter(pk=mentorship.pk).update(ended_at=moment)

    def _close(self, mentorship, status, day, *, reason, reflections, note="") -> None:
        self._move(mentorship, status, day, by=mentorship.mentee, note=note, reason=reason)
        for person in list(mentorship.people())[:reflections]:
            partner = mentorship.partner_of(person)
            Reflection.objects.create(
                mentorship=mentorship,
                author=person,
                gained=self.rng.choice(
                    GAINED_AS_MENTOR if person == mentorship.mentor else GAINED_AS_MENTEE
                ),
                partner_gained=self.rng.choice(PARTNER_GAINED).format(name=partner.first_name),
                recommend="yes" if status == "completed" else "with_reservations",
                reason=reason,
                created_at=_at(day + datetime.timedelta(days=1), 18),
            )


EXCHANGE_MENTOR_GUIDELINES = """\
Read each request carefully and answer within a week, even if it is a no.
If you accept, hold a first conversation within two weeks and write your agreement together.
Teach by doing: pair on real work, review, and let your mentee lead the next try.
Keep what you hear confidential."""
EXCHANGE_MENTEE_GUIDELINES = """\
Choose a mentor for a skill you want to grow, not for their title.
In your request, name what you admire in their path and what you hope to gain: be specific.
Ask one mentor at a time if you can; withdraw a request you no longer need.
Come to each meeting with something you tried since the last one."""
MOTIVATIONS = {
    "mentor": [
        "I learnt the most from people who took the time; my turn now.",
        "I enjoy helping people grow, and I learn from their questions.",
        "I want to practise coaching rather than telling.",
    ],
    "mentee": [
        "I want to find my way around faster and meet people outside my team.",
        "I would like someone to challenge how I work.",
        "I want to learn from someone who has done what I am about to do.",
    ],
    "peer": ["I want to learn from another team and share what I know."],
}
GOALS = [
    "Know who to ask for what across the company.\nShip my first project end to end.",
    "Understand how our customers use the product.\nPresent my work at a team demo.",
    "Build a network outside my team.\nGet comfortable giving feedback in reviews.",
    "Learn how decisions are made here.\nPlan my first six months with my manager.",
]
PEER_GOALS = [
    "Each of us teaches one skill: SQL for reporting, and presenting to executives.",
    "Swap what we know: agile planning one way, negotiation the other.",
    "Trade skills: Python basics for storytelling with data.",
]
EXTRA_GOALS = [
    "Prepare for the quarterly planning together.",
    "Rehearse my first customer presentation.",
    "Review my growth plan before my mid-year talk.",
]
PREPARATION = [
    "The mentee sends a topic or a question the day before.",
    "We each bring one thing we tried since the last meeting.",
    "A shared document with the agenda, updated before each meeting.",
]
MENTOR_EXPECTATIONS = [
    "Listens first, shares real examples, introduces at least two useful colleagues.",
    "Honest feedback, and a review of one piece of work each month.",
]
MENTEE_EXPECTATIONS = [
    "Leads the agenda, follows up on what we agreed, says what helps and what does not.",
    "Comes prepared, tries things between meetings and reports back.",
]
FEEDBACK = [
    "Five minutes at the end of each meeting, both ways.",
    "A short written note after every third meeting.",
]
GAINED_AS_MENTEE = [
    "Confidence to speak up in design reviews, and a network across three teams.",
    "I know how decisions get made here and who to ask; I shipped my first project.",
    "A clear plan for my next year, and the habit of asking for feedback early.",
]
GAINED_AS_MENTOR = [
    "A fresh look at how we onboard people, and practice at coaching instead of telling.",
    "Patience, and a reminder of how much of our work is unwritten.",
]
PARTNER_GAINED = [
    "{name} gained confidence and a wider network.",
    "{name} found their feet quickly and now helps others.",
    "{name} learnt how things really work here.",
]
ADMIRE = [
    "{name}, you moved from support into engineering and now lead design reviews that "
    "people actually enjoy.",
    "The way you explain complex things simply in the all-hands, {name}.",
    "{name}, you built the reporting that the whole sales team relies on.",
]
HOPE = [
    "To run a design review on my own by the end of the quarter.",
    "To present my work to a customer without notes, and handle their questions.",
    "To write SQL for my own reports and stop waiting on others.",
]
