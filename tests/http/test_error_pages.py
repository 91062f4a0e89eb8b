"""Error pages in both languages: a search box and a way home, never a stack
trace, and a 500 page that renders even when the database is gone."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "language", "search_action", "home"),
    [
        ("/no-such-page/", "zh-Hans", 'action="/search/"', 'href="/"'),
        ("/en/no-such-page/", "en", 'action="/en/search/"', 'href="/en/"'),
    ],
)
def test_404_in_each_language_offers_search_and_home(
    client, site_tree, site_identity, path, language, search_action, home
):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{language}"' in html
    assert search_action in html and 'name="q"' in html and home in html
    assert "Traceback" not in html and "django" not in html.lower()


def test_a_page_in_a_missing_language_is_a_404_not_an_error(client, site_tree):
    assert client.get("/en/weeks/2024/").status_code == 404


@pytest.mark.parametrize(("language", "lang_attribute"), [("zh-hans", "zh-Hans"), ("en", "en")])
def test_500_renders_without_the_database(language, lang_attribute, monkeypatch):
    request = RequestFactory().get("/")

    def no_database(*args, **kwargs):
        raise AssertionError("the 500 page must not query the database")

    monkeypatch.setattr(connection, "ensure_connection", no_database)
    with translation.override(language):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{lang_attribute}">' in html
    assert "Traceback" not in html and 'name="q"' in html


def test_a_host_no_site_serves_gets_a_404_page_not_an_error(client, site_tree):
    from wagtail.models import Site

    Site.objects.update(is_default_site=False, hostname="www.example.cn")
    response = client.get("/", HTTP_HOST="unknown.example.org")
    assert response.status_code == 404
    assert 'name="q"' in response.content.decode()


def test_favicon_requests_are_redirected_not_404(client, site_tree):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith(".svg")
