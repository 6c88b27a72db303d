"""`collectstatic` works for production (hashed, compressed copies), vendored files included."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_collectstatic_builds_the_production_copies(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "tandem.storage.StaticStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("vendor/chart-4.6.1.umd.min.*.js"))
    assert list(tmp_path.glob("ninja/swagger-ui-bundle.*.js.gz"))
