"""Form fields shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError

BIGGEST_ID = 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, which also refuses a number too large to be an id before asking the
    database: SQLite raises on such a number instead of finding nothing (a 500, not a message)."""

    def _check_values(self, value):
        for key in value:
            text = str(key).strip()
            if text.lstrip("-").isdigit() and abs(int(text)) > BIGGEST_ID:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": text[:30]},
                )
        return super()._check_values(value)
