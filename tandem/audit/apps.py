from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tandem.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        from tandem.audit.registry import register_audited_models

        register_audited_models()
