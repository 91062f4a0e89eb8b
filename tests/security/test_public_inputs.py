"""Property-based tests: hostile input on every public URL and parameter.

Each test sends thousands of generated requests through the whole Django
stack (middleware, URL resolution, Wagtail's page routing, templates) to a
real PostgreSQL database, and checks three properties of every answer:

1. it is never a server error (5xx); 400, 404 or a "no results" page is fine;
2. generated markup never comes back as markup: HTML bodies never contain
   the payloads' markers unescaped, JSON answers are JSON, feeds are XML,
   and anything that is not HTML is marked ``nosniff`` so no browser reads
   it as HTML; redirects stay on the site;
3. HTML answers carry a Content-Security-Policy.

The content is built once for the module and rolled back at its end; each
request runs in a savepoint, as production runs each request in its own
transactions, so one refused statement cannot poison the next example.

FUZZ_EXAMPLES sets the number of examples per endpoint. Each example is a
full request (tens to hundreds of milliseconds), so the default keeps the
module to a few minutes; FUZZ_EXAMPLES=2000 gives the thorough run.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes, urlsplit
from xml.etree import ElementTree

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from wagtail.models import Page

from lifelong_site.editorial.sharing import create_share_link
from lifelong_site.translation.tools import translate_instance
from search.models import Kind
from search.params import KNOWN_PARAMETERS
from tests.conftest import build_site_tree
from tests.factories.campaigns import (
    CampaignIndexPageFactory,
    CampaignWeekPageFactory,
    CeremonyGalleryPageFactory,
    LearningStarIndexPageFactory,
    LearningStarPageFactory,
    add_photos,
)
from tests.factories.news import (
    NewsIndexPageFactory,
    NoticeIndexPageFactory,
    NoticePageFactory,
    PressReleasePageFactory,
    add_issuers,
    region,
)
from tests.factories.site import SuperuserFactory

from .strategies import (
    REFLECTION_PATTERN,
    as_wsgi,
    encode,
    hostile_text,
    injected_markup,
    numberish,
    path_segments,
    query_strings,
)

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))

FUZZ = settings(
    max_examples=EXAMPLES,
    # Reproducible in CI, and nothing written into the checkout.
    derandomize=True,
    database=None,
    # Request times vary with the machine's load; a deadline would only flake.
    deadline=None,
    # The content is shared by all examples on purpose; a huge string is a
    # wanted input, not a slow strategy.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

REGION_SLUGS = ("liaoning", "chongqing", "beijing", "no-such-region")
DATE_VALUES = (
    "2024-04-27",
    "2023-01-01",
    "2024-02-30",
    "0001-01-01",
    "9999-12-31",
    "2024-4-27",
    "20240427",
)


# --- Content ---------------------------------------------------------------------


@dataclass
class Content:
    share_token: str
    live_page_ids: list[int]
    draft_page_ids: list[int]


def _publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _build_content() -> Content:
    """A handful of pages in both languages: every listing, feed, filter and
    route has something to find, and the search index stays small."""
    tree = build_site_tree()
    news = _publish(NewsIndexPageFactory(parent=tree.home_zh))
    notices = _publish(NoticeIndexPageFactory(parent=tree.home_zh))
    campaigns = _publish(CampaignIndexPageFactory(parent=tree.home_zh))
    week = _publish(CampaignWeekPageFactory(parent=campaigns, year=2024))
    _publish(CampaignWeekPageFactory(parent=campaigns, year=2023))
    stars = _publish(LearningStarIndexPageFactory(parent=week))
    _publish(
        LearningStarPageFactory(
            parent=stars, title="王秀兰：七十岁学会智能手机", region=region("liaoning")
        )
    )
    gallery = CeremonyGalleryPageFactory(parent=week)
    add_photos(gallery, 3)
    _publish(gallery)
    release = _publish(
        PressReleasePageFactory(
            parent=news,
            title="2024年全民终身学习活动周开幕式在沈阳举行",
            slug="ceremony-2024",
            published_at=timezone.make_aware(dt.datetime(2024, 4, 27, 9, 30)),
            region=region("liaoning"),
            campaign_week=week,
        )
    )
    _publish(
        PressReleasePageFactory(
            parent=news, title="2023年活动周在重庆举行", region=region("chongqing")
        )
    )
    notice = NoticePageFactory(
        parent=notices,
        title="关于举办2024年全民终身学习活动周的通知",
        document_number="教职成厅函〔2024〕7号",
    )
    add_issuers(notice, "moe-general-office")
    _publish(notice)
    draft = PressReleasePageFactory(parent=news, title="尚未发布的新闻", slug="draft", live=False)
    draft.save_revision()
    translate_instance(news, tree.en, {news.title: "News"})
    translate_instance(notices, tree.en, {notices.title: "Notices"})
    translate_instance(campaigns, tree.en, {campaigns.title: "Past weeks"})
    translate_instance(
        release, tree.en, {release.title: "Opening ceremony of the 2024 week held in Shenyang"}
    )
    editor = SuperuserFactory(username="fuzz-editor")
    link = create_share_link(release, editor, days=3)
    live = list(Page.objects.live().filter(depth__gt=1).values_list("pk", flat=True))
    return Content(share_token=link.token, live_page_ids=live, draft_page_ids=[draft.pk])


@pytest.fixture(scope="module", autouse=True)
def _hypothesis_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # database=None keeps examples out of the checkout, but Hypothesis still
    # caches Unicode tables and source constants in its home directory,
    # .hypothesis in the working directory unless told otherwise.
    set_hypothesis_home_dir(tmp_path_factory.mktemp("hypothesis"))
    yield
    set_hypothesis_home_dir(None)


@pytest.fixture(scope="module")
def content(django_db_setup, django_db_blocker) -> Iterator[Content]:
    """Built once: publishing pages and indexing them for search costs
    seconds, once; the examples only read it. The outer transaction is rolled
    back, so other modules never see these pages; each test's own
    transaction (the db fixture) nests inside it as a savepoint."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_content()
        transaction.set_rollback(True)


