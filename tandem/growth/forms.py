"""Forms parse and type what people type; the rules live in the services, whose field errors
views put back on these forms."""

from django import forms
from django.core.exceptions import ValidationError

from tandem.growth.models import (
    ActivityKind,
    Goal,
    ItemStatus,
    PlanItem,
    ProgramCompetency,
    ReviewOutcome,
    SuggestionField,
    Training,
    TrainingFormat,
    TrainingKind,
)
from tandem.people.models import Skill, User

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SHORT_TEXT = forms.Textarea(attrs={"rows": 2})


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's errors on the form's fields (or on the form when no field matches)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


# --- skills ----------------------------------------------------------------------------------


def skill_choices(program=None) -> list:
    """The taxonomy grouped by category, the program's competencies first."""
    groups: dict[str, list] = {}
    if program is not None:
        listed = ProgramCompetency.objects.filter(program=program).select_related("skill")
        groups[f"{program.name}: competencies"] = [(c.skill_id, c.skill.name) for c in listed]
    for skill in Skill.objects.select_related("category").order_by("category__name", "name"):
        groups.setdefault(skill.category.name, []).append((skill.pk, skill.name))
    return [(name, options) for name, options in groups.items() if options]


class SkillField(forms.TypedChoiceField):
    """One skill of the taxonomy, chosen from a grouped list; cleans to a Skill."""

    def __init__(self, *, program=None, **kwargs):
        super().__init__(coerce=int, empty_value=None, **kwargs)
        self.choices = [("", "Choose a competency or skill…"), *skill_choices(program)]

    def clean(self, value):
        pk = super().clean(value)
        return Skill.objects.filter(pk=pk).first() if pk else None


# --- goals -----------------------------------------------------------------------------------


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = [
            "title",
            "specific",
            "success_criteria",
            "career_goal",
            "why_it_matters",
            "target_date",
        ]
        widgets = {
            "target_date": DATE,
            "specific": forms.Textarea(attrs={"rows": 3}),
            "success_criteria": forms.Textarea(attrs={"rows": 3}),
            "career_goal": SHORT_TEXT,
            "why_it_matters": SHORT_TEXT,
        }
        labels = {"title": "Goal"}
        help_texts = {
            "title": "Short and concrete, e.g. “Present our roadmap at the quarterly review”.",
            "why_it_matters": "What reaching it will change for you and your work.",
        }


class MilestoneForm(forms.Form):
    title = forms.CharField(label="Milestone", max_length=160)
    due_date = forms.DateField(label="Due", widget=DATE)


