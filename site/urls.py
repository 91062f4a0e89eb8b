"""URL map: Chinese at /, English under /en/, admin and documents shared."""

from typing import NoReturn

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.http import Http404, HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static as static_url
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from .editorial.sharing_views import shared_draft_preview
from .http.health import healthz
from .http.sitemap import sitemap_view
from .security.document_serving import serve_document
from .security.restricted_sign_in import sign_in_through_the_admin
from .security.sign_out import sign_out


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    # Resolved per request: the hashed static name exists only after collectstatic.
    return HttpResponsePermanentRedirect(static_url("lifelong/favicon.svg"))


def no_such_document(request: HttpRequest, document_id: str) -> NoReturn:
    raise Http404("No such document")


urlpatterns = [
    # Before Wagtail's own sign-out, which it wraps (security/sign_out.py).
    path("admin/logout/", sign_out, name="admin_sign_out"),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document URL takes any run of digits; Python refuses to turn
    # more than 4,300 into a number, so a long one was a 500. No id is that long.
    re_path(r"^documents/(?P<document_id>\d{19,})/", no_such_document),
    # Wagtail's document view plus the download headers from object storage
    # (security/document_serving.py); reverse() still gives Wagtail's URL, the same path.
    re_path(r"^documents/(\d+)/(.*)$", serve_document),
    path("documents/", include(wagtaildocs_urls)),
    path("api/views/", include("news.urls")),
    # The search app's URLs by name: the core imports no app.
    path("", include("search.api_urls")),
    path("sitemap.xml", sitemap_view, name="sitemap"),
    # Browsers ask for /favicon.ico whatever the page links to; answering with
    # a redirect spares a full 404 page on every first visit.
    path("favicon.ico", favicon),
    path("healthz", healthz, name="healthz"),
    # Outside i18n_patterns: the page's own locale decides its language.
    path("preview/<str:token>/", shared_draft_preview, name="editorial_share_preview"),
]

# A lost database answers 503 with a retry hint instead of a 500 (lifelong_site.http.errors).
handler500 = "lifelong_site.http.errors.server_error"

if settings.DEBUG:
    from pathlib import Path

    from django.conf.urls.static import static

    # Image renditions only, as nginx does in production (deploy/nginx):
    # documents go through their access checks at /documents/, original
    # images are never served (docs/uploads.md).
    urlpatterns += static(
        f"{settings.MEDIA_URL}images/", document_root=Path(settings.MEDIA_ROOT) / "images"
    )

urlpatterns += i18n_patterns(
    path("", include("search.urls")),
    # Before Wagtail's own sign-in for restricted pages, which it replaces.
    path("_util/login/", sign_in_through_the_admin, name="restricted_page_sign_in"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
