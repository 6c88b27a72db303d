"""`{% due_checkins %}`: the signed-in person's open check-ins, for the home page."""

from django import template

from tandem.health.models import CheckIn

register = template.Library()


@register.inclusion_tag("health/_home_checkins.html", takes_context=True)
def due_checkins(context):
    user = context["user"]
    due = CheckIn.objects.due_for(user).order_by("due_on") if user.is_authenticated else []
    return {"due": list(due), "user": user}
