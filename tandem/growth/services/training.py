"""The training catalogue, completions, knowledge-sharing sessions, and programs' competency
lists."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tandem.growth import permissions
from tandem.growth.models import (
    ProgramCompetency,
    Training,
    TrainingCompletion,
    TrainingFormat,
    TrainingKind,
)
from tandem.people.models import Skill, User
from tandem.programs.models import Program

TRAINING_FIELDS = (
    "title",
    "kind",
    "description",
    "provider",
    "expert",
    "url",
    "format",
    "duration",
    "starts_on",
    "location",
    "is_active",
)


@transaction.atomic
def training_create(*, by: User, skills: list[Skill] | tuple = (), **fields) -> Training:
    """Add to the catalogue (admins and mentors); a knowledge-sharing session is offered from
    a completed outside training with `training_offer_sharing` instead."""
    if not permissions.can_add_training(by):
        raise ValidationError("Program admins and mentors add training to the catalogue.")
    if fields.get("kind") == TrainingKind.SHARING:
        raise ValidationError(
            {
                "kind": "Knowledge-sharing sessions are offered from an outside training you "
                "completed (open it in the catalogue)."
            }
        )
    training = Training(added_by=by)
    _apply(training, fields)
    training.save()
    training.skills.set(skills)
    return training


@transaction.atomic
def training_update(
    *, training: Training, by: User, skills: list[Skill] | None = None, **fields
) -> Training:
    if not permissions.can_edit_training(by, training):
        raise ValidationError("Only who added this training (or a global admin) can change it.")
    if "kind" in fields and (fields["kind"] == TrainingKind.SHARING) != (
        training.kind == TrainingKind.SHARING
    ):
        raise ValidationError({"kind": "A knowledge-sharing session stays one (and vice versa)."})
    _apply(training, fields)
    training.save()
    if skills is not None:
        training.skills.set(skills)
    return training


def _apply(training: Training, fields: dict) -> None:
    unknown = set(fields) - set(TRAINING_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown training field(s): {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        setattr(training, name, value.strip() if isinstance(value, str) else value)
    if not training.title:
        raise ValidationError({"title": "Give the training a title."})
    if training.kind == TrainingKind.INTERNAL and training.expert_id is None:
        raise ValidationError({"expert": "Name the company expert who runs this session."})
    if training.format not in TrainingFormat.values:
        raise ValidationError({"format": f"“{training.format}” is not a format."})
    training.full_clean(exclude=["added_by", "based_on", "expert"], validate_constraints=False)


@transaction.atomic
def training_complete(
    *, training: Training, person: User, completed_on: datetime.date | None = None
) -> TrainingCompletion:
    """Record that a person completed a training (again: nothing changes)."""
    completed_on = completed_on or timezone.localdate()
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": "A completion date cannot be in the future."})
    try:
        with transaction.atomic():
            return TrainingCompletion.objects.create(
                training=training, person=person, completed_on=completed_on
            )
    except IntegrityError:
        return TrainingCompletion.objects.get(training=training, person=person)


@transaction.atomic
def training_offer_sharing(
    *,
    training: Training,
    by: User,
    description: str,
    title: str = "",
    format: str = TrainingFormat.VIRTUAL,
    starts_on: datetime.date | None = None,
    duration: str = "",
    location: str = "",
) -> Training:
    """Someone who completed an outside training offers to teach colleagues what they learnt;
    the session joins the catalogue, linked to what it passes on."""
    if not permissions.can_offer_sharing_session(by, training):
        raise ValidationError(
            "Mark this outside training as completed first; then you can offer to share it."
        )
    if not (description or "").strip():
        raise ValidationError({"description": "Say what you will share and who it is for."})
    if starts_on is not None and starts_on < timezone.localdate():
        raise ValidationError({"starts_on": "The session cannot start in the past."})
    session = Training(
        kind=TrainingKind.SHARING,
        expert=by,
        based_on=training,
        added_by=by,
        provider="",
    )
    _apply(
        session,
        {
            "title": title or f"What I learnt: {training.title}"[:160],
            "description": description,
            "format": format,
            "starts_on": starts_on,
            "duration": duration,
            "location": location,
        },
    )
    session.save()
    session.skills.set(training.skills.all())
    return session


# --- program competency lists ----------------------------------------------------------------


@transaction.atomic
def competency_add(
    *, program: Program, by: User, skill: Skill, description: str = ""
) -> ProgramCompetency:
    if not permissions.can_manage_competencies(by, program):
        raise ValidationError("Only the program's admins edit its competency list.")
    if program.competencies.filter(skill=skill).exists():
        raise ValidationError({"skill": f"{skill.name} is already on the list."})
    if len(description) > 240:
        raise ValidationError({"description": "At most 240 characters."})
    return ProgramCompetency.objects.create(
        program=program,
        skill=skill,
        description=description.strip(),
        position=program.competencies.count(),
    )


@transaction.atomic
def competency_remove(*, competency: ProgramCompetency, by: User) -> None:
    if not permissions.can_manage_competencies(by, competency.program):
        raise ValidationError("Only the program's admins edit its competency list.")
    competency.delete()
