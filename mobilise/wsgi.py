import gc
import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mobilise.settings")
application = get_wsgi_application()
# Load every view and the libraries they use now, then keep all of it out of the cyclic garbage collector's
# scans: left in, each full collection walks these long-lived objects and stalls a request by up to 100 ms.
import_module(settings.ROOT_URLCONF)
gc.freeze()
