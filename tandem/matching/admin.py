"""Match runs in the Django admin: a read-only record (runs change through the matching pages,
where the rules live)."""

from django.contrib import admin

from tandem.matching.models import MatchRun


@admin.register(MatchRun)
class MatchRunAdmin(admin.ModelAdmin):
    list_display = ["__str__", "objective", "status", "created_by", "created_at", "published_at"]
    list_filter = ["status", "objective", "program"]
    list_select_related = ["program", "created_by"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
