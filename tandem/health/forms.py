from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.health.models import QUALITIES, SATISFACTION, ActionKind, HealthSettings
from tandem.people.models import User

RATING_CHOICES = [(n, str(n)) for n in range(1, 6)]
FIT_CHOICES = [("yes", "Yes, a good fit"), ("no", "No, not a good fit")]


class NoColonMixin:
    """Labels read as questions and headings here, without Django's trailing colon."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal at the fields it names (or above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


def _rating(label: str, explanation: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=explanation,
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": f"Rate {label.lower()} from 1 to 5."},
    )


class CheckInForm(NoColonMixin, forms.Form):
    """Five ratings (each quality explained in one sentence), what I learned, a comment, and
    in the first round: is this a good fit?"""

    def __init__(self, *args, checkin, partner, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (label, explanation) in QUALITIES.items():
            self.fields[name] = _rating(label, explanation)
        self.fields["satisfaction"] = _rating(*SATISFACTION)
        if checkin.is_first:
            self.fields["good_fit"] = forms.ChoiceField(
                label=f"Is {partner} a good fit for you?",
                help_text="Be frank: a “no” lets the program's admins find you a better match. "
                "Your partner does not see this answer.",
                choices=FIT_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": "Say whether this pairing is a good fit."},
            )
        self.fields["learned"] = forms.CharField(
            label=f"What did I learn from {partner} this period?",
            help_text="Mentoring works both ways: mentors learn too. Only you see this.",
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
        self.fields["comment"] = forms.CharField(
            label="Comment",
            help_text="Anything else. Private unless you share it below; admins never read it.",
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
        self.fields["share_comment"] = forms.BooleanField(
            label=f"Share my comment with {partner}", required=False
        )

    def rating_fields(self):
        return [self[name] for name in (*QUALITIES, "satisfaction")]

    def answers(self) -> dict:
        data = dict(self.cleaned_data)
        if "good_fit" in data:
            data["good_fit"] = data["good_fit"] == "yes"
        return data


class FeedbackForm(NoColonMixin, forms.Form):
    went_well = forms.CharField(
        label="What went well",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Be specific: what did your partner do that helped?",
    )
    do_differently = forms.CharField(
        label="What to do differently",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One or two concrete suggestions for next time.",
    )


class IntroductionForm(NoColonMixin, forms.Form):
    contact_email = forms.EmailField(
        label="Colleague's e-mail",
        required=False,
        help_text="A colleague who has a Tandem account. Type a name to find them.",
    )
    contact_name = forms.CharField(
        label="Or: outside contact's name", max_length=120, required=False
    )
    contact_organisation = forms.CharField(
        label="Their organisation", max_length=120, required=False
    )
    purpose = forms.CharField(
        label="Purpose",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Why you introduced them: what your mentee can learn or gain.",
        error_messages={"required": "Say what the introduction is for."},
    )
    made_on = forms.DateField(
        label="Introduced on",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Suggest colleagues as the mentor types (health/colleagues.js asks the people app).
        self.fields["contact_email"].widget.attrs.update(
            {
                "list": "colleagues",
                "autocomplete": "off",
                "data-colleague-search": reverse("people:person_search"),
            }
        )

    def clean_contact_email(self) -> User | None:
        email = self.cleaned_data["contact_email"].strip().lower()
        if not email:
            return None
        contact = User.objects.filter(email=email, is_active=True).first()
        if contact is None:
            raise forms.ValidationError(
                f"No colleague with e-mail {email}: for someone without an account, "
                "give their name instead."
            )
        return contact

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("contact_email") and cleaned.get("contact_name"):
            self.add_error(
                "contact_name", "Give either a colleague's e-mail or an outside contact's name."
            )
        return cleaned


class OutcomeForm(NoColonMixin, forms.Form):
    outcome = forms.CharField(
        label="What came of it",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say what came of the introduction."},
    )


class RiskActionForm(NoColonMixin, forms.Form):
    kind = forms.ChoiceField(
        label="What did you do?",
        choices=ActionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what you did."},
    )
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For the record (required for “other”). The pair never sees it.",
    )
    resolve = forms.BooleanField(
        label="This resolves the pair's open risks", required=False, initial=True
    )


class HealthSettingsForm(NoColonMixin, forms.ModelForm):
    class Meta:
        model = HealthSettings
        fields = [
            "first_check_in_days",
            "check_in_every_days",
            "reminder_after_days",
            "at_risk_below",
        ]
