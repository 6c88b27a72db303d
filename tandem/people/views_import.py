"""The people import and export pages (global program admins only)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from tandem.people import imports, permissions
from tandem.people.exports import people_export_lines

EXAMPLE = (
    "email,first_name,last_name,title,department,manager_email,time_zone,languages,seniority,"
    "skills,wanted_skills\n"
    "ana.lima@example.com,Ana,Lima,Head of Sales,Sales,,America/Sao_Paulo,pt; en,Director,"
    "Negotiation:5*; Public speaking:4*,Data analysis:3\n"
    "tom.reed@example.com,Tom,Reed,Account Executive,Sales,ana.lima@example.com,"
    "Europe/London,en,Junior,CRM:3,Negotiation:4; Presentation skills\n"
)


@login_required
@require_http_methods(["GET", "POST"])
def people_import(request):
    permissions.require_people_admin(request.user)
    context = {
        "columns": imports.COLUMNS,
        "max_mb": settings.PEOPLE_IMPORT_MAX_BYTES // (1024 * 1024),
    }
    if request.method == "GET":
        if request.GET.get("example"):
            response = HttpResponse(EXAMPLE, content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="people-example.csv"'
            return response
        return render(request, "people/import.html", context)
    upload = request.FILES.get("file")
    problem = upload_problem(upload)
    if problem:
        return render(request, "people/import.html", context | {"file_error": problem}, status=400)
    dry_run = request.POST.get("action") == "check"
    try:
        result = imports.people_import(data=upload.read(), by=request.user, dry_run=dry_run)
    except imports.ImportFileError as error:
        context["file_error"] = str(error)
        return render(request, "people/import.html", context, status=400)
    status = 200 if result.ok else 400
    return render(request, "people/import.html", context | {"result": result}, status=status)


def upload_problem(upload) -> str | None:
    if upload is None:
        return "Choose a CSV file to upload."
    if upload.size > settings.PEOPLE_IMPORT_MAX_BYTES:
        mb = settings.PEOPLE_IMPORT_MAX_BYTES // (1024 * 1024)
        return f"The file is {upload.size // 1024} KB; the limit is {mb} MB."
    if not upload.name.lower().endswith((".csv", ".txt", ".tsv")):
        return f"“{upload.name}” is not a CSV file (expected a name ending in .csv)."
    return None


@login_required
@require_GET
def people_export(request):
    permissions.require_people_admin(request.user)
    response = StreamingHttpResponse(people_export_lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="tandem-people.csv"'
    return response
