from django.http import Http404


def _not_built_yet(request, *args, **kwargs):  # replaced by the program pages
    raise Http404("not built yet")


program_list = program_create = program_detail = program_enrollments = _not_built_yet
