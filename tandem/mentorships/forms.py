"""The forms of a mentorship's pages. They check the shape of what people type; the rules
(who may, in which state, capacity) live in services.py."""

from django import forms
from django.db.models import F, Q

from tandem.mentorships.models import (
    AGREEMENT_TERMS,
    Agreement,
    EndReason,
    Mentorship,
    MentorshipStatus,
    Reflection,
)
from tandem.people.models import Department, Language, Skill

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SEARCH = forms.TextInput(attrs={"type": "search"})


def add_service_errors(form: forms.Form, error) -> None:
    """Put a service's ValidationError on the form: on the field it names, else on top."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Why are you declining?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The program's admins read this to find you a better match.",
    )


class TransitionForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (MentorshipStatus.PAUSED, "Pause"),
            (MentorshipStatus.ACTIVE, "Resume"),
            (MentorshipStatus.COMPLETED, "Complete"),
            (MentorshipStatus.ENDED, "End early"),
        ],
        widget=forms.HiddenInput,
    )
    reason = forms.ChoiceField(
        label="Reason", choices=[("", "—")] + EndReason.choices, required=False
    )
    note = forms.CharField(
        label="Note",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Recorded in the history, which the program's admins see too.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == MentorshipStatus.ENDED and not cleaned.get("reason"):
            self.add_error("reason", "Choose why the mentorship ends early.")
        return cleaned


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = list(AGREEMENT_TERMS)
        widgets = {
            "consultation_held_on": DATE,
            "start_date": DATE,
            "end_date": DATE,
            "goals": forms.Textarea(attrs={"rows": 4}),
            "confidentiality": forms.Textarea(attrs={"rows": 3}),
            "punctuality": forms.Textarea(attrs={"rows": 2}),
            "preparation": forms.Textarea(attrs={"rows": 2}),
            "cancellation": forms.Textarea(attrs={"rows": 2}),
            "mentor_expectations": forms.Textarea(attrs={"rows": 3}),
            "mentee_expectations": forms.Textarea(attrs={"rows": 3}),
            "feedback": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "goals": "Two or three goals for the mentorship, a line each. You will make them "
            "SMART later, on the goals page.",
            "meeting_minutes": "Between 15 and 480.",
            "end_date": "Usually the program's end; you can amend it later.",
            "punctuality": "For example: we start on time; late by five minutes means a message.",
            "preparation": "For example: the mentee sends a topic the day before.",
            "cancellation": "For example: at least a day ahead, with a new time proposed.",
            "feedback": "For example: five minutes at the end of each meeting, both ways.",
        }

    def __init__(self, *args, mentorship: Mentorship, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start_date"].required = True
        self.fields["end_date"].required = True
        if mentorship.is_mutual:
            # Both are mentor and mentee: each side's commitments, by name.
            self.fields["mentor_expectations"].label = f"What {mentorship.mentor} commits to"
            self.fields["mentee_expectations"].label = f"What {mentorship.mentee} commits to"

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end <= start:
            self.add_error("end_date", "The agreement must end after it starts.")
        return cleaned


class ReflectionForm(forms.ModelForm):
    class Meta:
        model = Reflection
        fields = ["gained", "partner_gained", "recommend", "reason"]
        widgets = {
            "gained": forms.Textarea(attrs={"rows": 4}),
            "partner_gained": forms.Textarea(attrs={"rows": 4}),
            "recommend": forms.RadioSelect,
        }
        help_texts = {
            "gained": "Skills, confidence, contacts, a new way of seeing things…",
            "partner_gained": "What you think your partner takes away.",
            "reason": "The main reason the mentorship ended.",
        }

    def __init__(self, *args, mentorship: Mentorship, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommend"].label = "Would you recommend your partner to others?"
        if not self.instance.pk and mentorship.end_reason:
            self.initial.setdefault("reason", mentorship.end_reason)


class RequestForm(forms.Form):
    """Both parts are checked by the service (mentorship_request_create), which says what is
    missing in the mentoring domain's words rather than "This field is required"."""

    admire = forms.CharField(
        label="What I admire in your path",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Be specific: a project, a skill, a career move, the way they work.",
    )
    hope_to_gain = forms.CharField(
        label="What I hope to gain",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you would like to be able to do or understand after the mentorship.",
    )


class RequestAnswerForm(forms.Form):
    message = forms.CharField(
        label="Message to the mentee (optional)",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MentorSearchForm(forms.Form):
    q = forms.CharField(label="Name", required=False, widget=SEARCH)
    skill = forms.CharField(
        label="Skill",
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "e.g. public speaking"}),
    )
    department = forms.ModelChoiceField(
        queryset=Department.objects.order_by("name"), required=False, empty_label="Any department"
    )
    language = forms.ModelChoiceField(
        queryset=Language.objects.order_by("name"), required=False, empty_label="Any language"
    )
    room = forms.BooleanField(label="Only mentors with a place", required=False)

    def filter(self, enrollments):
        """Narrow a program's mentor enrollments to what the mentee asked for."""
        data = self.cleaned_data
        for word in (data.get("q") or "").split():
            enrollments = enrollments.filter(
                Q(person__first_name__icontains=word) | Q(person__last_name__icontains=word)
            )
        if data.get("skill"):
            text = data["skill"].strip()
            skills = Skill.objects.filter(
                Q(name__icontains=text) | Q(aliases__name__icontains=text)
            )
            enrollments = enrollments.filter(person__profile__skills__skill__in=skills)
        if data.get("department"):
            enrollments = enrollments.filter(person__profile__department=data["department"])
        if data.get("language"):
            enrollments = enrollments.filter(person__profile__languages=data["language"])
        if data.get("room"):
            enrollments = enrollments.filter(load__lt=F("capacity"))
        return enrollments.distinct()
