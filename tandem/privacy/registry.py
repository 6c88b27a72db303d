"""Every app says what it holds about a person in its own `privacy.py`:

    def personal_data(user) -> dict: ...   # everything about `user`, as JSON-ready data
    def erase(user) -> None: ...            # remove or anonymise it; keep aggregate facts

An app with personal data adds `tandem/<app>/privacy.py` and is found here on its own; nothing
to register. `people` erases last (it renames the account, which others may still need)."""

from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.utils.module_loading import module_has_submodule

LAST = ["people"]


def privacy_modules() -> list[tuple[str, ModuleType]]:
    """(app label, its privacy module) for every installed app that has one."""
    found = []
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "privacy"):
            module = import_module(f"{config.name}.privacy")
            if hasattr(module, "personal_data") and hasattr(module, "erase"):
                found.append((config.label, module))
    # A stable sort: the apps in LAST move to the end, the others keep Django's app order.
    return sorted(found, key=lambda item: item[0] in LAST)
