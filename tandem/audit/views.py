from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tandem.audit import permissions
from tandem.audit.forms import AuditFilterForm
from tandem.audit.services import (
    ACTIONS,
    audit_changes,
    audit_entries_filter,
    audit_entries_for,
    audit_entry_program_id,
)
from tandem.programs.models import Program


@login_required
@require_GET
def audit_log(request):
    """Who changed what and when: every entry for global admins, a program's for its admins."""
    permissions.require_audit_reader(request.user)
    form = AuditFilterForm(request.GET or None, user=request.user)
    entries = audit_entries_for(request.user)
    status = 200
    if form.is_bound:
        if form.is_valid():
            entries = audit_entries_filter(entries, form.filters())
        else:
            entries, status = entries.none(), 400
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    programs = Program.objects.in_bulk(
        {audit_entry_program_id(e) for e in page.object_list} - {None}
    )
    rows = [
        {
            "entry": entry,
            "action": ACTIONS.get(entry.action, ""),
            "changes": audit_changes(entry),
            "program": programs.get(audit_entry_program_id(entry)),
        }
        for entry in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    template = "audit/_entries.html" if request.htmx else "audit/log.html"
    context = {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
    return render(request, template, context, status=status)
