"""A person's data: all of it as JSON, and its erasure."""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tandem.people.models import User
from tandem.privacy.models import ErasureRequest, ErasureStatus
from tandem.privacy.registry import privacy_modules
from tandem.privacy.scrub import scrub_text

logger = logging.getLogger(__name__)

ANONYMOUS_NAME = "Former participant"


def personal_data_collect(*, person: User) -> dict:
    """Everything Tandem holds about `person`, app by app, ready for json.dumps."""
    data = {
        "generated_at": timezone.now().isoformat(),
        "person": {"id": person.pk, "email": person.email},
    }
    for label, module in privacy_modules():
        data[label] = module.personal_data(person)
    return data


def erasure_request(*, person: User, confirm_email: str) -> ErasureRequest:
    """Record a confirmed erasure request and queue it; the person types their e-mail to say
    they mean it."""
    if confirm_email.strip().lower() != person.email.lower():
        raise ValidationError(
            {"confirm_email": "Type your own e-mail address exactly to confirm the erasure."}
        )
    if not person.is_active:
        raise ValidationError("This account is already closed.")
    try:
        with transaction.atomic():
            request = ErasureRequest.objects.create(person=person)
    except IntegrityError:
        raise ValidationError(
            {"confirm_email": "Your erasure is already requested and under way."}
        ) from None
    from tandem.privacy.tasks import erasure_carry_out

    transaction.on_commit(lambda: erasure_carry_out.enqueue(request_id=request.pk))
    return request


def erasure_claim(*, request_id: int) -> ErasureRequest | None:
    """Take the request for this worker (a conditional UPDATE: two workers never both do)."""
    claimed = ErasureRequest.objects.filter(
        pk=request_id, status__in=[ErasureStatus.PENDING, ErasureStatus.FAILED]
    ).update(status=ErasureStatus.RUNNING, started_at=timezone.now())
    return ErasureRequest.objects.get(pk=request_id) if claimed else None


def erasure_run(*, request: ErasureRequest) -> ErasureRequest:
    try:
        person_erase(person=request.person)
    except Exception as error:
        logger.exception("Erasure request %s failed", request.pk)
        request.status, request.error = ErasureStatus.FAILED, repr(error)[:2000]
        request.save(update_fields=["status", "error"])
        raise
    request.status, request.completed_at, request.error = ErasureStatus.DONE, timezone.now(), ""
    request.save(update_fields=["status", "completed_at", "error"])
    return request


@transaction.atomic
def person_erase(*, person: User) -> None:
    """Anonymise a person everywhere, all or nothing: each app's `erase`, then a sweep of every
    text column for the name and e-mail address they were known by."""
    person = User.objects.select_for_update().get(pk=person.pk)
    needles = [person.get_full_name(), person.email]
    for _label, module in privacy_modules():
        module.erase(person)
    scrub_text(needles=needles, replacement=ANONYMOUS_NAME)
