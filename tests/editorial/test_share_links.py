"""Draft share links: the public preview, its refusals, and the admin screen."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from wagtail.admin.ui.menus.pages import get_page_header_buttons
from wagtail.log_actions import registry as log_registry
from wagtail.models import GroupPagePermission, Page, PageLogEntry

from lifelong_site.editorial.models import SHARE_LINK_MAX_DAYS, DraftShareLink
from lifelong_site.editorial.sharing import (
    CREATED_ACTION,
    REVOKED_ACTION,
    create_share_link,
    record_view,
    revoke_share_link,
)
from news.models import PressReleasePage
from tests.factories.news import NewsIndexPageFactory, PressReleasePageFactory
from tests.factories.site import SuperuserFactory, UserFactory

pytestmark = pytest.mark.django_db

LIVE_SUBTITLE = "正式发布的副标题"
DRAFT_SUBTITLE = "仍在修改的草稿副标题"
# 01:00 UTC is 09:00 in Beijing: a server zone mistake shows in the banner.
CREATED_AT = dt.datetime(2024, 4, 27, 1, 0, tzinfo=dt.UTC)


def preview_url(token: str) -> str:
    return reverse("editorial_share_preview", args=[token])


def share_screen_url(page: Page) -> str:
    return reverse("editorial_share_links", args=[page.pk])


def revoke_url(link: DraftShareLink) -> str:
    return reverse("editorial_share_revoke", args=[link.page_id, link.pk])


def with_draft(page: PressReleasePage, subtitle: str = DRAFT_SUBTITLE) -> PressReleasePage:
    """Save a newer, unpublished revision; the database row keeps the live text."""
    page.subtitle = subtitle
    page.save_revision()
    return page


@pytest.fixture
def news_index(site_tree):
    return NewsIndexPageFactory(parent=site_tree.home_zh)


@pytest.fixture
def release(news_index) -> PressReleasePage:
    page = PressReleasePageFactory(parent=news_index, subtitle=LIVE_SUBTITLE)
    page.save_revision().publish()
    return with_draft(page)


@pytest.fixture
def editor_in_chief(db):
    return SuperuserFactory(username="editor-in-chief")


@pytest.fixture
def link(release, editor_in_chief) -> DraftShareLink:
    with time_machine.travel(CREATED_AT, tick=False):
        return create_share_link(release, editor_in_chief, days=3)


def assert_refused(response) -> None:
    """Wagtail's answer to a missing permission: back to the dashboard, with a message."""
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def admin_user_with_page_rights(username: str, page: Page | None, codename: str = "change_page"):
    """A user who may enter the admin, with `codename` on `page`'s subtree (or no page rights)."""
    user = UserFactory(username=username)
    group = Group.objects.create(name=f"{username}-group")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    if page is not None:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.create(group=group, page=page, permission=permission)
    user.groups.add(group)
    return user


# --- The public preview ---------------------------------------------------------------


def test_the_link_shows_the_draft_while_the_public_address_shows_the_live_text(
    client, release, link
):
    with time_machine.travel(CREATED_AT + dt.timedelta(hours=1), tick=False):
        shared = client.get(preview_url(link.token))
    assert shared.status_code == 200
    shared_html = shared.content.decode()
    assert DRAFT_SUBTITLE in shared_html
    assert LIVE_SUBTITLE not in shared_html

    public_html = client.get(release.url).content.decode()
    assert LIVE_SUBTITLE in public_html
    assert DRAFT_SUBTITLE not in public_html


def test_a_page_never_published_can_be_shared(client, news_index, editor_in_chief):
    page = PressReleasePageFactory(parent=news_index, live=False, subtitle=DRAFT_SUBTITLE)
    page.save_revision()
    shared_link = create_share_link(page, editor_in_chief, days=1)
    assert client.get(page.url).status_code == 404
    response = client.get(preview_url(shared_link.token))
    assert response.status_code == 200
    assert DRAFT_SUBTITLE in response.content.decode()


