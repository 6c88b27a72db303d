"""Requests no page or endpoint can take: refused before any view runs."""

from urllib.parse import unquote_to_bytes

from django.http import HttpResponseBadRequest, JsonResponse

NUL_MESSAGE = "The address contains a NUL character, which no field of Tandem accepts."


class RefuseNulInQueryMiddleware:
    """A NUL character in the query string reaches search filters that PostgreSQL refuses (a
    500): answer 400 instead. Form fields and API payloads refuse NUL themselves, by name."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if b"\x00" in unquote_to_bytes(request.META.get("QUERY_STRING", "")):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": NUL_MESSAGE, "errors": []}, status=400)
            return HttpResponseBadRequest(NUL_MESSAGE)
        return self.get_response(request)
