"""What changed between two versions of a development plan: items added, removed and changed,
and within a changed text, the words taken out and put in (difflib, word by word)."""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from tandem.growth.models import ActivityKind, DevelopmentPlan, ItemStatus, PlanVersion

ITEM_LABELS = {
    "skill": "Competency or skill",
    "activity": "Activity",
    "description": "What I will do",
    "resources": "Resources",
    "training": "Training",
    "target_date": "Target date",
    "status": "Status",
}
CONTEXT_LABELS = {"career_goals": "My career goals", "job_demands": "What my job demands now"}
PROSE = {"description", "resources", "career_goals", "job_demands"}
WORDS = re.compile(r"(\s+)")


@dataclass
class FieldChange:
    name: str
    label: str
    old: str
    new: str

    @property
    def html(self) -> SafeString:
        """Prose word by word; a date, a skill or a status as a whole, old then new."""
        if self.name in PROSE:
            return word_diff(self.old, self.new)
        old = f"<del>{escape(self.old)}</del> → " if self.old else ""
        return mark_safe(f"{old}<ins>{escape(self.new)}</ins>")  # noqa: S308 — escaped


@dataclass
class ItemDiff:
    key: int
    state: str  # added | removed | changed | same
    values: dict
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.values["skill"]


@dataclass
class PlanDiff:
    older_label: str
    newer_label: str
    context: list[FieldChange]
    items: list[ItemDiff]

    @property
    def has_changes(self) -> bool:
        return bool(self.context) or any(item.state != "same" for item in self.items)

    def count(self, state: str) -> int:
        return sum(1 for item in self.items if item.state == state)

    @property
    def summary(self) -> str:
        """“Items: 2 added, 1 changed.”, for the reader in a hurry."""
        states = ("added", "changed", "removed")
        parts = [f"{self.count(state)} {state}" for state in states if self.count(state)]
        if not parts:
            return "The items are unchanged."
        return f"Items: {', '.join(parts)}."


def plan_diff(*, older: PlanVersion | None, newer: "PlanVersion | DevelopmentPlan") -> PlanDiff:
    """Compare a version with the one after it (or with the plan as it is being rewritten)."""
    old_context, old_items = _snapshot(older) if older is not None else ({}, {})
    new_context, new_items = _snapshot(newer)
    context = [
        FieldChange(name, label, old_context.get(name, ""), new_context[name])
        for name, label in CONTEXT_LABELS.items()
        if old_context.get(name, "") != new_context[name]
    ]
    keys = list(new_items) + [key for key in old_items if key not in new_items]
    return PlanDiff(
        older_label=_label(older),
        newer_label=_label(newer),
        context=context,
        items=[_item_diff(key, old_items.get(key), new_items.get(key)) for key in keys],
    )


def _item_diff(key: int, old: dict | None, new: dict | None) -> ItemDiff:
    if old is None:
        return ItemDiff(key, "added", new)
    if new is None:
        return ItemDiff(key, "removed", old)
    changes = [
        FieldChange(name, label, old[name], new[name])
        for name, label in ITEM_LABELS.items()
        if old[name] != new[name]
    ]
    return ItemDiff(key, "changed" if changes else "same", new, changes)


def _snapshot(source) -> tuple[dict, dict[int, dict]]:
    context = {name: getattr(source, name) for name in CONTEXT_LABELS}
    if isinstance(source, PlanVersion):
        rows = source.items.select_related("skill")
        items = {row.item_key: _values(row, row.training_title) for row in rows}
    else:
        rows = source.items.select_related("skill", "training")
        items = {row.pk: _values(row, row.training.title if row.training else "") for row in rows}
    return context, items


def _values(row, training_title: str) -> dict:
    return {
        "skill": row.skill.name,
        "activity": ActivityKind(row.activity).label,
        "description": row.description,
        "resources": row.resources,
        "training": training_title,
        "target_date": f"{row.target_date:%-d %B %Y}",
        "status": ItemStatus(row.status).label,
    }


def _label(source) -> str:
    if source is None:
        return "nothing (first version)"
    if isinstance(source, PlanVersion):
        return f"version {source.number}"
    return "the plan as it is now"


def word_diff(old: str, new: str) -> SafeString:
    """The new text with removed words in <del> and added words in <ins>, all escaped."""
    before, after = WORDS.split(old or ""), WORDS.split(new or "")
    parts = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(after[b1:b2])))
            continue
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(''.join(before[a1:a2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(''.join(after[b1:b2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 — every piece is escaped above
