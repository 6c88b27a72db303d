"""One error format for the whole API: a sentence, and the fields at fault.

    {"detail": "capacity: Capacity must be between 0 and 20.",
     "errors": [{"field": "capacity", "message": "Capacity must be between 0 and 20."}]}

Bad input is a 400 (a rule refused it) or a 422 (the payload's shape is wrong); what the caller
may not see is a 404, what they may see but not do is a 403; never a 500."""

import logging

from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from django.views.decorators.csrf import csrf_exempt
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError

NON_FIELD = "__all__"
logger = logging.getLogger("tandem.api")


def error_body(errors: list[dict]) -> dict:
    detail = "; ".join(
        f"{e['field']}: {e['message']}" if e["field"] else e["message"] for e in errors
    )
    return {"detail": detail, "errors": errors}


def validation_errors(error: ValidationError) -> list[dict]:
    if hasattr(error, "error_dict"):
        return [
            {"field": "" if field == NON_FIELD else field, "message": message}
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return [{"field": "", "message": message} for message in error.messages]


def schema_errors(error: SchemaValidationError) -> list[dict]:
    errors = []
    for item in error.errors:
        # ninja's locations start with where the value came from: body, query, path…
        location = [str(part) for part in item.get("loc", ())[1:] if part != "payload"]
        errors.append({"field": ".".join(location), "message": item.get("msg", "is invalid")})
    return errors


def install(api) -> None:
    """Register the handlers on a NinjaAPI."""

    @api.exception_handler(ValidationError)
    def rule_refused(request, exc):
        return api.create_response(request, error_body(validation_errors(exc)), status=400)

    @api.exception_handler(SchemaValidationError)
    def payload_malformed(request, exc):
        return api.create_response(request, error_body(schema_errors(exc)), status=422)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, {"detail": "Not found.", "errors": []}, status=404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        message = str(exc) or "You may not do this."
        return api.create_response(request, {"detail": message, "errors": []}, status=403)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        body = {"detail": "Sign in or send an API token (Authorization: Bearer …).", "errors": []}
        return api.create_response(request, body, status=401)

    @api.exception_handler(MultiPartParserError)
    def body_unreadable(request, exc):
        body = {"detail": f"The request body cannot be read: {exc}", "errors": []}
        return api.create_response(request, body, status=400)

    @api.exception_handler(RequestDataTooBig)
    def body_too_big(request, exc):
        body = {"detail": "The request body is too large.", "errors": []}
        return api.create_response(request, body, status=413)

    @api.exception_handler(OverflowError)
    def number_out_of_range(request, exc):
        # A whole number beyond what the database stores (SQLite refuses to even bind it).
        errors = [
            {"field": name, "message": "This number is out of range."}
            for name, value in {
                **request.GET.dict(),
                **(request.resolver_match.kwargs or {}),
            }.items()
            if _too_large(value)
        ] or [{"field": "", "message": "A number in the request is out of range."}]
        return api.create_response(request, error_body(errors), status=422)

    @api.exception_handler(Exception)
    def server_error(request, exc):
        # A bug: logged with its traceback for the operators; the caller gets JSON, not HTML.
        logger.exception("API error on %s %s", request.method, request.path)
        body = {"detail": "Something went wrong on our side; it has been logged.", "errors": []}
        return api.create_response(request, body, status=500)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return api.create_response(
            request, {"detail": str(exc), "errors": []}, status=exc.status_code
        )


LARGEST_ID = 2**63 - 1


def _too_large(value) -> bool:
    try:
        return abs(int(str(value))) > LARGEST_ID
    except ValueError:
        return False


@csrf_exempt  # changes nothing, whatever the method: no cross-site request to refuse
def not_found(request, *args, **kwargs):
    """Any /api/v1/ address that names no operation: the API's JSON 404, not an HTML page."""
    from django.http import JsonResponse

    return JsonResponse({"detail": "Not found.", "errors": []}, status=404)
