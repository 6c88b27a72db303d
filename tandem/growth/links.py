"""The rating links sent to 360° raters: no login, signed, expiring, single use.

A link carries the rater's id and their one-time token, signed with the site's secret
(`django.core.signing`, with a timestamp). It is refused when the signature does not match
(forged or mangled), when it is older than LINK_LIFETIME, when its token is not the rater's
current one, when the rater has already answered (the token is used up), or when the assessment
has closed. Each refusal has its own clear page and a 4xx status, never a 500."""

import datetime
import secrets

from django.core import signing
from django.urls import reverse
from django.utils.crypto import constant_time_compare

from tandem.growth.models import Rater

SALT = "tandem.growth.rater-link"
LINK_LIFETIME = datetime.timedelta(days=14)


# Why a link cannot be used: the status, and the page's title and message for its holder.
REFUSALS = {
    "forged": (
        400,
        "This link is not valid",
        "The link is incomplete or has been altered. Open it again from the e-mail you "
        "received, or ask the person who invited you to send it again.",
    ),
    "expired": (
        410,
        "This link has expired",
        f"Rating links work for {LINK_LIFETIME.days} days. If the assessment is still open you "
        "will receive a reminder with a fresh link; you can also ask the person who invited you.",
    ),
    "used": (
        410,
        "You have already answered",
        "Each link can be used once, and your answers were received. Thank you!",
    ),
    "closed": (
        410,
        "This assessment has closed",
        "Answers are no longer collected for this assessment. Thank you all the same.",
    ),
}


class LinkRefused(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
        self.status, self.title, self.message = REFUSALS[reason]


def rater_token_new(rater: Rater) -> None:
    """Give a rater their one-time token (kept across reminders; used up by answering)."""
    rater.token = secrets.token_urlsafe(32)


def rater_link_token(rater: Rater) -> str:
    """A freshly signed link token: each e-mail's link is valid LINK_LIFETIME from sending."""
    if not rater.token:
        raise ValueError("The rater has no token yet.")
    return signing.dumps({"r": rater.pk, "t": rater.token}, salt=SALT)


def rater_link_path(rater: Rater) -> str:
    return reverse("growth:rate", args=[rater_link_token(rater)])


def rater_from_link(token: str) -> Rater:
    """The rater a link belongs to, or LinkRefused saying why it cannot be used."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=LINK_LIFETIME)
    except signing.SignatureExpired:
        raise LinkRefused("expired") from None
    except signing.BadSignature:
        raise LinkRefused("forged") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("r"), int):
        raise LinkRefused("forged")
    rater = (
        Rater.objects.select_related("assessment__subject", "assessment__mentorship")
        .filter(pk=payload["r"])
        .first()
    )
    if rater is None or not rater.token:
        raise LinkRefused("forged")
    if rater.has_answered:
        raise LinkRefused("used")
    if not constant_time_compare(str(payload.get("t", "")), rater.token):
        raise LinkRefused("forged")
    if not rater.assessment.is_open:
        raise LinkRefused("closed")
    return rater
