"""Links into mentoring from pages of other apps (a program's page), with the same rules."""

from django import template

from tandem.mentorships import permissions
from tandem.mentorships.models import MentorshipRequest

register = template.Library()


@register.inclusion_tag("mentorships/_program_links.html", takes_context=True)
def mentoring_links(context, program):
    """On a program's page: "Find a mentor" for its mentees who may choose, the lineage for its
    admins."""
    user = context["request"].user
    mine = permissions.requester_enrollment(user, program)
    return {
        "program": program,
        "can_find": mine is not None and not mine.load,
        "waiting": MentorshipRequest.objects.pending().filter(program=program, mentee=user).count()
        if mine
        else 0,
        "sees_lineage": permissions.can_view_program_lineage(user, program),
    }
