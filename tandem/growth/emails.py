"""E-mail as code: the messages the growth app sends itself. Raters of a 360° assessment may have
no account, so their invitation cannot go through `notify` (which writes to a person's in-app
bell); it is sent here, once the transaction that created the invitation commits."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from tandem.growth.links import LINK_LIFETIME, rater_link_path
from tandem.growth.models import Rater


def rater_invitation_email(*, rater: Rater, reminder: bool = False) -> None:
    """Ask a rater for their ratings, with a freshly signed link (valid LINK_LIFETIME)."""
    assessment = rater.assessment
    context = {
        "rater": rater,
        "assessment": assessment,
        "subject": assessment.subject,
        "is_self": rater.person_id == assessment.subject_id,
        "link": settings.SITE_URL.rstrip("/") + rater_link_path(rater),
        "lifetime_days": LINK_LIFETIME.days,
        "reminder": reminder,
        "competency_count": assessment.competencies.count(),
    }
    what = "Reminder: " if reminder else ""
    subject = (
        f"[Tandem] {what}Rate yourself: {assessment.title}"
        if context["is_self"]
        else f"[Tandem] {what}{assessment.subject} asks for your view of their skills"
    )
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("growth/email/rater_invitation.txt", context),
        to=[rater.email],
    )
    message.attach_alternative(
        render_to_string("growth/email/rater_invitation.html", context), "text/html"
    )
    message.send()