class MilestoneRowForm(MilestoneForm):
    """A row of the new-goal form: empty rows are skipped."""

    title = forms.CharField(label="Milestone", max_length=160, required=False)
    due_date = forms.DateField(label="Due", widget=DATE, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("title") and not cleaned.get("due_date") and "due_date" not in self.errors:
            self.add_error("due_date", "Give this milestone a due date.")
        if cleaned.get("due_date") and not cleaned.get("title"):
            self.add_error("title", "Say what the milestone is.")
        return cleaned


MilestoneFormSet = forms.formset_factory(MilestoneRowForm, extra=3, max_num=12)


class ProgressForm(forms.Form):
    progress = forms.IntegerField(label="Progress (%)", min_value=0, max_value=100)
    note = forms.CharField(
        label="What happened", required=False, widget=SHORT_TEXT, max_length=2000
    )


class TextForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class NoteForm(forms.Form):
    note = forms.CharField(required=False, widget=SHORT_TEXT, max_length=2000)


# --- development plans -----------------------------------------------------------------------


class PlanContextForm(forms.Form):
    career_goals = forms.CharField(
        label="My career goals",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Where you want your career to go (from your profile; adjust it here).",
    )
    job_demands = forms.CharField(
        label="What my job demands now",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The skills your current role asks of you, now and in the coming months.",
    )


class PlanItemForm(forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = [
            "skill",
            "activity",
            "description",
            "resources",
            "training",
            "target_date",
            "status",
        ]
        widgets = {
            "target_date": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "resources": SHORT_TEXT,
        }

    def __init__(self, *args, program=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill"] = SkillField(program=program, label="Competency or skill")
        self.fields["training"].queryset = Training.objects.active().order_by("title")
        self.fields["training"].required = False
        self.fields["training"].empty_label = "None"


class ItemStatusForm(forms.Form):
    status = forms.ChoiceField(choices=ItemStatus.choices)


class SuggestionForm(forms.Form):
    item = forms.IntegerField(required=False, widget=forms.HiddenInput)
    field = forms.ChoiceField(choices=SuggestionField.choices, required=False)
    value = forms.CharField(label="Suggested", required=False, widget=SHORT_TEXT)
    comment = forms.CharField(required=False, widget=SHORT_TEXT, max_length=2000)


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[(ReviewOutcome.AGREED, "Agree"), (ReviewOutcome.CHANGES, "Ask for changes")]
    )
    note = forms.CharField(
        label="Note to the mentee", required=False, widget=SHORT_TEXT, max_length=2000
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(required=False, widget=SHORT_TEXT, max_length=2000)


# --- assessments -----------------------------------------------------------------------------


class AssessmentStartForm(forms.Form):
    title = forms.CharField(max_length=160, required=False, help_text="Optional.")
    competencies = forms.TypedMultipleChoiceField(
        label="The program's competencies",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_skills = forms.TypedMultipleChoiceField(
        label="Other skills from the taxonomy",
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Hold Ctrl (⌘ on a Mac) to choose several.",
    )
    closes_on = forms.DateField(label="Answers close on", widget=DATE)
    message = forms.CharField(
        label="Message to raters",
        required=False,
        widget=SHORT_TEXT,
        help_text="Why you ask, and what you will do with their answers.",
    )
    coworkers = forms.CharField(
        label="Co-workers to ask",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One e-mail address a line (colleagues with or without a Tandem account). "
        "Ask at least three: their ratings are shown only as an average of three or more.",
    )

    def __init__(self, *args, program, choose_coworkers: bool, **kwargs):
        super().__init__(*args, **kwargs)
        listed = ProgramCompetency.objects.filter(program=program).select_related("skill")
        self.fields["competencies"].choices = [(c.skill_id, c.skill.name) for c in listed]
        self.fields["competencies"].initial = [c.skill_id for c in listed]
        self.fields["other_skills"].choices = skill_choices()
        if not listed:
            del self.fields["competencies"]
        if not choose_coworkers:
            del self.fields["coworkers"]

    def skills(self) -> list[Skill]:
        ids = list(self.cleaned_data.get("competencies", [])) + list(
            self.cleaned_data.get("other_skills", [])
        )
        by_id = Skill.objects.in_bulk(ids)
        return [by_id[pk] for pk in dict.fromkeys(ids) if pk in by_id]

    def coworker_entries(self) -> list[str]:
        return split_addresses(self.cleaned_data.get("coworkers", ""))


class CoworkersForm(forms.Form):
    coworkers = AssessmentStartForm.base_fields["coworkers"]

    def entries(self) -> list[str]:
        return split_addresses(self.cleaned_data.get("coworkers", ""))


def split_addresses(text: str) -> list[str]:
    """One address a line (commas and semicolons also separate)."""
    for separator in ",;":
        text = text.replace(separator, "\n")
    return [line.strip() for line in text.splitlines() if line.strip()]


NOT_OBSERVED = "na"
SCORE_LABELS = {
    "5": "5 – Outstanding",
    "4": "4 – Strong",
    "3": "3 – Solid",
    "2": "2 – Developing",
    "1": "1 – Needs work",
    NOT_OBSERVED: "Not observed",
}


class RatingForm(forms.Form):
    """One score (or "not observed") and one comment per competency of the assessment."""

    def __init__(self, *args, competencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.competencies = list(competencies)
        for competency in self.competencies:
            self.fields[f"score_{competency.pk}"] = forms.ChoiceField(
                label=competency.skill.name,
                choices=list(SCORE_LABELS.items()),
                widget=forms.RadioSelect,
                error_messages={"required": "Rate this competency, or choose “not observed”."},
            )
            self.fields[f"comment_{competency.pk}"] = forms.CharField(
                label=f"Comment on {competency.skill.name} (optional)",
                required=False,
                max_length=2000,
                widget=SHORT_TEXT,
            )

    def rows(self):
        for competency in self.competencies:
            yield competency, self[f"score_{competency.pk}"], self[f"comment_{competency.pk}"]

    def answers(self) -> dict[int, tuple[int | None, str]]:
        """Competency → (score or None for "not observed", comment), for `rater_answer`."""
        answers = {}
        for competency in self.competencies:
            score = self.cleaned_data[f"score_{competency.pk}"]
            comment = self.cleaned_data[f"comment_{competency.pk}"]
            answers[competency.pk] = (None if score == NOT_OBSERVED else int(score), comment)
        return answers


class GapsForm(forms.Form):
    skills = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(self, *args, gaps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skills"].choices = [(g.skill_id, g.name) for g in gaps]


# --- training --------------------------------------------------------------------------------


class TrainingForm(forms.ModelForm):
    url = forms.URLField(label="Link", required=False, assume_scheme="https")
    expert_email = forms.EmailField(
        label="Company expert's e-mail",
        required=False,
        help_text="For an internal session: the colleague who runs it.",
    )
    skills = forms.TypedMultipleChoiceField(
        label="Skills it builds",
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Training
        fields = [
            "title",
            "kind",
            "description",
            "provider",
            "url",
            "format",
            "duration",
            "starts_on",
            "location",
        ]
        widgets = {"starts_on": DATE, "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (value, label) for value, label in TrainingKind.choices if value != TrainingKind.SHARING
        ]
        self.fields["skills"].choices = skill_choices()
        if self.instance.pk:
            self.fields["skills"].initial = list(self.instance.skills.values_list("pk", flat=True))
            if self.instance.expert:
                self.fields["expert_email"].initial = self.instance.expert.email
            if self.instance.kind == TrainingKind.SHARING:
                del self.fields["kind"]

    def clean_expert_email(self) -> User | None:
        email = self.cleaned_data["expert_email"].strip().lower()
        if not email:
            return None
        person = User.objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise ValidationError(f"Nobody with the e-mail {email} has an account.")
        return person

    def service_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.fields}
        fields["expert"] = self.cleaned_data.get("expert_email")
        return fields

    def chosen_skills(self) -> list[Skill]:
        return list(Skill.objects.filter(pk__in=self.cleaned_data.get("skills", [])))


class SharingForm(forms.Form):
    title = forms.CharField(max_length=160)
    description = forms.CharField(
        label="What you will share",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you learnt, for whom it is useful, and how you will pass it on.",
    )
    format = forms.ChoiceField(choices=TrainingFormat.choices)
    starts_on = forms.DateField(label="Date", required=False, widget=DATE)
    duration = forms.CharField(max_length=60, required=False)
    location = forms.CharField(max_length=120, required=False)


class CompetencyForm(forms.Form):
    description = forms.CharField(label="What good looks like", max_length=240, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill"] = SkillField(label="Competency")


ACTIVITY_HELP = {
    ActivityKind.ON_THE_JOB: "Stretch assignments and practice in your own work.",
    ActivityKind.MENTOR: "Sessions, shadowing or feedback from your mentor.",
    ActivityKind.EXPERT: "Time with another colleague who knows this well.",
    ActivityKind.OUTSIDE: "A course, book, talk or community outside the company.",
    ActivityKind.TEACHING: "Share what you learnt: it is how it sticks.",
}