@pytest.fixture
def fuzz_client(content: Content, db) -> Client:
    # Errors inside a view are raised here rather than hidden in a 500 page,
    # so a failing example comes with its traceback.
    return Client(raise_request_exception=True)


# --- Requests and the properties of their answers -----------------------------------


def send(
    client: Client, method: str, wire_path: bytes, query: str = "", **extra: str
) -> HttpResponse:
    """A request whose path and query string are the bytes on the wire. The
    path is unescaped as a server does before it fills PATH_INFO; the query
    string is passed on as it came."""
    path_info = as_wsgi(unquote_to_bytes(wire_path))
    with transaction.atomic():
        return client.generic(method, "/", PATH_INFO=path_info, QUERY_STRING=query, **extra)


def _describe(response: HttpResponse, wire_path: bytes, query: str) -> str:
    return f"{response.status_code} {response.get('Content-Type')} for {wire_path[:300]!r}?{query[:300]!r}"


def _body(response: HttpResponse) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def check_common(response: HttpResponse, wire_path: bytes, query: str) -> bytes:
    where = _describe(response, wire_path, query)
    assert response.status_code < 500, where
    if 300 <= response.status_code < 400:
        target = urlsplit(response["Location"])
        # A redirect built from the request must stay on this site.
        assert target.scheme in ("", "http", "https") and target.netloc in ("", "testserver"), (
            where + f" → {response['Location']!r}"
        )
    body = _body(response)
    content_type = response.get("Content-Type", "")
    if content_type.startswith("text/html"):
        text = body.decode(response.charset or "utf-8", "replace")
        reflected = REFLECTION_PATTERN.search(text)
        assert reflected is None, (
            f"{where}: reflected {text[max(0, reflected.start() - 120) : reflected.end() + 120]!r}"
        )
        assert not (injected := injected_markup(text)), f"{where}: injected {injected}"
        assert "Content-Security-Policy" in response, where
    elif body:
        # Anything else must not be sniffed into HTML by a browser.
        assert response.get("X-Content-Type-Options") == "nosniff", where
    return body


def get_and_check(client: Client) -> Callable[[bytes, str], None]:
    """The check of an HTML endpoint that takes a path and a query string."""

    def check(path: bytes, query: str) -> None:
        check_common(send(client, "GET", path, query), path, query)

    return check


def check_json(response: HttpResponse, wire_path: bytes, query: str) -> None:
    body = check_common(response, wire_path, query)
    where = _describe(response, wire_path, query)
    assert response.status_code in (200, 400), where
    assert response["Content-Type"].startswith("application/json"), where
    assert isinstance(json.loads(body), dict), where


