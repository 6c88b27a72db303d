from django import forms

from tandem.audit.services import AuditFilters, audit_model_choices
from tandem.people.models import User
from tandem.programs.models import Program

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AuditFilterForm(forms.Form):
    model = forms.ChoiceField(label="What", required=False)
    person = forms.EmailField(
        label="Person", required=False, help_text="Changes made by or to this e-mail address."
    )
    program = forms.ModelChoiceField(
        queryset=Program.objects.none(), required=False, empty_label="All my programs"
    )
    date_from = forms.DateField(label="From", required=False, widget=DATE)
    date_to = forms.DateField(label="To", required=False, widget=DATE)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [("", "Everything")] + audit_model_choices()
        self.fields["program"].queryset = Program.objects.managed_by(user).order_by("name")

    def clean_person(self) -> User | None:
        email = self.cleaned_data["person"].strip().lower()
        if not email:
            return None
        person = User.objects.filter(email__iexact=email).first()
        if person is None:
            raise forms.ValidationError(f"Nobody has the e-mail {email}.")
        return person

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end date is before the start date.")
        return cleaned

    def filters(self) -> AuditFilters:
        data = self.cleaned_data
        return AuditFilters(
            model=data.get("model") or "",
            person=data.get("person"),
            program=data.get("program"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
