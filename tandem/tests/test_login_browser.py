import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_participant_signs_in_and_lands_on_their_home(page, sign_in, mentee):
    sign_in(mentee)
    assert page.get_by_role("heading", name="Welcome, Theo").is_visible()
    page.get_by_text("Theo", exact=True).click()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/")


def test_a_wrong_password_is_refused_with_a_message(page, mentee):
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(mentee.email)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").is_visible()
    assert "/accounts/login/" in page.url
