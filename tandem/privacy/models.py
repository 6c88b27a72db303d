"""A person's request to be erased: confirmed on a page, carried out by a background task."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ErasureStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the worker"
    RUNNING = "running", "Being carried out"
    DONE = "done", "Done"
    FAILED = "failed", "Failed (will be retried)"


class ErasureRequest(models.Model):
    # The account stays (anonymised) so that programs' numbers stay true: this points at it.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="erasure_requests"
    )
    status = models.CharField(
        max_length=10, choices=ErasureStatus.choices, default=ErasureStatus.PENDING
    )
    requested_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status__in=["pending", "running"]),
                name="erasure_one_open_request_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"Erasure request #{self.pk} ({self.status})"
