"""Forms parse what people type; the rules (future times, places, who may act) are in
services.py, whose ValidationErrors land on the matching field through `show_errors`."""

from django import forms
from django.core.exceptions import ValidationError

from tandem.programs.models import MeetingFrequency

from .models import Arrival, MeetingMode, MeetingPreferences, MonthlyBy

DURATIONS = [(15, "15 minutes"), (30, "30 minutes"), (45, "45 minutes"), (60, "1 hour")]
DURATIONS += [(90, "1 hour 30"), (120, "2 hours"), (180, "3 hours")]


def show_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (or on top, for the others)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


def _duration_field(initial: int = 60) -> forms.TypedChoiceField:
    choices = DURATIONS if initial in dict(DURATIONS) else [*DURATIONS, (initial, f"{initial} min")]
    return forms.TypedChoiceField(
        label="Length", choices=sorted(choices), coerce=int, initial=initial
    )


class PlaceFields(forms.Form):
    mode = forms.ChoiceField(
        label="How", choices=MeetingMode.choices, widget=forms.RadioSelect, initial="virtual"
    )
    location = forms.CharField(
        label="Place", required=False, max_length=200, help_text="For a meeting in person."
    )
    video_url = forms.CharField(
        label="Video link",
        required=False,
        max_length=500,
        help_text="For a virtual meeting: the call's full address.",
        widget=forms.URLInput,
    )
    agenda = forms.CharField(
        label="Agenda", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class MeetingForm(PlaceFields):
    """Propose one meeting; the date and time are on the proposer's own clock."""

    date = forms.DateField(label="Date", widget=DateInput)
    time = forms.TimeField(label="Time", widget=TimeInput)
    field_order = ["date", "time", "duration_minutes", "mode", "location", "video_url", "agenda"]

    def __init__(self, *args, minutes: int = 60, zone: str = "UTC", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duration_minutes"] = _duration_field(minutes)
        self.fields["time"].help_text = f"Your time ({zone.replace('_', ' ')})."
        self.order_fields(self.field_order)


class RescheduleForm(forms.Form):
    date = forms.DateField(label="New date", widget=DateInput)
    time = forms.TimeField(label="New time", widget=TimeInput)

    def __init__(self, *args, minutes: int = 60, zone: str = "UTC", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duration_minutes"] = _duration_field(minutes)
        self.fields["time"].help_text = f"Your time ({zone.replace('_', ' ')})."


class SeriesForm(PlaceFields):
    """Meetings at the agreement's rhythm, from a first date until the agreement ends."""

    date = forms.DateField(label="First meeting on", widget=DateInput)
    time = forms.TimeField(label="Time", widget=TimeInput)
    frequency = forms.ChoiceField(label="How often", choices=MeetingFrequency.choices)
    monthly_by = forms.ChoiceField(
        label="Monthly meetings fall",
        choices=MonthlyBy.choices,
        initial=MonthlyBy.WEEKDAY,
        required=False,
    )
    until = forms.DateField(label="Until", widget=DateInput)
    field_order = [
        "frequency",
        "date",
        "time",
        "duration_minutes",
        "monthly_by",
        "until",
        "mode",
        "location",
        "video_url",
        "agenda",
    ]

    def __init__(self, *args, minutes: int = 60, zone: str = "UTC", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duration_minutes"] = _duration_field(minutes)
        self.fields[
            "time"
        ].help_text = f"Your time ({zone.replace('_', ' ')}); it stays the same when clocks change."
        self.order_fields(self.field_order)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Why are you cancelling?",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Your partner sees it. “Something urgent came up” is fine.",
    )


class StopSeriesForm(forms.Form):
    after = forms.DateField(
        label="Last day of the series",
        widget=DateInput,
        help_text="Meetings after this day are removed from both calendars.",
    )


class AttendanceForm(forms.Form):
    """One person's account: held or not, and each person's arrival."""

    held = forms.TypedChoiceField(
        label="Did the meeting take place?",
        choices=[("yes", "Yes, we met"), ("no", "No, it did not happen")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.people = list(people)
        for person in self.people:
            self.fields[f"arrival_{person.pk}"] = forms.ChoiceField(
                label=f"{person}",
                choices=[("", "—"), *Arrival.choices],
                required=False,
            )

    def arrivals(self) -> dict[int, str]:
        return {
            person.pk: self.cleaned_data.get(f"arrival_{person.pk}", "") for person in self.people
        }


class SharedNoteForm(forms.Form):
    text = forms.CharField(
        label="Shared notes", required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class PrivateNoteForm(forms.Form):
    text = forms.CharField(
        label="My private notes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Only you can ever read these — not your partner, not the program's admins.",
    )


class ActionItemForm(forms.Form):
    title = forms.CharField(label="Action", max_length=200)
    owner = forms.TypedChoiceField(label="Who", coerce=int)
    due_on = forms.DateField(label="Due", widget=DateInput)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {person.pk: person for person in people}
        self.fields["owner"].choices = [(pk, str(p)) for pk, p in self.people.items()]

    def chosen_owner(self):
        return self.people.get(self.cleaned_data["owner"])


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = MeetingPreferences
        fields = [
            "by_email",
            "in_app",
            "day_before",
            "hour_before",
            "rhythm_nudges",
            "weekly_digest",
            "calendar_alarm_minutes",
        ]
        widgets = {"calendar_alarm_minutes": forms.NumberInput(attrs={"min": 0, "max": 10080})}
