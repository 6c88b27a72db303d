from django.http import Http404


def _not_built_yet(request, *args, **kwargs):  # replaced by the people pages
    raise Http404("not built yet")


directory = profile_edit = profile = people_import = people_export = _not_built_yet