def check_feed(response: HttpResponse, wire_path: bytes, query: str) -> None:
    body = check_common(response, wire_path, query)
    if response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml"):
        # Parsing fails on any markup or control character that got in unescaped.
        ElementTree.fromstring(body)


def run_fuzz(test: Callable[..., None], **strategies: st.SearchStrategy) -> int:
    """Run ``test`` under the shared settings and return how many examples ran."""
    calls = 0

    @FUZZ
    @given(**strategies)
    def counted(**kwargs: object) -> None:
        nonlocal calls
        calls += 1
        test(**kwargs)

    counted()
    assert calls >= EXAMPLES, f"only {calls} examples ran"
    print(f"{calls} generated inputs")
    return calls


def paths(*choices: bytes) -> st.SearchStrategy[bytes]:
    return st.sampled_from(choices)


SEARCH_VALUES: dict[str, Sequence[str]] = {
    "q": (
        "沈阳",
        "2024 开幕式",
        "教职成厅函〔2024〕7号",
        "ceremony",
        "ceremoney",
        "沈杨",
        "Shenyang",
    ),
    "type": (*Kind.values, ",".join(Kind.values), "press_release,nope"),
    "year": ("2024", "2023", "1949", "2100"),
    "region": REGION_SLUGS,
    "from": DATE_VALUES,
    "to": DATE_VALUES,
    "sort": ("relevance", "date", "DATE"),
    "page": ("1", "2", "30", "1000", "1001"),
    "lang": ("zh-hans", "zh", "en", "fr"),
}
SEARCH_KEYS = (*sorted(KNOWN_PARAMETERS), "utm_source", "q[]", "Q")
LISTING_KEYS = ("year", "week", "region", "organisation", "tag", "page", "utm_source")
LISTING_VALUES: dict[str, Sequence[str]] = {
    "year": ("2024", "2023", "1900", "2100"),
    "week": ("2024", "2023"),
    "region": REGION_SLUGS,
    "organisation": ("moe", "moe-general-office", "nobody"),
    "tag": ("lifelong", "no-tag"),
    "page": ("1", "2", "99999", "100000"),
}


# --- Search ----------------------------------------------------------------------------


def test_search_page(fuzz_client: Client) -> None:
    def check(path: bytes, query: str) -> None:
        response = send(fuzz_client, "GET", path, query)
        check_common(response, path, query)
        assert response.status_code in (200, 400)

    run_fuzz(
        check,
        path=paths(b"/search/", b"/en/search/"),
        query=query_strings(SEARCH_KEYS, SEARCH_VALUES),
    )


def test_search_api(fuzz_client: Client) -> None:
    def check(query: str) -> None:
        check_json(send(fuzz_client, "GET", b"/api/search/", query), b"/api/search/", query)

    run_fuzz(check, query=query_strings(SEARCH_KEYS, SEARCH_VALUES))


def test_search_suggest_api(fuzz_client: Client) -> None:
    def check(query: str) -> None:
        check_json(
            send(fuzz_client, "GET", b"/api/search/suggest/", query), b"/api/search/suggest/", query
        )

    run_fuzz(
        check,
        query=query_strings(
            ("q", "q", "lang", "x"), {"q": ("沈", "2024", "Open"), "lang": ("zh-hans", "en", "de")}
        ),
    )


# --- News and notices ------------------------------------------------------------------


def test_news_listing(fuzz_client: Client) -> None:
    run_fuzz(
        get_and_check(fuzz_client),
        path=paths(b"/news/", b"/en/news/"),
        query=query_strings(LISTING_KEYS, LISTING_VALUES),
    )


def test_notice_listing(fuzz_client: Client) -> None:
    run_fuzz(
        get_and_check(fuzz_client),
        path=paths(b"/notices/", b"/en/notices/"),
        query=query_strings(LISTING_KEYS, LISTING_VALUES),
    )


def test_listing_feeds(fuzz_client: Client) -> None:
    def check(path: bytes, query: str) -> None:
        check_feed(send(fuzz_client, "GET", path, query), path, query)

    run_fuzz(
        check,
        path=paths(b"/news/feed/", b"/en/news/feed/", b"/notices/feed/", b"/en/notices/feed/"),
        query=query_strings(LISTING_KEYS, LISTING_VALUES),
    )