def test_the_banner_opens_the_body_and_gives_the_expiry_in_beijing_time(client, link):
    with time_machine.travel(CREATED_AT, tick=False):
        html = client.get(preview_url(link.token)).content.decode()
    banner_at = html.index('class="draft-share-banner"')
    assert html.index("<body") < banner_at < html.index('class="skip-link"')
    banner = html[banner_at : html.index("</aside>", banner_at)]
    assert "草稿预览" in banner
    assert "不是正式发布的页面" in banner
    assert "2024年4月30日 09:00" in banner
    assert "北京时间" in banner


def test_the_preview_is_kept_out_of_caches_search_engines_and_referrers(client, link):
    with time_machine.travel(CREATED_AT, tick=False):
        response = client.get(preview_url(link.token))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    # The simulated request's cookies are not passed on to the reader.
    assert not response.cookies


def test_a_shared_reading_is_not_counted_as_a_public_page_view(client, link):
    # Wagtail's preview machinery marks the request as a preview; the article
    # template then leaves out the address its script reports views to.
    with time_machine.travel(CREATED_AT, tick=False):
        html = client.get(preview_url(link.token)).content.decode()
    assert "data-view-counter" in html
    assert "data-count-url" not in html


def test_an_english_page_is_shown_in_english(client, site_tree, editor_in_chief):
    news_en = NewsIndexPageFactory(parent=site_tree.home_en, locale=site_tree.en, title="News")
    page = PressReleasePageFactory(
        parent=news_en, locale=site_tree.en, title="Opening ceremony", subtitle="Live"
    )
    page.save_revision().publish()
    with_draft(page, "Draft subtitle for review")
    shared_link = create_share_link(page, editor_in_chief, days=2)

    response = client.get(preview_url(shared_link.token), HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert response["Content-Language"] == "en"
    assert "Draft subtitle for review" in html
    assert 'class="draft-share-banner" lang="en"' in html


def test_one_second_before_expiry_the_link_works_and_one_second_after_it_is_gone(client, link):
    with time_machine.travel(link.expires_at - dt.timedelta(seconds=1), tick=False):
        assert client.get(preview_url(link.token)).status_code == 200
    with time_machine.travel(link.expires_at + dt.timedelta(seconds=1), tick=False):
        response = client.get(preview_url(link.token))
    assert response.status_code == 410
    html = response.content.decode()
    assert "链接已失效" in html
    assert "索取新的链接" in html
    assert DRAFT_SUBTITLE not in html
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_revoked_link_is_gone(client, link, editor_in_chief):
    revoke_share_link(link, editor_in_chief)
    with time_machine.travel(CREATED_AT, tick=False):
        response = client.get(preview_url(link.token))
    assert response.status_code == 410
    assert "链接已失效" in response.content.decode()
    assert DRAFT_SUBTITLE not in response.content.decode()


def test_an_unknown_token_is_not_found(client, link):
    unknown = link.token[:-1] + ("A" if link.token[-1] != "A" else "B")
    assert client.get(preview_url(unknown)).status_code == 404


# Odd addresses, checked in one test: each needs only the database, not its own site tree.
ODD_TOKENS = [
    "x" * 65,  # longer than any token
    "x" * 5000,
    "草稿预览",
    "\x00",  # PostgreSQL refuses NUL in text: must not reach the query
    "abc\x00def",
    "%",
    "' OR '1'='1",
    "\u202eevil",
    "..",
    "a b",
]


def test_odd_tokens_are_not_found_rather_than_an_error(client, link):
    answers = {
        token: client.get(f"/preview/{quote(token, safe='')}/").status_code for token in ODD_TOKENS
    }
    assert answers == dict.fromkeys(ODD_TOKENS, 404)


def test_each_reading_is_counted_but_head_requests_and_refusals_are_not(
    client, link, editor_in_chief
):
    with time_machine.travel(CREATED_AT, tick=False):
        client.get(preview_url(link.token))
        client.get(preview_url(link.token))
        client.head(preview_url(link.token))
    link.refresh_from_db()
    assert link.view_count == 2
    with time_machine.travel(link.expires_at + dt.timedelta(days=1), tick=False):
        client.get(preview_url(link.token))
    link.refresh_from_db()
    assert link.view_count == 2


def test_the_count_is_added_in_the_database_so_simultaneous_readers_are_all_counted(link):
    # Two requests that loaded the link at the same moment, both seeing 0 views:
    # counting in Python and saving would write 1 twice.
    first_reader_copy = DraftShareLink.objects.get(pk=link.pk)
    second_reader_copy = DraftShareLink.objects.get(pk=link.pk)
    record_view(first_reader_copy)
    record_view(second_reader_copy)
    link.refresh_from_db()
    assert link.view_count == 2


def test_other_methods_are_refused(client, link):
    with time_machine.travel(CREATED_AT, tick=False):
        assert client.post(preview_url(link.token)).status_code == 405


# --- The admin screen -------------------------------------------------------------------


def test_the_screen_lists_the_links_of_the_page(client, release, link, editor_in_chief):
    client.force_login(editor_in_chief)
    with time_machine.travel(CREATED_AT, tick=False):
        client.get(preview_url(link.token))
        response = client.get(share_screen_url(release))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"http://testserver/preview/{link.token}/" in html
    assert "2024-04-30 09:00" in html
    (row,) = response.context["rows"]
    assert row.link.pk == link.pk
    assert row.state == "active"
    assert row.link.view_count == 1
    assert reverse("editorial_share_revoke", args=[release.pk, link.pk]) in html


def test_creating_a_link_sets_its_expiry_and_is_audit_logged(client, release, editor_in_chief):
    client.force_login(editor_in_chief)
    with time_machine.travel(CREATED_AT, tick=False):
        response = client.post(share_screen_url(release), {"days": "5"})
    assert response.status_code == 302
    assert response["Location"] == share_screen_url(release)
    created = DraftShareLink.objects.get(page=release)
    assert created.expires_at == CREATED_AT + dt.timedelta(days=5)
    assert created.created_by == editor_in_chief
    entry = PageLogEntry.objects.get(page=release, action=CREATED_ACTION)
    assert entry.user == editor_in_chief
    assert entry.data["link_id"] == created.pk
    assert created.token not in str(entry.data)


INVALID_DURATIONS = ["0", "-1", str(SHARE_LINK_MAX_DAYS + 1), "365", "abc", "", "2.5"]


def test_a_duration_out_of_range_is_a_form_error(client, release, editor_in_chief):
    client.force_login(editor_in_chief)
    for days in INVALID_DURATIONS:
        response = client.post(share_screen_url(release), {"days": days})
        assert response.status_code == 200, days
        assert response.context["form"].errors["days"], days
        assert 'class="error-message"' in response.content.decode(), days
    assert not DraftShareLink.objects.filter(page=release).exists()
    assert not PageLogEntry.objects.filter(page=release, action=CREATED_ACTION).exists()


def test_the_longest_duration_is_accepted(client, release, editor_in_chief):
    client.force_login(editor_in_chief)
    response = client.post(share_screen_url(release), {"days": str(SHARE_LINK_MAX_DAYS)})
    assert response.status_code == 302
    assert DraftShareLink.objects.filter(page=release).count() == 1


def test_revoking_ends_the_link_and_is_audit_logged_once(client, release, link, editor_in_chief):
    client.force_login(editor_in_chief)
    response = client.post(revoke_url(link))
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked
    client.post(revoke_url(link))
    entries = PageLogEntry.objects.filter(page=release, action=REVOKED_ACTION)
    assert entries.count() == 1
    assert entries.get().user == editor_in_chief


def test_revoking_takes_a_post(client, link, editor_in_chief):
    client.force_login(editor_in_chief)
    assert client.get(revoke_url(link)).status_code == 405
    link.refresh_from_db()
    assert not link.revoked


def test_a_link_cannot_be_revoked_through_another_page(client, site_tree, link, editor_in_chief):
    client.force_login(editor_in_chief)
    other_page = site_tree.home_zh
    response = client.post(reverse("editorial_share_revoke", args=[other_page.pk, link.pk]))
    assert response.status_code == 404
    link.refresh_from_db()
    assert not link.revoked


def test_forms_need_the_csrf_token(release, link, editor_in_chief):
    strict_client = Client(enforce_csrf_checks=True)
    strict_client.force_login(editor_in_chief)
    assert strict_client.post(share_screen_url(release), {"days": "3"}).status_code == 403
    assert strict_client.post(revoke_url(link)).status_code == 403
    assert DraftShareLink.objects.filter(page=release).count() == 1
    link.refresh_from_db()
    assert not link.revoked


def test_an_editor_without_change_permission_is_refused(client, site_tree, release, link):
    # Change rights on the English tree only: the admin opens, this page does not.
    outsider = admin_user_with_page_rights("outsider", site_tree.home_en)
    client.force_login(outsider)
    assert_refused(client.get(share_screen_url(release)))
    assert_refused(client.post(share_screen_url(release), {"days": "3"}))
    assert_refused(client.post(revoke_url(link)))
    assert DraftShareLink.objects.filter(page=release).count() == 1
    link.refresh_from_db()
    assert not link.revoked


def test_an_editor_with_change_permission_on_the_section_may_share(client, news_index, release):
    section_editor = admin_user_with_page_rights("section-editor", news_index)
    client.force_login(section_editor)
    assert client.get(share_screen_url(release)).status_code == 200
    assert client.post(share_screen_url(release), {"days": "1"}).status_code == 302
    assert DraftShareLink.objects.get(page=release).created_by == section_editor


def test_visitors_without_an_admin_account_are_sent_to_log_in(client, release):
    response = client.get(share_screen_url(release))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_root_page_cannot_be_shared(client, editor_in_chief):
    client.force_login(editor_in_chief)
    assert_refused(client.get(share_screen_url(Page.get_first_root_node())))


# --- Entry points and the audit log's wording -----------------------------------------


def test_the_page_editor_offers_share_draft(client, release, editor_in_chief):
    client.force_login(editor_in_chief)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[release.pk])).content.decode()
    assert f'href="{share_screen_url(release)}"' in html
    assert "分享草稿" in html


