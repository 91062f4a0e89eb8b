"""The editorial roles as Django groups, and the page permissions of each.

`manage.py setup_roles` (run by `load_demo` too) creates or refreshes them; it
can run any number of times. Permissions follow sections of the page tree, so
an editor's reach is the subtree of the section they write for:

| group                     | where                               | may                                  |
|---------------------------|-------------------------------------|--------------------------------------|
| 宣传编辑（新闻发布）       | the Chinese news section            | add, edit, submit for review         |
| 宣传编辑（通知公告）       | the Chinese notices section         | add, edit, submit for review         |
| 宣传编辑（历届活动周）     | the Chinese campaign archive        | add, edit, submit for review         |
| 宣传编辑（<province>）     | that province's sections, every week| edit, submit for review              |
| 审核员                     | the whole site, both languages      | edit, approve or reject; 热门搜索    |
| 译员                       | the English tree                    | add, edit, submit for review         |
| 英文审核员                 | the English tree                    | edit, approve or reject; 热门搜索    |
| 站点管理员                 | everything                          | every permission                     |

Nobody but the site administrators holds "publish": the only way to the
public site is the review workflow (see workflow.py), whose approval
publishes the approved version on the workflow's authority. Reviewers do not
need the permission to approve, and holding it would let them publish their
own edits directly; four_eyes.py refuses direct publishing to anyone but site
administrators even if a group is given the permission by hand. Withdrawing a
live page (unpublish), cancelling a schedule and view restrictions are
therefore administrators' actions too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Locale, Page

from lifelong_site.i18n import SOURCE_LANGUAGE, TRANSLATION_LANGUAGE
from lifelong_site.models import Region
from lifelong_site.page_declarations import RegionEditors, SectionEditors, models_declaring

NEWS_EDITORS = "宣传编辑（新闻发布）"
NOTICE_EDITORS = "宣传编辑（通知公告）"
CAMPAIGN_EDITORS = "宣传编辑（历届活动周）"
REVIEWERS = "审核员"
TRANSLATORS = "译员"
ENGLISH_REVIEWERS = "英文审核员"
SITE_ADMINISTRATORS = "站点管理员"
PROVINCIAL_EDITORS_PREFIX = "宣传编辑"


WRITE = ("add", "change")
REVIEW = ("change", "lock", "unlock")
# Earlier releases gave reviewers "publish"; setup_roles takes it back.
REVOKED_FROM_REVIEWERS = ("publish",)
EVERYTHING = ("add", "change", "publish", "bulk_delete", "lock", "unlock")
MEDIA_WRITE = {
    "wagtailimages": ("add_image", "choose_image"),
    "wagtaildocs": ("add_document", "choose_document"),
}

# Human-readable names of the roles for the admin and the docs.
ROLE_DESCRIPTIONS = {
    NEWS_EDITORS: _("撰写和修改新闻发布栏目的新闻稿，提交审核"),
    NOTICE_EDITORS: _("撰写和修改通知公告，提交审核"),
    CAMPAIGN_EDITORS: _("维护历届活动周、图集、学习之星和品牌项目，提交审核"),
    REVIEWERS: _("审核、批准或退回（批准即发布所审版本）"),
    TRANSLATORS: _("创建和修改英文译文，提交审核"),
    ENGLISH_REVIEWERS: _("审核、批准或退回英文译文（批准即发布所审版本）"),
    SITE_ADMINISTRATORS: _("全部权限"),
}


def provincial_group_name(region_name: str) -> str:
    return f"{PROVINCIAL_EDITORS_PREFIX}（{region_name}）"


@dataclass
class Sections:
    """The pages the groups are anchored on (None until created): each
    section editors' group on the first page, in the source language, of the
    page type that declares it (`declarations.editors`), and the homes."""

    by_group: dict[str, Page | None]
    english_home: Page | None
    homes: list[Page]

    @property
    def source_homes(self) -> list[Page]:
        return [
            home
            for home in self.homes
            if home is not self.english_home and home.pk != getattr(self.english_home, "pk", None)
        ]

    @property
    def english_homes(self) -> list[Page]:
        return [self.english_home] if self.english_home is not None else []


def find_sections() -> Sections:
    source = Locale.objects.filter(language_code=SOURCE_LANGUAGE).first()
    english = Locale.objects.filter(language_code=TRANSLATION_LANGUAGE).first()
    homes = list(Page.objects.filter(depth=2).order_by("path"))
    by_group: dict[str, Page | None] = {}
    for model in models_declaring(lambda declared: isinstance(declared.editors, SectionEditors)):
        first = model.objects.filter(locale=source).order_by("path").first() if source else None
        by_group[model.declarations.editors.group] = first
    english_home = next((home for home in homes if english and home.locale_id == english.pk), None)
    return Sections(by_group, english_home, homes)


def regional_sections() -> Iterable[Page]:
    """Every page that belongs to its region's editors (`REGION_EDITORS`)."""
    for model in models_declaring(lambda declared: isinstance(declared.editors, RegionEditors)):
        yield from model.objects.select_related("region", "locale")


