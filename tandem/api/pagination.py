"""The API's one pagination: limit/offset with bounds, so that no offset overflows a database
integer (settings: NINJA_PAGINATION_CLASS points here, so a bare `@paginate` uses it)."""

from typing import Any

from django.conf import settings
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_OFFSET = 10_000_000


class LimitOffset(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=200)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def paginate_queryset(self, queryset, pagination: Input, request, **params: Any) -> Any:
        return super().paginate_queryset(queryset, pagination, request, **params)
