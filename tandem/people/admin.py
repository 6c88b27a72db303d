from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from tandem.people.models import (
    Department,
    Interest,
    Language,
    Profile,
    ProfileSkill,
    Skill,
    SkillAlias,
    SkillCategory,
    User,
    WantedSkill,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_program_admin", "is_superuser"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Name", {"fields": ("first_name", "last_name")}),
        (
            "Roles",
            {"fields": ("is_active", "is_program_admin", "is_staff", "is_superuser", "groups")},
        ),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


class ProfileSkillInline(admin.TabularInline):
    model = ProfileSkill
    autocomplete_fields = ["skill"]
    extra = 0


class WantedSkillInline(admin.TabularInline):
    model = WantedSkill
    autocomplete_fields = ["skill"]
    extra = 0


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "title", "department", "manager", "seniority"]
    list_filter = ["department", "seniority", "meeting_mode"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "title"]
    autocomplete_fields = ["user", "manager", "department"]
    inlines = [ProfileSkillInline, WantedSkillInline]


class SkillAliasInline(admin.TabularInline):
    model = SkillAlias
    extra = 1


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "category"]
    list_filter = ["category"]
    search_fields = ["name", "aliases__name"]
    inlines = [SkillAliasInline]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    list_display = ["name", "parent"]


admin.site.register(SkillCategory)
admin.site.register(Language)
admin.site.register(Interest)