def test_the_explorer_offers_share_draft_per_page(client, news_index, release, editor_in_chief):
    client.force_login(editor_in_chief)
    html = client.get(reverse("wagtailadmin_explore", args=[news_index.pk])).content.decode()
    assert f'href="{share_screen_url(release)}"' in html


def test_the_share_entry_is_only_offered_to_those_who_may_edit(site_tree, release):
    def share_urls(user) -> list[str]:
        buttons = get_page_header_buttons(page=release, user=user, next_url=None, view_name="edit")
        return [button.url for button in buttons if button.url == share_screen_url(release)]

    assert share_urls(admin_user_with_page_rights("may-edit", site_tree.home_zh))
    assert not share_urls(admin_user_with_page_rights("may-not-edit", site_tree.home_en))


def test_the_page_history_names_the_share_link_actions(client, release, link, editor_in_chief):
    revoke_share_link(link, editor_in_chief)
    assert str(log_registry.get_action_label(CREATED_ACTION)) == "创建草稿分享链接"
    assert str(log_registry.get_action_label(REVOKED_ACTION)) == "撤销草稿分享链接"
    client.force_login(editor_in_chief)
    html = client.get(reverse("wagtailadmin_pages:history", args=[release.pk])).content.decode()
    assert "创建了草稿分享链接，有效期至 2024-04-30 09:00" in html
    assert "撤销了草稿分享链接" in html