def page_permission(action: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{action}_page")


def grant_pages(group: Group, pages: Iterable[Page | None], actions: Iterable[str]) -> None:
    for page in pages:
        if page is None:
            continue
        for action in actions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=page_permission(action)
            )


def revoke_pages(group: Group, actions: Iterable[str]) -> None:
    GroupPagePermission.objects.filter(
        group=group, permission__in=[page_permission(action) for action in actions]
    ).delete()


def grant_translation_tools(group: Group) -> None:
    """Start and sync translations (wagtail-localize) and keep the glossary."""
    from django.contrib.contenttypes.models import ContentType

    # wagtail-localize creates this permission in a data migration, which a
    # test database flush removes: make sure it exists.
    submit, _created = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_or_create(
            app_label="wagtail_localize", model="translation"
        )[0],
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    group.permissions.add(
        submit,
        *Permission.objects.filter(
            content_type__app_label="lifelong_site", content_type__model="glossaryterm"
        ),
    )


def grant_popular_search_moderation(group: Group) -> None:
    """Reviewers decide which readers' queries are shown as 热门搜索 (search.popular)."""
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="site_search",
            codename__in=("view_popularsearch", "change_popularsearch"),
        )
    )


def grant_admin_access(group: Group) -> None:
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )


def grant_media(group: Group) -> None:
    root = Collection.get_first_root_node()
    if root is None:
        return
    for app_label, codenames in MEDIA_WRITE.items():
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            )
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


def ensure_group(name: str) -> Group:
    group, _created = Group.objects.get_or_create(name=name)
    grant_admin_access(group)
    return group


def grant_regional_section(page: Page) -> Group | None:
    """Give the province's editors their section page (called when a
    regional section is created, and by setup_roles for existing ones)."""
    region = getattr(page, "region", None)
    if region is None:
        return None
    group = ensure_group(provincial_group_name(region.name_zh))
    grant_media(group)
    # Only the Chinese source: English versions are the translators' work.
    if page.locale.language_code == SOURCE_LANGUAGE:
        grant_pages(group, [page], WRITE)
    return group


@transaction.atomic
def setup_roles() -> dict[str, Group]:
    """Create or refresh every role group and its permissions."""
    sections = find_sections()
    groups: dict[str, Group] = {}
    for name, section in sections.by_group.items():
        groups[name] = ensure_group(name)
        grant_media(groups[name])
        grant_pages(groups[name], [section], WRITE)

    groups[REVIEWERS] = ensure_group(REVIEWERS)
    grant_pages(groups[REVIEWERS], sections.homes, REVIEW)
    revoke_pages(groups[REVIEWERS], REVOKED_FROM_REVIEWERS)
    grant_popular_search_moderation(groups[REVIEWERS])
    groups[TRANSLATORS] = ensure_group(TRANSLATORS)
    grant_media(groups[TRANSLATORS])
    grant_pages(groups[TRANSLATORS], [sections.english_home], WRITE)
    grant_translation_tools(groups[TRANSLATORS])
    groups[ENGLISH_REVIEWERS] = ensure_group(ENGLISH_REVIEWERS)
    grant_media(groups[ENGLISH_REVIEWERS])
    grant_pages(groups[ENGLISH_REVIEWERS], [sections.english_home], REVIEW)
    revoke_pages(groups[ENGLISH_REVIEWERS], REVOKED_FROM_REVIEWERS)
    grant_popular_search_moderation(groups[ENGLISH_REVIEWERS])
    grant_translation_tools(groups[ENGLISH_REVIEWERS])

    groups[SITE_ADMINISTRATORS] = ensure_group(SITE_ADMINISTRATORS)
    groups[SITE_ADMINISTRATORS].permissions.add(*Permission.objects.all())
    grant_pages(groups[SITE_ADMINISTRATORS], [Page.get_first_root_node()], EVERYTHING)
    for app_label in MEDIA_WRITE:
        for permission in Permission.objects.filter(content_type__app_label=app_label):
            root = Collection.get_first_root_node()
            if root is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[SITE_ADMINISTRATORS], collection=root, permission=permission
                )

    for region in Region.objects.order_by("sort_order", "code"):
        name = provincial_group_name(region.name_zh)
        groups[name] = ensure_group(name)
    for section in regional_sections():
        grant_regional_section(section)
    return groups
