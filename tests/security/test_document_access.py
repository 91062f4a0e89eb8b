"""Who may download a document (docs/uploads.md, "Downloads"): nothing is
public before the page that uses it is.

- The public gets a document only while a live page uses it, and only if
  that page's own view restrictions (password, sign-in, groups) let the
  request in. Documents that nothing uses are private.
- A document added in a draft of a live notice stays private until that
  draft is published: Wagtail's reference index records the saved page,
  i.e. the live version, and these tests check that it still does.
- Signed-in editors get a document through their permission on its
  collection, or when they may edit a page that uses it (previews). In a
  collection with a view restriction only those who may change the
  document get it, and only they find it in the chooser.
- The page chooser shows other sections' live pages, never their drafts.
- In development, /media/ serves image renditions only, as nginx does.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.urls import clear_url_caches, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    ReferenceIndex,
)
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from lifelong_site.security.document_access import may_download
from news.models import NoticeAnnex, NoticePage
from tests.editorial.conftest import Newsroom, built_newsroom, newsroom  # noqa: F401  (fixtures)
from tests.factories.news import (
    NoticeIndexPageFactory,
    NoticePageFactory,
    SiteDocumentFactory,
    add_annex,
    add_issuers,
)
from tests.factories.site import UserFactory

pytestmark = pytest.mark.django_db

PDF_START = b"%PDF"


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


def sign_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def status(client: Client, document) -> int:
    response = client.get(document.url)
    if response.status_code == 200:
        assert b"".join(response.streaming_content).startswith(PDF_START)
    else:
        assert "Content-Disposition" not in response
    return response.status_code


def fresh(page: Page) -> Page:
    return Page.objects.get(pk=page.pk).specific


def live_notice_with_annex(newsroom: Newsroom, document, **fields) -> NoticePage:
    notice = NoticePageFactory(parent=newsroom.pages["notices"], **fields)
    add_issuers(notice, "moe-general-office")
    add_annex(notice, "各地活动安排", 0, document=document)
    fresh(notice).save_revision().publish()
    return fresh(notice)


@pytest.fixture
def private_collection(newsroom) -> Collection:
    """Like the demo's 内部文件: only signed-in users pass Wagtail's check."""
    collection = Collection.get_first_root_node().add_child(name="内部文件（仅登录可见）")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


# --- The public ------------------------------------------------------------------


def test_a_document_nothing_uses_is_private(client, newsroom, media_root):
    document = SiteDocumentFactory(title="刚上传、尚未使用的附件")
    assert status(client, document) == 404  # ids are sequential: it would be found by counting


def test_annex_of_a_draft_is_public_from_publication_until_unpublication(
    client, newsroom, media_root
):
    notice = NoticePageFactory(parent=newsroom.pages["notices"], live=False)
    document = SiteDocumentFactory(title="禁发期内的附件")
    add_annex(notice, "附件一", 0, document=document)
    assert status(client, document) == 404

    fresh(notice).save_revision().publish()  # the reviewer's approval; nobody touches the document
    response = client.get(document.url)
    assert response.status_code == 200
    # Never kept by a shared cache: unpublishing must take it away at once.
    assert response["Cache-Control"] == "private, no-cache"

    fresh(notice).unpublish()
    assert status(client, document) == 404


def test_annex_is_revoked_when_its_page_is_deleted(client, newsroom, media_root):
    document = SiteDocumentFactory()
    notice = live_notice_with_annex(newsroom, document)
    assert status(client, document) == 200
    notice.delete()
    assert status(client, document) == 404


def test_annex_is_revoked_when_its_page_moves_under_a_sign_in_section(client, newsroom, media_root):
    document = SiteDocumentFactory()
    notice = live_notice_with_annex(newsroom, document)
    home = newsroom.pages["notices"].get_parent()
    restricted = NoticeIndexPageFactory(parent=home, title="内部通知", slug="internal")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    assert status(client, document) == 200
    notice.move(restricted, pos="last-child")
    assert status(client, document) == 404
    assert status(sign_in(UserFactory(username="reader")), document) == 200


def test_new_annex_in_a_draft_of_a_live_notice_waits_for_its_publication(newsroom, media_root):
    """The editor adds 附件2 to a live notice and saves a draft, through the
    admin's own edit view: 附件1 stays public, 附件2 stays private until the
    reviewer publishes that draft."""
    first = SiteDocumentFactory(title="附件1 各地活动安排")
    second = SiteDocumentFactory(title="附件2 禁发期内的名单")
    notice = live_notice_with_annex(newsroom, first)
    annex = notice.annexes.get()
    issuer = notice.issuers.get()
    editor = sign_in(newsroom.users["notice_editor"])
    data = {
        "title": notice.title,
        "slug": notice.slug,
        "index_number": notice.index_number,
        "document_number": notice.document_number,
        "published_at": "2024-04-08 10:00:00",
        "subject_category": "education",
        "disclosure": "proactive",
        "summary": notice.summary,
        "body": streamfield([("paragraph", rich_text("<p>正文</p>"))]),
        "issuers": inline_formset(
            [{"id": str(issuer.pk), "organisation": str(issuer.organisation_id)}], initial=1
        ),
        "annexes": inline_formset(
            [
                {
                    "id": str(annex.pk),
                    "title": annex.title,
                    "reference_number": "",
                    "document": str(first.pk),
                    "html": streamfield([]),
                },
                {
                    "title": "禁发期内的名单",
                    "reference_number": "",
                    "document": str(second.pk),
                    "html": streamfield([]),
                },
            ],
            initial=1,
        ),
        "contacts": inline_formset([]),
        "change_notes": inline_formset([]),
        "tags": "",
    }
    response = editor.post(
        reverse("wagtailadmin_pages:edit", args=[notice.pk]), nested_form_data(data)
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    notice = fresh(notice)
    assert notice.live and notice.has_unpublished_changes
    assert [a.document_id for a in notice.get_latest_revision_as_object().annexes.all()] == [
        first.pk,
        second.pk,
    ]
    # What Wagtail indexed is the live notice: the draft's annex is not in it.
    assert not ReferenceIndex.get_references_to(second).exists()
    assert list(NoticeAnnex.objects.filter(page=notice).values_list("document_id", flat=True)) == [
        first.pk
    ]

    public = Client()
    assert status(public, first) == 200
    assert status(public, second) == 404

    notice.get_latest_revision().publish()
    assert status(public, second) == 200


def test_annex_of_a_password_protected_page_needs_that_pages_password(client, newsroom, media_root):
    document = SiteDocumentFactory()
    notice = live_notice_with_annex(newsroom, document)
    restriction = PageViewRestriction.objects.create(
        page=notice, restriction_type=PageViewRestriction.PASSWORD, password="kaimu-2024"
    )
    assert status(client, document) == 404

    response = client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, notice.pk]),
        {"password": "kaimu-2024", "return_url": notice.url},
    )
    assert response.status_code == 302
    assert status(client, document) == 200


def test_annex_of_a_sign_in_page_is_for_signed_in_readers(client, newsroom, media_root):
    document = SiteDocumentFactory()
    live_notice_with_annex(newsroom, document)
    # On the listing above the notice: it covers the notice too.
    PageViewRestriction.objects.create(
        page=newsroom.pages["notices"], restriction_type=PageViewRestriction.LOGIN
    )
    assert status(client, document) == 404
    assert status(sign_in(UserFactory(username="reader")), document) == 200


def test_a_document_used_by_a_public_and_a_restricted_page_is_public(client, newsroom, media_root):
    document = SiteDocumentFactory()
    restricted = live_notice_with_annex(newsroom, document)
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    assert status(client, document) == 404
    live_notice_with_annex(newsroom, document)
    assert status(client, document) == 200


# --- Editors ------------------------------------------------------------------------


def test_editors_preview_the_annexes_of_drafts(newsroom, media_root):
    """Section editors through their document permission (every collection
    but private ones), reviewers (no document permission at all) because
    they may edit the page, whether the annex came with the first draft or
    with a later one."""
    notice = NoticePageFactory(parent=newsroom.pages["notices"], live=False)
    document = SiteDocumentFactory()
    add_annex(notice, "附件一", 0, document=document)
    later = SiteDocumentFactory(title="后来加入的附件")
    draft = fresh(notice)
    draft.annexes.add(
        NoticeAnnex(title="附件二", sort_order=1, document=later, locale=draft.locale)
    )
    draft.save_revision()
    assert not ReferenceIndex.get_references_to(later).exists()

    for role in ("notice_editor", "liaoning_editor", "reviewer", "administrator"):
        assert status(sign_in(newsroom.users[role]), document) == 200, role
        assert status(sign_in(newsroom.users[role]), later) == 200, role
    # Signed in without admin access is the public.
    assert status(sign_in(UserFactory(username="reader")), document) == 404
    assert status(sign_in(UserFactory(username="reader")), later) == 404


def test_a_document_linked_in_a_draft_of_a_live_release_waits_for_it(newsroom, media_root):
    release = fresh(newsroom.pages["release"])
    release.save_revision().publish()
    document = SiteDocumentFactory(title="获奖名单")
    draft = fresh(release)
    link = f'<p>详见<a linktype="document" id="{document.pk}">获奖名单</a>。</p>'
    draft.body = [("paragraph", RichText(link))]
    draft.save_revision()
    assert status(Client(), document) == 404
    assert (
        status(sign_in(newsroom.users["reviewer"]), document) == 200
    )  # previewing before approval
    assert (
        status(sign_in(newsroom.users["english_reviewer"]), document) == 200
    )  # through the document permission
    fresh(release).get_latest_revision().publish()
    assert status(Client(), document) == 200


def test_an_editor_between_password_and_code_is_the_public(newsroom, media_root):
    """The admin holds a user with an authenticator at the code page; so do downloads."""
    notice = NoticePageFactory(parent=newsroom.pages["notices"], live=False)
    document = SiteDocumentFactory()
    add_annex(notice, "附件一", 0, document=document)
    editor = newsroom.users["notice_editor"]
    TOTPDevice.objects.create(user=editor, name="authenticator", confirmed=True)
    assert status(sign_in(editor), document) == 404


def test_a_private_collection_is_for_those_who_may_change_its_documents(
    newsroom, media_root, private_collection
):
    document = SiteDocumentFactory(
        title="工作人员名单（内部）",
        collection=private_collection,
        uploaded_by_user=newsroom.users["administrator"],
    )
    # Wagtail's own check first: anonymous readers are asked to sign in.
    response = Client().get(document.url)
    assert response.status_code == 302 and "Content-Disposition" not in response
    # Add/choose on the root collection is not enough here.
    for role in ("liaoning_editor", "notice_editor", "reviewer"):
        assert status(sign_in(newsroom.users[role]), document) == 404, role
    assert status(sign_in(newsroom.users["administrator"]), document) == 200
    # Nor is editing a page that uses it, not even a live one...
    notice = NoticePageFactory(parent=newsroom.pages["notices"], live=False)
    add_annex(notice, "附件一", 0, document=document)
    assert status(sign_in(newsroom.users["notice_editor"]), document) == 404
    # ...until it is published: then the collection's rule (signed in) is all that is asked.
    fresh(notice).save_revision().publish()
    assert status(sign_in(newsroom.users["liaoning_editor"]), document) == 200


def test_the_document_chooser_hides_private_collections_from_editors(
    newsroom, media_root, private_collection
):
    SiteDocumentFactory(
        title="工作人员名单（内部）",
        collection=private_collection,
        uploaded_by_user=newsroom.users["administrator"],
    )
    SiteDocumentFactory(title="各地活动安排表")

    def listed(role: str) -> str:
        response = sign_in(newsroom.users[role]).get(reverse("wagtaildocs_chooser:choose"))
        assert response.status_code == 200
        return json.loads(response.content)["html"]

    for role in ("liaoning_editor", "notice_editor", "translator"):
        html = listed(role)
        assert "各地活动安排表" in html, role
        assert "工作人员名单（内部）" not in html, role
    assert "工作人员名单（内部）" in listed("administrator")
    # The results view (search, filters, pages) goes through the same hook.
    editor = sign_in(newsroom.users["liaoning_editor"])
    response = editor.get(reverse("wagtaildocs_chooser:choose_results"), {"q": "名单"})
    assert "工作人员名单（内部）" not in response.content.decode()


def test_the_chosen_step_does_not_tell_a_private_documents_title_by_id(
    newsroom, media_root, private_collection
):
    """Wagtail answers /admin/documents/chooser/chosen/<id>/ for any id the
    user may choose: counting up ids read a restricted collection's titles."""
    private = SiteDocumentFactory(
        title="工作人员名单（内部）",
        collection=private_collection,
        uploaded_by_user=newsroom.users["administrator"],
    )
    public = SiteDocumentFactory(title="各地活动安排表")
    editor = sign_in(newsroom.users["liaoning_editor"])

    def chosen_title(client, document) -> str | None:
        response = client.get(reverse("wagtaildocs_chooser:chosen", args=[document.pk]))
        return (
            json.loads(response.content)["result"]["title"] if response.status_code == 200 else None
        )

    assert chosen_title(editor, private) is None
    assert chosen_title(editor, public) == "各地活动安排表"
    assert chosen_title(sign_in(newsroom.users["administrator"]), private) == "工作人员名单（内部）"


