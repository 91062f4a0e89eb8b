"""The permission matrix: who may add, edit and publish where."""

from __future__ import annotations

import pytest
from wagtail.models import Page

from lifelong_site.editorial.roles import setup_roles

pytestmark = pytest.mark.django_db

ENGLISH_PAGES = {"home_en", "news_en", "release_en"}
# page key → pages a role may edit. Nobody but site administrators may publish
# directly: everyone else reaches the public site through the review workflow,
# whose approval publishes (test_four_eyes.py tries every route).
EDITS = {
    "news_editor": {"news", "release"},
    "notice_editor": {"notices", "notice"},
    "campaign_editor": {"campaigns", "week", "liaoning", "sichuan"},
    "liaoning_editor": {"liaoning"},
    "sichuan_editor": {"sichuan"},
    "translator": ENGLISH_PAGES,
    "english_reviewer": ENGLISH_PAGES,
    "reviewer": "all",
    "reviewer2": "all",
    "administrator": "all",
}
# role → pages it may publish directly.
PUBLISHES = {"administrator": "all"}
PAGES = [
    "release",
    "news",
    "notice",
    "notices",
    "campaigns",
    "week",
    "liaoning",
    "sichuan",
    "home_en",
    "news_en",
    "release_en",
]


@pytest.mark.parametrize("role", list(EDITS))
def test_permission_matrix(newsroom, role):
    user = newsroom.users[role]
    allowed = set(PAGES) if EDITS[role] == "all" else EDITS[role]
    publishable = PUBLISHES.get(role, set())
    publishable = set(PAGES) if publishable == "all" else publishable
    for key in PAGES:
        permissions = Page.objects.get(pk=newsroom.pages[key].pk).permissions_for_user(user)
        assert permissions.can_edit() == (key in allowed), (role, key, "edit")
        assert permissions.can_publish() == (key in publishable), (role, key, "publish")


def test_section_editors_add_pages_only_in_their_section(newsroom):
    pages, users = newsroom.pages, newsroom.users
    assert pages["news"].permissions_for_user(users["news_editor"]).can_add_subpage()
    assert not pages["notices"].permissions_for_user(users["news_editor"]).can_add_subpage()
    assert pages["notices"].permissions_for_user(users["notice_editor"]).can_add_subpage()
    assert not pages["week"].permissions_for_user(users["liaoning_editor"]).can_add_subpage()
    assert pages["news_en"].permissions_for_user(users["translator"]).can_add_subpage()
    assert not pages["news"].permissions_for_user(users["translator"]).can_add_subpage()


def test_every_role_reaches_the_admin(newsroom):
    for user in newsroom.users.values():
        assert user.has_perm("wagtailadmin.access_admin"), user.username


def test_setup_roles_twice_changes_nothing(newsroom):
    from wagtail.models import GroupPagePermission

    before = GroupPagePermission.objects.count()
    groups = setup_roles()
    assert GroupPagePermission.objects.count() == before
    assert len({group.pk for group in groups.values()}) == len(groups)


def test_provincial_editor_cannot_reach_the_ministrys_pages_in_the_admin(newsroom, client):
    client.force_login(newsroom.users["liaoning_editor"])
    refused = client.get(f"/admin/pages/{newsroom.pages['notice'].pk}/edit/")
    assert refused.status_code in (302, 403)
    allowed = client.get(f"/admin/pages/{newsroom.pages['liaoning'].pk}/edit/")
    assert allowed.status_code == 200


def test_reviewers_moderate_popular_searches_and_editors_do_not(newsroom):
    for role in ("reviewer", "english_reviewer", "administrator"):
        assert newsroom.users[role].has_perm("site_search.change_popularsearch"), role
    for role in ("news_editor", "translator", "liaoning_editor"):
        assert not newsroom.users[role].has_perm("site_search.change_popularsearch"), role