def test_page_views_api(fuzz_client: Client, content: Content) -> None:
    page_ids = st.one_of(
        st.sampled_from(content.live_page_ids + content.draft_page_ids).map(
            lambda pk: str(pk).encode()
        ),
        numberish().map(lambda text: encode(text, "percent")),
        path_segments(max_size=2),
    )

    def check(method: str, page_id: bytes, query: str) -> None:
        path = b"/api/views/" + page_id + b"/"
        response = send(fuzz_client, method, path, query)
        check_common(response, path, query)
        if response["Content-Type"].startswith("application/json"):
            assert isinstance(json.loads(response.content), dict)

    run_fuzz(
        check,
        method=st.sampled_from(("POST", "POST", "POST", "GET", "HEAD", "PUT", "DELETE", "OPTIONS")),
        page_id=page_ids,
        query=query_strings(("views", "page_id")),
    )


# --- Campaigns -------------------------------------------------------------------------


def test_week_archive_and_week_pages(fuzz_client: Client) -> None:
    # The archive and the week page read no parameters; whatever is sent must be ignored.
    run_fuzz(
        get_and_check(fuzz_client),
        path=paths(b"/weeks/", b"/en/weeks/", b"/weeks/2024/", b"/weeks/2023/"),
        query=query_strings(("year", "page", "region", "sort")),
    )


def test_learning_star_listing(fuzz_client: Client) -> None:
    def check(query: str) -> None:
        path = b"/weeks/2024/learning-stars/"
        check_common(send(fuzz_client, "GET", path, query), path, query)

    run_fuzz(
        check,
        query=query_strings(
            ("region", "category", "page"),
            {
                "region": REGION_SLUGS,
                "category": ("senior", "rural", "youth", "nope"),
                "page": ("1", "2"),
            },
        ),
    )


def test_gallery_photo_pages(fuzz_client: Client) -> None:
    number = st.one_of(
        st.integers(min_value=-5, max_value=10).map(lambda n: str(n).encode()),
        numberish().map(lambda text: encode(text, "percent")),
        path_segments(max_size=1),
    )

    def check(photo: bytes, query: str) -> None:
        path = b"/weeks/2024/photos/photo/" + photo + b"/"
        check_common(send(fuzz_client, "GET", path, query), path, query)

    run_fuzz(check, photo=number, query=query_strings(("page", "photo")))


# --- Sitemap, shared drafts, anything else ---------------------------------------------


def test_sitemap(fuzz_client: Client) -> None:
    def check(query: str) -> None:
        response = send(fuzz_client, "GET", b"/sitemap.xml", query)
        body = check_common(response, b"/sitemap.xml", query)
        if response.status_code == 200:
            ElementTree.fromstring(body)

    run_fuzz(check, query=query_strings(("p", "p", "section"), {"p": ("1", "2", "0", "-1")}))


def test_shared_draft_preview(fuzz_client: Client, content: Content) -> None:
    tokens = st.one_of(
        # The token's own shape (looked up in the database) and anything else.
        st.text(
            st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"),
            min_size=1,
            max_size=80,
        ).map(str.encode),
        st.just(content.share_token.encode()),
        st.just(content.share_token.encode()).map(lambda token: token[:-1]),
        hostile_text(surrogates=True).map(lambda text: encode(text, "percent")),
        path_segments(max_size=1),
    )

    def check(method: str, token: bytes, query: str) -> None:
        path = b"/preview/" + token + b"/"
        check_common(send(fuzz_client, method, path, query), path, query)

    run_fuzz(
        check,
        method=st.sampled_from(("GET", "GET", "GET", "HEAD", "POST")),
        token=tokens,
        query=query_strings(("token", "page", "preview_mode", "q")),
    )


def test_arbitrary_paths(fuzz_client: Client) -> None:
    prefixes = paths(
        b"/",
        b"/en/",
        b"/news/",
        b"/en/news/",
        b"/weeks/2024/",
        b"/search/",
        b"/api/",
        b"/zh-hans/",
        b"//",
        b"/documents/",
        b"/preview/",
    )

    def check(method: str, prefix: bytes, rest: bytes, slash: bool, query: str) -> None:
        path = prefix + rest + (b"/" if slash else b"")
        check_common(send(fuzz_client, method, path, query), path, query)

    run_fuzz(
        check,
        method=st.sampled_from(("GET", "GET", "GET", "HEAD")),
        prefix=prefixes,
        rest=path_segments(),
        slash=st.booleans(),
        query=query_strings(("q", "page", "year", "p")),
    )
