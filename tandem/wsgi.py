import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
application = get_wsgi_application()

# Load every view and the API now, then take what is loaded out of the cyclic garbage
# collector's reach: Django, the apps and their libraries hold some 240,000 objects for the
# life of the process, and a full collection walking them took 350 ms here, charged to
# whichever request set it off (bench/load.py's p95). Objects made later are still collected.
get_resolver().url_patterns  # noqa: B018 — imports every URLconf, view and API router
gc.freeze()
