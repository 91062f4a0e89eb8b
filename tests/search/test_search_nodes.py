"""ELASTICSEARCH_URL as a list of cluster nodes: each node becomes a host of
the client, a bad URL stops the start-up naming it, and a search whose first
node is dead or hung is answered by the next one (not by the database)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from osmem_server import OsmemServer
from wagtail.search.backends import get_search_backend

from lifelong_site.settings.env import env_url_list
from tests.search.conftest import search

ROOT = Path(__file__).resolve().parents[2]
TWO_NODES = "http://es1:9200, http://es2:9200,"  # spaces and a trailing comma are harmless


def backends_from_environment(**env: str) -> subprocess.CompletedProcess[str]:
    """Import the settings in a fresh process with these variables, as a host
    starting up would, and print WAGTAILSEARCH_BACKENDS as JSON."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "lifelong_site.settings.test", **env}
    code = "import json; from django.conf import settings; print(json.dumps(settings.WAGTAILSEARCH_BACKENDS))"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def configured_backends(**env: str) -> dict:
    result = backends_from_environment(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# --- Parsing ------------------------------------------------------------------


def test_a_comma_separated_list_gives_every_node(monkeypatch):
    monkeypatch.setenv("ELASTICSEARCH_URL", TWO_NODES)
    assert env_url_list("ELASTICSEARCH_URL") == ["http://es1:9200", "http://es2:9200"]
    monkeypatch.setenv("ELASTICSEARCH_URL", "https://search.example.cn")
    assert env_url_list("ELASTICSEARCH_URL") == ["https://search.example.cn"]
    monkeypatch.delenv("ELASTICSEARCH_URL")
    assert env_url_list("ELASTICSEARCH_URL") == []


@pytest.mark.parametrize(
    "bad",
    [
        "es2:9200",  # no scheme
        "ftp://es2:9200",
        "http://",  # no host
        "http://es2:92OO",  # a port that is not a number
        "http://es2:9200 http://es3:9200",  # separated by a space, not a comma
    ],
)
def test_a_bad_node_url_is_refused_by_name(monkeypatch, bad):
    monkeypatch.setenv("ELASTICSEARCH_URL", f"http://es1:9200,{bad}")
    with pytest.raises(ImproperlyConfigured) as refused:
        env_url_list("ELASTICSEARCH_URL")
    assert f"ELASTICSEARCH_URL: {bad!r} is not an http(s) URL" in str(refused.value)


def test_the_error_does_not_show_a_password(monkeypatch):
    monkeypatch.setenv("ELASTICSEARCH_URL", "ftp://search:s3cret@es1:9200")
    with pytest.raises(ImproperlyConfigured) as refused:
        env_url_list("ELASTICSEARCH_URL")
    assert "s3cret" not in str(refused.value) and "ftp://***@es1:9200" in str(refused.value)


# --- Settings -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("backend", "client_nodes"),
    [
        ("opensearch", lambda es: [c.host for c in es.transport.connection_pool.connections]),
        ("elasticsearch", lambda es: [node.base_url for node in es.transport.node_pool.all()]),
    ],
)
def test_two_node_urls_become_two_hosts_of_the_client(settings, backend, client_nodes):
    backends = configured_backends(SEARCH_BACKEND=backend, ELASTICSEARCH_URL=TWO_NODES)
    assert backends["default"]["URLS"] == ["http://es1:9200", "http://es2:9200"]
    assert backends["default"]["OPTIONS"] == {"retry_on_timeout": True, "max_retries": 1}
    assert backends["fallback"]["BACKEND"] == "wagtail.search.backends.database"
    # The client is built without connecting: both nodes are in its pool.
    settings.WAGTAILSEARCH_BACKENDS = backends
    assert sorted(client_nodes(get_search_backend().es)) == ["http://es1:9200", "http://es2:9200"]


def test_one_node_keeps_the_settings_of_before():
    backends = configured_backends(SEARCH_BACKEND="opensearch", ELASTICSEARCH_URL="http://es1:9200")
    assert backends["default"]["URLS"] == ["http://es1:9200"]
    assert "OPTIONS" not in backends["default"]
    assert set(backends) == {"default", "fallback"}


def test_the_database_backend_ignores_the_node_list():
    backends = configured_backends(SEARCH_BACKEND="database", ELASTICSEARCH_URL="not a url")
    assert backends == {
        "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
    }


def test_a_bad_node_stops_the_start_up_naming_it():
    result = backends_from_environment(
        SEARCH_BACKEND="opensearch", ELASTICSEARCH_URL="http://es1:9200,es2:9200"
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: ELASTICSEARCH_URL: 'es2:9200' is not an http(s) URL" in (
        result.stderr
    )


# --- Fail-over against a real server ------------------------------------------


@pytest.fixture(scope="module")
def osmem() -> Iterator[OsmemServer]:
    server = OsmemServer.start(japanese=False)
    yield server
    server.close()


@pytest.fixture
def refused_node() -> str:
    """A closed port: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def hung_node() -> Iterator[str]:
    """A node that accepts the connection (the kernel does, into the backlog)
    and never answers: every request to it times out."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"


@pytest.mark.parametrize("first_node", ["refused_node", "hung_node"])
def test_a_search_whose_first_node_is_dead_is_answered_by_the_next(
    request, osmem, corpus, site_tree, settings, first_node
):
    dead = request.getfixturevalue(first_node)
    live = osmem.clone()
    try:
        backends = configured_backends(
            SEARCH_BACKEND="opensearch", ELASTICSEARCH_URL=f"{dead},{live.url}"
        )
        default = backends["default"]
        default.update(INDEX_PREFIX="lifelong_test_nodes_", TIMEOUT=1)
        # The client shuffles its nodes; unshuffled, every new client (one per
        # search) sends its first request to the dead node.
        default["OPTIONS"]["randomize_hosts"] = False
        settings.WAGTAILSEARCH_BACKENDS = backends
        first = get_search_backend().es.transport.connection_pool.connections[0]
        assert first.host == dead

        call_command("update_index", verbosity=0)
        outcome = search("沈阳", site_tree.zh)
        assert (outcome.backend, outcome.degraded) == ("default", "")
        assert outcome.hits[0].entry.page_id == corpus.ceremony.pk
    finally:
        live.close()
