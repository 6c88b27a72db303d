from django import forms
from django.core.exceptions import ValidationError
from django.utils.timezone import localtime

from tandem.matching.factors import (
    CONSTRAINT_LABELS,
    MENTORING_ONLY_CONSTRAINTS,
    default_constraints,
    factors,
    objectives_for,
)
from tandem.matching.models import OBJECTIVE_HELP, MatchRun, RunStatus
from tandem.people.models import Seniority
from tandem.programs.models import Program

BOOLEAN_CONSTRAINTS = ("reporting_line", "shared_language", "exclude_existing")


class RunForm(forms.Form):
    """The parameters of a match run: objective, factor weights, hard constraints."""

    objective = forms.ChoiceField(widget=forms.RadioSelect, label="What matters most")

    def __init__(self, *args, program: Program, last_run: MatchRun | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        peers = program.is_mutual
        self.fields["objective"].choices = [
            (value, f"{label} — {OBJECTIVE_HELP[value]}")
            for value, label in objectives_for(peers=peers)
        ]
        self.fields["objective"].initial = "max_total"
        self.factor_list = factors(peers=peers)
        for factor in self.factor_list:
            self.fields[f"weight_{factor.name}"] = forms.FloatField(
                label=factor.label,
                help_text=factor.description,
                min_value=0,
                max_value=1,
                initial=factor.default,
                widget=forms.NumberInput(
                    attrs={"step": "0.01", "aria-describedby": f"id_weight_{factor.name}-help"}
                ),
            )
        for name in BOOLEAN_CONSTRAINTS:
            self.fields[name] = forms.BooleanField(
                label=CONSTRAINT_LABELS[name], required=False, initial=default_constraints()[name]
            )
        if not peers:
            self.fields["min_mentor_seniority"] = forms.TypedChoiceField(
                label=CONSTRAINT_LABELS["min_mentor_seniority"],
                choices=[("", "No minimum")] + list(Seniority.choices),
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields["mentor_must_be_senior"] = forms.BooleanField(
                label=CONSTRAINT_LABELS["mentor_must_be_senior"], required=False
            )
        if last_run is not None and not self.is_bound:
            self._start_from(last_run)

    def _start_from(self, run: MatchRun) -> None:
        """The form opens with the parameters of the program's latest run."""
        self.initial["objective"] = run.objective
        for factor in self.factor_list:
            self.initial[f"weight_{factor.name}"] = run.weights.get(factor.name, factor.default)
        for name, value in run.constraints.items():
            if name in self.fields:
                self.initial[name] = value

    def weight_fields(self):
        return [(f, self[f"weight_{f.name}"]) for f in self.factor_list]

    def constraint_fields(self):
        names = BOOLEAN_CONSTRAINTS + (() if self.program.is_mutual else MENTORING_ONLY_CONSTRAINTS)
        return [self[name] for name in names]

    def clean(self):
        data = super().clean()
        weights = [data.get(f"weight_{f.name}") for f in self.factor_list]
        if all(w is not None for w in weights) and sum(weights) <= 0:
            raise ValidationError("Give at least one factor a weight above zero.")
        return data

    def parameters(self) -> dict:
        data = self.cleaned_data
        constraints = {name: data[name] for name in BOOLEAN_CONSTRAINTS}
        if not self.program.is_mutual:
            constraints |= {name: data[name] for name in MENTORING_ONLY_CONSTRAINTS}
        return {
            "objective": data["objective"],
            "weights": {f.name: data[f"weight_{f.name}"] for f in self.factor_list},
            "constraints": constraints,
        }

    def add_service_errors(self, error: ValidationError) -> None:
        """A service's errors ('weights.skills', 'constraints.x') at the form's own fields."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for key, messages in error.message_dict.items():
            name = key.replace("weights.", "weight_").replace("constraints.", "")
            self.add_error(name if name in self.fields else None, messages)


class PairForm(forms.Form):
    """Someone's new partner, chosen from the people they could be paired with."""

    partner = forms.TypedChoiceField(coerce=int, label="New partner")
    override = forms.BooleanField(
        required=False,
        label="Save anyway: I override the hard constraints this pair breaks",
    )

    def __init__(self, *args, options, peers: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = options
        self.fields["partner"].label = "New partner" if peers else "New mentor"
        self.fields["partner"].choices = [("", "Choose…")] + [
            (o.enrollment.pk, str(o.enrollment.person)) for o in options
        ]
        self.fields["partner"].error_messages["invalid_choice"] = (
            "Choose someone from the list: that person is not a partner for this pair."
        )


class CompareForm(forms.Form):
    a = forms.ModelChoiceField(queryset=MatchRun.objects.none(), label="Run A", empty_label=None)
    b = forms.ModelChoiceField(queryset=MatchRun.objects.none(), label="Run B", empty_label=None)

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        runs = MatchRun.objects.for_program(program).filter(status=RunStatus.DONE)
        for name in ("a", "b"):
            self.fields[name].queryset = runs
            self.fields[name].label_from_instance = _run_label
        self.fields["a"].error_messages["invalid_choice"] = "Choose a finished run of this program."
        self.fields["b"].error_messages["invalid_choice"] = "Choose a finished run of this program."

    def clean(self):
        data = super().clean()
        if data.get("a") and data.get("a") == data.get("b"):
            self.add_error("b", "Choose two different runs.")
        return data


def _run_label(run: MatchRun) -> str:
    when = localtime(run.created_at)
    return f"Run #{run.number} — {run.get_objective_display()}, {when:%d %b %Y %H:%M}"
