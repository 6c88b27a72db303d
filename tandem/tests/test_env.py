import pytest
from django.core.exceptions import ImproperlyConfigured

from tandem.env import env_bool, env_int, env_list


def test_a_boolean_setting_accepts_the_usual_spellings(monkeypatch):
    monkeypatch.setenv("DEBUG", "yes")
    assert env_bool("DEBUG", False) is True
    monkeypatch.setenv("DEBUG", "0")
    assert env_bool("DEBUG", True) is False


def test_a_boolean_setting_refuses_a_guess(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG='maybe' is not a boolean"):
        env_bool("DEBUG", False)


def test_a_number_setting_refuses_words(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "twenty-five")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT"):
        env_int("EMAIL_PORT", 25)


def test_a_list_setting_splits_on_commas(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "tandem.example.org, 10.0.0.5 ,")
    assert env_list("ALLOWED_HOSTS", []) == ["tandem.example.org", "10.0.0.5"]
    monkeypatch.delenv("ALLOWED_HOSTS")
    assert env_list("ALLOWED_HOSTS", ["localhost"]) == ["localhost"]
