"""An article's neighbours, related items and language versions are kept per
generation ({% page_fragment %}, navigation.live_translations): read once
after a publication, not on every uncached view; the next publication shows
its effect at once; a preview never reads or fills what the public sees."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import PressReleasePage, RelatedPage
from tests.factories.news import PressReleasePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_on")]


def view(client, url: str, **headers: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def related_section(html: str) -> str:
    return (
        html.split('<aside class="related"', 1)[1].split("</aside>", 1)[0]
        if ('<aside class="related"' in html)
        else ""
    )


def dated(parent, title: str, day: int) -> PressReleasePage:
    page = PressReleasePageFactory(
        parent=parent,
        title=title,
        published_at=timezone.make_aware(dt.datetime(2024, 5, day, 9, 0)),
    )
    page.tags.add("社区教育")
    page.save_revision().publish()
    return PressReleasePage.objects.get(pk=page.pk)


def test_neighbours_and_related_items_are_read_once_then_follow_the_next_publication(
    client, news_tree
):
    older = dated(news_tree.news, "五月一日的新闻", 1)
    article = dated(news_tree.news, "五月三日的新闻", 3)
    first, html = view(client, article.url)
    assert older.title in html
    second, _html = view(client, article.url)
    # Neighbours (2), related items (1), language versions (1).
    assert second <= first - 4, (first, second)

    newer = dated(news_tree.news, "五月五日的新闻", 5)
    _count, html = view(client, article.url)
    around = html.split('class="prev-next"', 1)[1]
    assert f'href="{newer.url}" rel="prev"' in around  # the new generation's neighbour


def test_a_preview_with_a_draft_related_link_does_not_reach_the_public_page(
    client, news_tree, django_user_model
):
    article = dated(news_tree.news, "开幕式新闻", 3)
    unrelated = PressReleasePageFactory(parent=news_tree.news, title="另一个栏目的稿件")
    unrelated.save_revision().publish()

    draft = PressReleasePage.objects.get(pk=article.pk)
    draft.related_links = [RelatedPage(page=unrelated)]
    draft.save_revision()  # a draft: the link is not published
    preview = draft.make_preview_request().content.decode()
    assert unrelated.title in related_section(preview)

    # The public request on the host the preview was made for (the Site's).
    site = article.get_site()
    host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
    _count, public_html = view(client, article.url, HTTP_HOST=host)
    assert unrelated.title not in related_section(public_html)
    # …and the public fragment, now filled, is not what the next preview shows.
    assert unrelated.title in related_section(draft.make_preview_request().content.decode())


def statements(client, url: str) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response.status_code, [query["sql"] for query in captured.captured_queries]


def test_a_path_that_is_a_page_is_found_by_its_id_until_the_tree_changes(client, news_tree):
    article = dated(news_tree.news, "五月三日的新闻", 3)
    status, first = statements(client, article.url)
    assert status == 200 and any('"url_path" IN' in sql for sql in first)
    status, second = statements(client, article.url)
    assert status == 200 and not any('"url_path" IN' in sql for sql in second)

    old_url = article.url
    article.slug = "renamed"
    article.save_revision().publish()  # a new generation: the old path is looked up again
    assert statements(client, old_url)[0] == 404
    assert statements(client, PressReleasePage.objects.get(pk=article.pk).url)[0] == 200
    article.refresh_from_db()
    article.unpublish()
    assert statements(client, article.url)[0] == 404


def test_paths_that_are_not_pages_are_not_remembered(client, news_tree):
    from django.core.cache import caches

    def remembered() -> list[str]:
        return [key for key in caches["pages"]._cache if ":route:" in str(key)]

    for n in range(5):
        assert client.get(f"{news_tree.news.url}no-such-page-{n}/").status_code == 404
    assert remembered() == []
    assert client.get(news_tree.news.url).status_code == 200
    assert len(remembered()) == 1


def test_the_home_page_is_rendered_once_per_generation_and_day(client, news_tree, monkeypatch):
    from campaigns.templatetags import home_campaign_tags

    dated(news_tree.news, "五月一日的新闻", 1)
    home = news_tree.news.get_parent().specific
    view(client, news_tree.news.url)  # the chrome shared by every page, kept
    first, html = view(client, home.url)
    assert "五月一日的新闻" in html
    again, html_again = view(client, home.url)
    assert again < first and html_again == html, (first, again)

    # The next publication shows at once.
    dated(news_tree.news, "五月九日的新闻", 9)
    _count, html = view(client, home.url)
    assert "五月九日的新闻" in html

    # So does the next day (the week's banner says upcoming, running, ended).
    same_day, _html = view(client, home.url)
    tomorrow = home_campaign_tags.today() + dt.timedelta(days=1)
    monkeypatch.setattr(home_campaign_tags, "today", lambda: tomorrow)
    next_day, _html = view(client, home.url)
    assert next_day > same_day, (same_day, next_day)


def test_the_untranslated_notice_is_not_kept_with_the_home_page(client, news_tree):
    home = news_tree.news.get_parent().specific
    view(client, home.url)  # the fragment is filled without the notice
    _count, html = view(client, home.url + "?untranslated=1")
    assert 'data-notice="untranslated"' in html
    _count, html = view(client, home.url)
    assert 'data-notice="untranslated"' not in html


def test_the_listing_filter_form_is_kept_per_set_of_filters_and_generation(client, news_tree):
    dated(news_tree.news, "五月一日的新闻", 1)
    url = news_tree.news.url
    _count, plain = view(client, url)
    _count, chosen = view(client, url + "?year=2024")
    assert 'value="2024" selected' in chosen and 'value="2024" selected' not in plain
    _count, plain_again = view(client, url)
    assert 'value="2024" selected' not in plain_again

    # A release of another year adds that year to the form at once.
    page = PressReleasePageFactory(
        parent=news_tree.news,
        title="二〇一九年的新闻",
        published_at=timezone.make_aware(dt.datetime(2019, 5, 1, 9, 0)),
    )
    page.save_revision().publish()
    _count, html = view(client, url)
    assert '<option value="2019"' in html
