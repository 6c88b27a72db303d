import pytest
from django.urls import reverse

from tandem.notifications.services import notify

pytestmark = pytest.mark.django_db


def test_the_bell_shows_the_unread_count(client, mentee):
    notify(recipient=mentee, kind="k", title="One", email=False)
    notify(recipient=mentee, kind="k", title="Two", email=False)
    client.force_login(mentee)
    response = client.get(reverse("home"))
    assert 'aria-label="Notifications: 2 unread"' in response.content.decode()


def test_the_list_shows_only_one_s_own_notifications(client, mentee, mentor):
    notify(recipient=mentee, kind="k", title="For the mentee", email=False)
    notify(recipient=mentor, kind="k", title="For the mentor", email=False)
    client.force_login(mentee)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "For the mentee" in page
    assert "For the mentor" not in page


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(client, mentee):
    notification = notify(recipient=mentee, kind="k", title="t", url="/programs/", email=False)
    client.force_login(mentee)
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/programs/"
    notification.refresh_from_db()
    assert notification.is_read


def test_opening_someone_else_s_notification_is_a_404(client, mentee, outsider):
    notification = notify(recipient=mentee, kind="k", title="t", email=False)
    client.force_login(outsider)
    assert client.post(reverse("notifications:open", args=[notification.pk])).status_code == 404
    notification.refresh_from_db()
    assert not notification.is_read


def test_an_outside_address_is_never_followed(client, mentee):
    notification = notify(
        recipient=mentee, kind="k", title="t", url="https://evil.example/", email=False
    )
    client.force_login(mentee)
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == reverse("notifications:list")


def test_mark_all_read_by_htmx_returns_a_bell_with_no_count(client, mentee):
    notify(recipient=mentee, kind="k", title="t", email=False)
    client.force_login(mentee)
    response = client.post(reverse("notifications:mark_all_read"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "bell-count" not in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
