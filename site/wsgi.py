"""WSGI entry point: ``gunicorn lifelong_site.wsgi`` (run from the checkout)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lifelong_site.settings.production")

application = get_wsgi_application()
