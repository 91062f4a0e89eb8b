"""Settings come from the environment; production refuses insecure ones."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz"


def load_production_settings(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS"}
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="lifelong_site.settings.production")
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_a_missing_secret_key():
    result = load_production_settings(
        ALLOWED_HOSTS="www.example.cn", DATABASE_URL="postgres://u@127.0.0.1/db"
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = load_production_settings(
        SECRET_KEY="short", ALLOWED_HOSTS="www.example.cn", DATABASE_URL="postgres://u@127.0.0.1/db"
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_wildcard_hosts():
    result = load_production_settings(
        SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="*", DATABASE_URL="postgres://u@127.0.0.1/db"
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_refuses_sqlite():
    result = load_production_settings(
        SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="www.example.cn", DATABASE_URL="sqlite:///x.db"
    )
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


def test_production_starts_with_a_secure_configuration():
    result = load_production_settings(
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="www.example.cn",
        DATABASE_URL="postgres://u@127.0.0.1/db",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_database_url_configures_the_database():
    from lifelong_site.settings.env import env_list

    os.environ["LIFELONG_TEST_LIST"] = "a.example.cn, b.example.cn,,"
    try:
        assert env_list("LIFELONG_TEST_LIST") == ["a.example.cn", "b.example.cn"]
    finally:
        del os.environ["LIFELONG_TEST_LIST"]


@pytest.mark.django_db
def test_tests_run_on_the_database_the_environment_names():
    from django.conf import settings
    from django.db import connection

    expected = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    assert connection.vendor == expected
    assert settings.TIME_ZONE == "Asia/Shanghai"
