from django import forms
from django.forms import inlineformset_factory
from django.utils.text import slugify

from tandem.people.models import User
from tandem.programs.models import (
    EnrollmentQuestion,
    EnrollmentRole,
    EnrollmentStatus,
    Program,
    QuestionKind,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProgramForm(forms.ModelForm):
    admin_emails = forms.CharField(
        label="Program admins",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="E-mail addresses of the people who run this program, one per line.",
    )

    class Meta:
        model = Program
        fields = [
            "name",
            "purpose",
            "format",
            "description",
            "start_date",
            "end_date",
            "enrollment_deadline",
            "meeting_frequency",
            "matching_mode",
            "mentor_capacity_default",
            "request_expiry_days",
            "max_pending_requests",
            "mentor_guidelines",
            "mentee_guidelines",
        ]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "enrollment_deadline": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "mentor_guidelines": forms.Textarea(attrs={"rows": 6}),
            "mentee_guidelines": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "format": "Mutual: every participant is both mentor and mentee of a peer.",
            "mentor_guidelines": "Shown to mentors when they enroll and beside the agreement.",
            "mentee_guidelines": "Shown to mentees when they enroll and beside the agreement.",
        }

    # Settings of mentee-chosen matching: left empty, they keep the program's defaults.
    OPTIONAL_SETTINGS = ("request_expiry_days", "max_pending_requests")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.OPTIONAL_SETTINGS:
            self.fields[name].required = False
        if self.instance.pk:
            self.fields["admin_emails"].initial = "\n".join(
                self.instance.admins.values_list("email", flat=True)
            )

    def clean_admin_emails(self) -> list[User]:
        emails = [e.strip().lower() for e in self.cleaned_data["admin_emails"].split() if e.strip()]
        emails = [e.rstrip(",;") for e in emails]
        users = {u.email: u for u in User.objects.filter(email__in=emails, is_active=True)}
        unknown = [e for e in emails if e not in users]
        if unknown:
            raise forms.ValidationError(f"No active person with e-mail {', '.join(unknown)}.")
        return list(users.values())

    def clean(self):
        cleaned = super().clean()
        for setting in self.OPTIONAL_SETTINGS:
            if setting not in self.errors and cleaned.get(setting) is None:
                cleaned[setting] = getattr(self.instance, setting)
        name = cleaned.get("name")
        if name and not self.instance.pk:
            self.instance.slug = _unique_slug(name)
        return cleaned

    def save(self, commit=True):
        program = super().save(commit=commit)
        if commit:
            program.admins.set(self.cleaned_data["admin_emails"])
        return program


def _unique_slug(name: str) -> str:
    base = slugify(name)[:120] or "program"
    slug, n = base, 1
    while Program.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class QuestionForm(forms.ModelForm):
    for_role = forms.ChoiceField(
        label="Ask",
        required=False,
        choices=[("", "Everyone")] + [(r.value, f"{r.label}s only") for r in EnrollmentRole],
    )

    class Meta:
        model = EnrollmentQuestion
        fields = ["text", "help_text", "kind", "choices", "required", "for_role", "position"]
        widgets = {"choices": forms.Textarea(attrs={"rows": 2})}


QuestionFormSet = inlineformset_factory(
    Program,
    EnrollmentQuestion,
    form=QuestionForm,
    extra=1,
    can_delete=True,
    # A forged management form cannot make the page build thousands of rows.
    max_num=50,
    absolute_max=50,
    validate_max=True,
)


class EnrollForm(forms.Form):
    """Role, capacity, motivation, and the program's own questions as fields."""

    role = forms.ChoiceField(label="I want to join as", widget=forms.RadioSelect)
    capacity = forms.IntegerField(
        label="How many mentees can you take on?", min_value=1, max_value=20, required=False
    )
    motivation = forms.CharField(
        label="Why are you joining?", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    read_guidelines = forms.BooleanField(label="I have read the program's guidelines")

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.fields["role"].choices = [(r, EnrollmentRole(r).label) for r in program.roles()]
        if program.is_mutual:
            self.fields["role"].initial = EnrollmentRole.PEER
        self.fields["capacity"].initial = program.mentor_capacity_default
        for question in program.questions.all():
            self.fields[f"question_{question.pk}"] = _question_field(question)

    def answers(self) -> dict[int, str]:
        return {
            int(name.removeprefix("question_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("question_")
        }

    def question_fields(self):
        return [self[name] for name in self.fields if name.startswith("question_")]


def _question_field(question: EnrollmentQuestion) -> forms.Field:
    common = {"label": question.text, "help_text": question.help_text, "required": False}
    if question.kind == QuestionKind.CHOICE:
        choices = [(c, c) for c in question.choice_list()]
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if question.kind == QuestionKind.SCALE:
        choices = [(str(n), str(n)) for n in range(1, 6)]
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), **common)


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (EnrollmentStatus.APPROVED, "Approve"),
            (EnrollmentStatus.WAITLISTED, "Waitlist"),
            (EnrollmentStatus.DECLINED, "Decline"),
        ]
    )
    note = forms.CharField(required=False, max_length=240)
    capacity = forms.IntegerField(required=False, min_value=0, max_value=20)
