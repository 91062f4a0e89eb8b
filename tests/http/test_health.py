"""`/healthz` says whether the instance can serve, and nothing more."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db


def test_healthy_instance_answers_200_and_is_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "migrations": "ok"}}
    assert "no-store" in response["Cache-Control"]


def test_an_unapplied_migration_makes_it_503(client):
    # Forget the record of the newest migration (rolled back with the test):
    # to Django it is then on disk but not applied.
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM django_migrations WHERE id = (SELECT max(id) FROM django_migrations WHERE app = 'lifelong_site')"
        )
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "migrations": "failing"}


def test_it_tells_no_secrets(client):
    body = client.get("/healthz").content.decode()
    database = settings.DATABASES["default"]
    for secret in (
        settings.SECRET_KEY,
        database.get("NAME"),
        database.get("HOST"),
        database.get("USER"),
    ):
        if secret:
            assert str(secret) not in body


def test_only_get_is_allowed(client):
    assert client.post("/healthz").status_code == 405
