import pytest
from django.core import mail

from tandem.notifications.models import Notification
from tandem.notifications.services import notifications_mark_read, notify

pytestmark = pytest.mark.django_db


def test_notify_records_an_unread_notification_and_mails_it_after_commit(
    mentee, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(
            recipient=mentee,
            kind="proposal_received",
            title="You have a proposed mentor",
            body="Maria Mentor could mentor you in Python.",
            url="/programs/onboarding/",
            needs_action=True,
        )
    assert Notification.objects.for_person(mentee).unread().get() == notification
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [mentee.email]
    assert message.subject == "[Tandem] You have a proposed mentor"
    assert "Maria Mentor could mentor you in Python." in message.body
    assert "http://127.0.0.1:8000/programs/onboarding/" in message.body
    assert "Respond in Tandem" in message.alternatives[0][0]
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_notify_sends_no_mail_when_the_transaction_rolls_back(mentee):
    # Without executing on-commit callbacks (the test's transaction never commits).
    notify(recipient=mentee, kind="k", title="t")
    assert mail.outbox == []


def test_notify_in_app_only_when_email_is_off(mentee, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=mentee, kind="k", title="t", email=False)
    assert mail.outbox == []
    assert Notification.objects.for_person(mentee).count() == 1


def test_mark_read_touches_only_the_person_s_own_notifications(mentee, mentor):
    mine = notify(recipient=mentee, kind="k", title="mine", email=False)
    theirs = notify(recipient=mentor, kind="k", title="theirs", email=False)
    assert notifications_mark_read(person=mentee, ids=[mine.pk, theirs.pk]) == 1
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.is_read and not theirs.is_read
