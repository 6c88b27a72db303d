"""The last sweep of an erasure: a person's name and e-mail address may still be written in
other people's rows (a notification "Maria accepted…", an audit entry's description). Every
text column of every model is searched for them and they are replaced."""

from django.apps import apps
from django.db import models
from django.db.models.functions import Cast

TEXT_FIELDS = (models.CharField, models.TextField)
# Tables that hold no text a person wrote or is named in, or that are rebuilt anyway.
SKIPPED = {"sessions.session", "contenttypes.contenttype", "auth.permission"}
MIN_NEEDLE = 4


def scrub_text(*, needles: list[str], replacement: str) -> int:
    """Replace each needle (case-insensitive) in every text and JSON column; rows changed."""
    needles = sorted({n for n in needles if n and len(n) >= MIN_NEEDLE}, key=len, reverse=True)
    if not needles:
        return 0
    changed = 0
    for model in apps.get_models():
        if model._meta.label_lower in SKIPPED or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, TEXT_FIELDS) and not field.choices:
                changed += _scrub_column(model, field, needles, replacement, as_json=False)
            elif isinstance(field, models.JSONField):
                changed += _scrub_column(model, field, needles, replacement, as_json=True)
    return changed


def _scrub_column(model, field, needles, replacement, *, as_json: bool) -> int:
    queryset = model._base_manager.all()
    column = field.name
    if as_json:
        queryset = queryset.annotate(_as_text=Cast(field.name, models.TextField()))
        column = "_as_text"
    condition = models.Q()
    for needle in needles:
        condition |= models.Q(**{f"{column}__icontains": needle})
    changed = 0
    for pk, value in queryset.filter(condition).values_list("pk", field.name):
        new = _replace_in(value, needles, replacement)
        if new != value:
            model._base_manager.filter(pk=pk).update(**{field.name: new})
            changed += 1
    return changed


def _replace_in(value, needles, replacement):
    if isinstance(value, str):
        return _replace(value, needles, replacement)
    if isinstance(value, list):
        return [_replace_in(item, needles, replacement) for item in value]
    if isinstance(value, dict):
        return {key: _replace_in(item, needles, replacement) for key, item in value.items()}
    return value


def _replace(text: str, needles: list[str], replacement: str) -> str:
    lowered = text.lower()
    for needle in needles:
        start = lowered.find(needle.lower())
        while start != -1:
            text = text[:start] + replacement + text[start + len(needle) :]
            lowered = text.lower()
            start = lowered.find(needle.lower(), start + len(replacement))
    return text
