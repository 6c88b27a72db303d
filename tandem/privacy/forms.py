from django import forms


class ErasureForm(forms.Form):
    confirm_email = forms.CharField(
        label="Type your e-mail address to confirm",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    understood = forms.BooleanField(
        label="I understand that this cannot be undone: my account is closed and my data erased."
    )
