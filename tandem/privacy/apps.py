from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "tandem.privacy"
    label = "privacy"
    verbose_name = "Personal data"
