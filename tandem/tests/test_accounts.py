import re

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_participant_signs_in_with_email_and_password(client, mentee):
    response = client.post(
        reverse("account_login"), {"login": "MENTEE@example.com", "password": "tandem-test"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_a_wrong_password_is_refused_on_the_form(client, mentee):
    response = client.post(
        reverse("account_login"), {"login": mentee.email, "password": "wrong-password"}
    )
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_sign_out_needs_a_post(client, mentee):
    client.force_login(mentee)
    client.get(reverse("account_logout"))
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("account_logout"))
    assert client.get(reverse("home")).status_code == 302


def test_password_reset_mails_a_link_that_sets_a_new_password(client, mentee):
    response = client.post(reverse("account_reset_password"), {"email": mentee.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [mentee.email]
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link.group(1),
        {"password1": "a-new-long-passphrase", "password2": "a-new-long-passphrase"},
    )
    assert response.status_code == 302
    mentee.refresh_from_db()
    assert mentee.check_password("a-new-long-passphrase")


def test_superuser_reaches_the_django_admin_and_a_participant_does_not(client, superuser, mentee):
    client.force_login(superuser)
    assert client.get("/django-admin/").status_code == 200
    client.force_login(mentee)
    assert client.get("/django-admin/").status_code == 302
