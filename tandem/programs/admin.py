from django.contrib import admin

from tandem.programs.models import Enrollment, EnrollmentQuestion, Program


class EnrollmentQuestionInline(admin.TabularInline):
    model = EnrollmentQuestion
    extra = 0


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "purpose", "format", "status", "start_date", "end_date"]
    list_filter = ["status", "purpose", "format"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["admins"]
    inlines = [EnrollmentQuestionInline]


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["person", "program", "role", "status", "capacity"]
    list_filter = ["program", "role", "status"]
    search_fields = ["person__email", "person__last_name"]
    raw_id_fields = ["person", "decided_by"]
