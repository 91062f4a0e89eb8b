"""Security headers on public pages and the admin, and `check --deploy`."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories.news import PressReleasePageFactory

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
DATA_BLOCK_TYPES = ("application/ld+json", "application/json")


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def inline_scripts(html: str) -> list[str]:
    """The bodies of executable inline scripts (no src, not a JSON data block)."""
    scripts = []
    for match in INLINE_SCRIPT.finditer(html):
        attrs = match["attrs"]
        if "src=" in attrs or any(kind in attrs for kind in DATA_BLOCK_TYPES):
            continue
        scripts.append(match["body"])
    return scripts


def sha256_source(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


@pytest.fixture
def public_urls(news_tree) -> list[str]:
    release = PressReleasePageFactory(parent=news_tree.news)
    return ["/", "/en/", news_tree.news.url, release.url, "/search/?q=终身学习", "/no-such-page/"]


def test_public_pages_run_only_hashed_inline_scripts(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        policy = csp_directives(response["Content-Security-Policy"])
        script_src = policy["script-src"]
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, url
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        scripts = inline_scripts(response.content.decode())
        assert scripts, f"{url}: the 适老化 settings script is expected inline"
        for body in scripts:
            # Every inline script the page carries must be allowed by its hash;
            # a new inline script without one would be blocked in browsers.
            assert sha256_source(body) in script_src, (
                f"{url}: inline script not in the CSP: {body[:60]}"
            )


def test_other_security_headers_on_public_pages(client, site_tree):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


def test_the_admin_may_frame_itself_but_nothing_else(admin_client, site_tree):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    policy = csp_directives(response["Content-Security-Policy"])
    # Wagtail's own admin templates carry inline scripts, hence the looser rule here only.
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_server_error_page_script_is_hashed_too(client, site_tree):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    script_src = csp_directives(client.get("/").headers["Content-Security-Policy"])["script-src"]
    assert [sha256_source(body) in script_src for body in inline_scripts(html)] == [True]


def production_environment() -> dict[str, str]:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lifelong_site.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "www.lifelong.example.cn",
        "DATABASE_URL": os.environ.get("DATABASE_URL") or "postgres://nobody@127.0.0.1:1/none",
    }
    # The test run's own switches, which a deployment must not carry.
    for name in (
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_PRELOAD",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    ):
        environment.pop(name, None)
    return environment


def test_production_settings_pass_check_deploy_without_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(settings.BASE_DIR),
        env=production_environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_an_insecure_key():
    environment = {**production_environment(), "SECRET_KEY": "django-insecure-short"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=Path(settings.BASE_DIR),
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
