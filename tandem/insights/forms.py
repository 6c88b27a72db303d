from django import forms

from tandem.insights.figures import Filters
from tandem.people.models import Department

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DashboardFilterForm(forms.Form):
    """Cohort (program: on the cross-program view), department and date range."""

    program = forms.ModelChoiceField(
        queryset=None,
        required=False,
        to_field_name="slug",
        empty_label="All programs",
        label="Cohort",
    )
    department = forms.ModelChoiceField(
        queryset=Department.objects.order_by("name"),
        required=False,
        empty_label="All departments",
    )
    date_from = forms.DateField(label="From", required=False, widget=DATE)
    date_to = forms.DateField(label="To", required=False, widget=DATE)

    def __init__(self, *args, programs, choose_program: bool, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        self.programs = programs
        self.fields["program"].queryset = programs.order_by("-start_date", "name")
        if not choose_program:
            del self.fields["program"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end date must be on or after the start date.")
        return cleaned

    def filters(self) -> Filters:
        data = self.cleaned_data
        programs = self.programs
        if data.get("program"):
            programs = programs.filter(pk=data["program"].pk)
        return Filters(
            programs=programs,
            department=data.get("department"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