def test_the_page_chooser_hides_other_sections_drafts(newsroom):
    pages, users = newsroom.pages, newsroom.users
    NoticePageFactory(parent=pages["notices"], live=False, title="禁发期内的通知标题")
    live = NoticePageFactory(parent=pages["notices"], title="已发布的通知标题")
    fresh(pages["liaoning"]).unpublish()
    fresh(pages["sichuan"]).unpublish()
    editor = sign_in(users["liaoning_editor"])

    def browse(client: Client, parent: Page) -> str:
        response = client.get(reverse("wagtailadmin_choose_page_child", args=[parent.pk]))
        assert response.status_code == 200
        return json.loads(response.content)["html"]

    html = browse(editor, pages["notices"])
    assert live.title in html
    assert "禁发期内的通知标题" not in html
    html = browse(editor, pages["week"])
    assert pages["liaoning"].title in html  # a draft they may edit
    assert pages["sichuan"].title not in html  # another province's draft

    def search(client: Client, words: str) -> str:
        return client.get(reverse("wagtailadmin_choose_page_search"), {"q": words}).content.decode()

    assert live.title in search(editor, "已发布")
    assert "禁发期内的通知标题" not in search(editor, "禁发期")
    # Whoever may edit the draft still finds it.
    notice_editor = sign_in(users["notice_editor"])
    assert "禁发期内的通知标题" in browse(notice_editor, pages["notices"])
    assert "禁发期内的通知标题" in search(notice_editor, "禁发期")
    assert "禁发期内的通知标题" in browse(sign_in(users["reviewer"]), pages["notices"])


