from django import template

from tandem.api.models import ApiToken

register = template.Library()


@register.inclusion_tag("api/_tokens.html", takes_context=True)
def api_tokens_section(context):
    """The signed-in person's API tokens, for their own profile page."""
    user = context["request"].user
    return {
        "tokens": ApiToken.objects.filter(user=user),
        "new_key": context.get("new_key"),
        "csrf_token": context.get("csrf_token"),
        "request": context["request"],
    }