def test_the_admin_shows_a_live_pages_draft_title_only_to_those_who_may_edit_it(newsroom):
    """A correction waiting for its minute renames a live notice: the new
    title is news. The chooser showed it to every editor."""
    pages, users = newsroom.pages, newsroom.users
    notice = NoticePageFactory(parent=pages["notices"], title="关于举办活动周的通知")
    draft = fresh(notice)
    draft.title = "关于推迟举办活动周的通知（禁发期内）"
    draft.save_revision(user=users["notice_editor"])

    def listed(client: Client) -> str:
        response = client.get(reverse("wagtailadmin_choose_page_child", args=[pages["notices"].pk]))
        return json.loads(response.content)["html"]

    outsider = listed(sign_in(users["liaoning_editor"]))
    assert "关于举办活动周的通知" in outsider and "推迟" not in outsider
    searched = sign_in(users["liaoning_editor"]).get(
        reverse("wagtailadmin_choose_page_search"), {"q": "活动周的通知"}
    )
    assert "推迟" not in searched.content.decode()
    assert "推迟" in listed(sign_in(users["notice_editor"]))


# --- Cost ---------------------------------------------------------------------------------


def test_serving_a_document_costs_a_handful_of_queries(
    newsroom, media_root, django_assert_max_num_queries
):
    document = SiteDocumentFactory()
    live_notice_with_annex(newsroom, document)
    public = Client()
    assert public.get(document.url).status_code == 200  # warm caches (content types, site)
    # The document, Wagtail's collection check (2), the references, the
    # live pages, their ancestors and their view restrictions.
    with django_assert_max_num_queries(7):
        assert public.get(document.url).status_code == 200

    draft = NoticePageFactory(parent=newsroom.pages["notices"], live=False)
    unpublished = SiteDocumentFactory()
    add_annex(draft, "附件一", 0, document=unpublished)
    request = RequestFactory().get(unpublished.url)
    request.user = AnonymousUser()
    with django_assert_max_num_queries(
        2
    ):  # the references, the live pages among them (the 404 page is extra)
        assert not may_download(unpublished, request)
    # Editors, besides the above: their session and user, the second-factor
    # check (two_factor.middleware: 2), admin access (2), the collection's
    # restriction, their collection permissions; reviewers hold none and
    # are looked up as page editors (2 more).
    editor, reviewer = sign_in(newsroom.users["notice_editor"]), sign_in(newsroom.users["reviewer"])
    with django_assert_max_num_queries(13):
        assert editor.get(unpublished.url).status_code == 200
    with django_assert_max_num_queries(15):
        assert reviewer.get(unpublished.url).status_code == 200


# --- Development server -------------------------------------------------------------


@pytest.fixture
def development_urls(settings, media_root):
    """The URL map as `make run` builds it (DEBUG)."""
    from lifelong_site import urls

    settings.DEBUG = True
    importlib.reload(urls)
    clear_url_caches()
    yield media_root
    settings.DEBUG = False
    importlib.reload(urls)
    clear_url_caches()


def test_development_server_serves_renditions_only(client, site_tree, development_urls):
    media_root = development_urls
    for name in (
        "documents/x.pdf",
        "original_images/x.jpg",
        "images/x.max-800x600.jpg",
        "wagtail_uploads/x.pdf",
    ):
        (media_root / name).parent.mkdir(parents=True, exist_ok=True)
        (media_root / name).write_bytes(
            b"%PDF-1.4 private" if name.endswith(".pdf") else b"\xff\xd8\xff rendition"
        )
    assert client.get("/media/documents/x.pdf").status_code == 404
    assert client.get("/media/original_images/x.jpg").status_code == 404
    assert client.get("/media/wagtail_uploads/x.pdf").status_code == 404
    assert client.get("/media/images/../documents/x.pdf").status_code in (400, 404)
    response = client.get("/media/images/x.max-800x600.jpg")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8\xff")
