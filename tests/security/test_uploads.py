"""Uploads: limits, content checks, safe names, private and draft documents,
headers of served documents, and a full disk (see docs/uploads.md).

Everything goes through the real admin views and Wagtail's serve view with
real files (Pillow images made here, hand-built ZIP and OLE2 headers), into
a media folder of the test's own.
"""

from __future__ import annotations

import errno
import io
import os
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page
from wagtail.models.media import UploadedFile

from lifelong_site.security.upload_hooks import ATTACHMENT_POLICY, INLINE_POLICY
from lifelong_site.security.uploads import CONTENT_RULES, validate_document_content
from tests.factories.news import NoticePageFactory, SiteDocumentFactory, add_annex
from tests.factories.site import UserFactory

Document = get_document_model()
SiteImage = get_image_model()

MISMATCH = "文件内容与扩展名“.{}”不符，已拒绝上传。请上传原始文件，不要只修改扩展名。"
STORAGE_ERROR = "无法保存文件：服务器存储空间不足或不可写，请联系管理员。"
TEXT_MARKUP = "文本文件中含有网页、脚本或 SVG 代码，出于安全原因不能上传。"
TEXT_ENCODING = "文本文件须为 UTF-8 或 GB18030 编码的纯文本（在编辑器中“另存为 UTF-8”即可）。"
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG_IMAGE = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
OLE2 = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)


# --- Files ---------------------------------------------------------------------


def image_bytes(image_format: str, size: tuple[int, int] = (64, 48), noise: bool = False) -> bytes:
    if noise:  # incompressible, so the file is as large as its pixels
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (200, 30, 30))
    buffer = io.BytesIO()
    image.save(buffer, image_format)
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A 60-byte PNG whose header claims width x height pixels: what a
    decompression bomb looks like before it is decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(16)))
        + chunk(b"IEND", b"")
    )


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = zip_bytes(
    {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"}
)
ODS = zip_bytes(
    {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<office/>"}
)
OFD = zip_bytes({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<ofd:Document/>"})
PLAIN_ZIP = zip_bytes({"名单.csv": "地区,人数\n".encode()})


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def stored_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())


def multipart(
    fields: dict[str, str], file_field: str, filename: str, content: bytes
) -> tuple[bytes, str]:
    """A request body written by hand: the test client keeps only the base
    name of a file, and a hostile client sends whatever name it likes."""
    boundary = "----lifelong-upload-test"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{filename}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    return b"".join(
        parts
    ) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


# --- Fixtures ----------------------------------------------------------------


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def root_collection(db) -> Collection:
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


@pytest.fixture
def editor(client, admin_user, root_collection):
    client.force_login(admin_user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def add_image(editor, name: str, content: bytes, **extra: str):
    data = {
        "title": "开幕式",
        "collection": str(Collection.get_first_root_node().pk),
        "file": upload(name, content),
    }
    return editor.post(reverse("wagtailimages:add"), {**data, **extra})


def add_document(editor, name: str, content: bytes):
    data = {
        "title": "活动安排",
        "collection": str(Collection.get_first_root_node().pk),
        "language": "zh-hans",
    }
    return editor.post(reverse("wagtaildocs:add"), {**data, "file": upload(name, content)})


def form_errors(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    return response.context["form"].errors.get("file", [])


# --- Settings ------------------------------------------------------------------


def test_limits_and_accepted_types_are_configured():
    assert django_settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 20 * 1024 * 1024
    assert django_settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 50 * 1024 * 1024
    assert django_settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 60_000_000
    # Pillow's own bomb guard is on, and no looser than the site's limit.
    assert Image.MAX_IMAGE_PIXELS is not None
    assert Image.MAX_IMAGE_PIXELS <= django_settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    assert "svg" not in django_settings.WAGTAILIMAGES_EXTENSIONS
    assert "svg" not in django_settings.WAGTAILDOCS_EXTENSIONS
    assert django_settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert django_settings.WAGTAILDOCS_INLINE_CONTENT_TYPES == ["application/pdf"]


def test_every_allowed_document_extension_has_a_content_rule():
    assert set(django_settings.WAGTAILDOCS_EXTENSIONS) <= set(CONTENT_RULES)


# --- Images --------------------------------------------------------------------


def test_a_real_jpeg_is_accepted_and_stored_under_original_images(editor, media_root):
    response = add_image(editor, "开幕式.jpg", image_bytes("JPEG"))
    assert response.status_code == 302
    image = SiteImage.objects.get()
    assert image.file.name.startswith("original_images/")
    assert stored_files(media_root) == [media_root / image.file.name]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        # Wagtail compares the decoded format with the extension.
        ("photo.jpg", image_bytes("PNG"), "扩展名与文件格式不匹配"),
        # Willow takes any markup for SVG, which then fails the same comparison.
        ("photo.png", HTML_PAGE, "扩展名与文件格式不匹配 (svg)"),
        ("logo.svg", SVG_IMAGE, "不支持的图片格式"),
        ("logo.png", SVG_IMAGE, "扩展名与文件格式不匹配 (svg)"),
        ("photo.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 garbage", "请上传一张有效的图片"),
    ],
    ids=["png-named-jpg", "html-named-png", "svg", "svg-named-png", "broken-webp"],
)
def test_images_whose_content_is_not_what_the_name_says_are_refused(
    editor, media_root, name, content, message
):
    errors = form_errors(add_image(editor, name, content))
    assert any(message in error for error in errors), errors
    assert not SiteImage.objects.exists()
    assert stored_files(media_root) == []


def test_too_large_image_is_refused(editor, media_root, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10_000
    errors = form_errors(add_image(editor, "big.png", image_bytes("PNG", (100, 100), noise=True)))
    assert any("文件过大" in error for error in errors), errors
    assert not SiteImage.objects.exists()
    assert stored_files(media_root) == []


def test_image_with_too_many_pixels_is_refused(editor, media_root, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 10_000
    errors = form_errors(add_image(editor, "wide.png", image_bytes("PNG", (200, 100))))
    assert any("像素过多" in error and "20000" in error for error in errors), errors
    assert not SiteImage.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    "side",
    [
        9_000,  # 81 MP: over the site's limit, under Pillow's refusal; Willow would decode it
        20_000,  # 400 MP: Pillow raises DecompressionBombError while opening
    ],
)
def test_decompression_bomb_is_refused_from_its_header_not_a_500(editor, media_root, side):
    # The PNG has no real pixel data: had it been decoded, Pillow would have
    # raised "image file is truncated" instead of the pixel-count refusal.
    errors = form_errors(add_image(editor, "bomb.png", png_claiming(side, side)))
    assert any("像素过多" in error for error in errors), errors
    assert not SiteImage.objects.exists()
    assert stored_files(media_root) == []


# --- Documents: content against extension ------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", PDF),
        ("通知.doc", OLE2),
        ("报表.xls", OLE2),
        ("通知.wps", OLE2),
        ("报表.et", OLE2),
        ("通知.docx", DOCX),
        ("报表.xlsx", XLSX),
        ("通知.odt", ODT),
        ("报表.ods", ODS),
        ("公文.ofd", OFD),
        ("材料.zip", PLAIN_ZIP),
        ("说明.txt", "全民终身学习活动周\n".encode("gb18030")),
        ("说明.txt", "全民终身学习活动周：a < b\n".encode()),
        ("汇总.csv", "\ufeff地区,人数\n北京,30\n".encode()),
    ],
)
def test_documents_whose_content_matches_their_extension_pass(name, content):
    validate_document_content(upload(name, content))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", HTML_PAGE, MISMATCH.format("pdf")),
        ("report.pdf", b"\n\n" + PDF, MISMATCH.format("pdf")),
        ("通知.doc", PDF, MISMATCH.format("doc")),
        ("通知.wps", image_bytes("PNG"), MISMATCH.format("wps")),
        ("通知.docx", XLSX, MISMATCH.format("docx")),
        ("通知.docx", PLAIN_ZIP, MISMATCH.format("docx")),
        ("通知.docx", b"PK\x03\x04 but not an archive", MISMATCH.format("docx")),
        ("报表.xlsx", OLE2, MISMATCH.format("xlsx")),
        ("通知.odt", ODS, MISMATCH.format("odt")),
        ("公文.ofd", PLAIN_ZIP, MISMATCH.format("ofd")),
        ("材料.zip", PDF, MISMATCH.format("zip")),
        ("汇总.csv", HTML_PAGE, TEXT_MARKUP),
        ("说明.txt", SVG_IMAGE, TEXT_MARKUP),
        (
            "说明.txt",
            b"Dear reader,\n" + b"x" * 70_000 + b"<script src=//evil.example/x.js></script>",
            TEXT_MARKUP,
        ),
        ("说明.txt", "说明".encode("utf-16"), TEXT_ENCODING),
        ("说明.txt", image_bytes("PNG"), TEXT_ENCODING),
        ("report.pdf", b"", "文件是空的，请重新选择。"),
    ],
    ids=[
        "html-as-pdf",
        "pdf-not-at-start",
        "pdf-as-doc",
        "png-as-wps",
        "xlsx-as-docx",
        "zip-as-docx",
        "broken-zip",
        "ole2-as-xlsx",
        "ods-as-odt",
        "zip-as-ofd",
        "pdf-as-zip",
        "html-as-csv",
        "svg-as-txt",
        "script-after-a-chunk-boundary",
        "utf16-text",
        "binary-as-txt",
        "empty",
    ],
)
def test_documents_whose_content_does_not_match_are_refused(name, content, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refusal:
        validate_document_content(upload(name, content))
    assert refusal.value.messages == [message]


def test_admin_refuses_an_html_page_named_report_pdf(editor, media_root):
    errors = form_errors(add_document(editor, "report.pdf", HTML_PAGE))
    assert errors == [MISMATCH.format("pdf")]
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_admin_accepts_a_real_docx(editor, media_root):
    response = add_document(editor, "通知.docx", DOCX)
    assert response.status_code == 302
    document = Document.objects.get()
    assert stored_files(media_root) == [media_root / document.file.name]
    assert document.file_size == len(DOCX)


def test_admin_refuses_svg_documents(editor, media_root):
    errors = form_errors(add_document(editor, "logo.svg", SVG_IMAGE))
    assert len(errors) == 1 and "svg" in errors[0], errors
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_too_large_document_is_refused(editor, media_root, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    errors = form_errors(add_document(editor, "report.pdf", PDF + bytes(2048)))
    assert any("文件过大" in error for error in errors), errors
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_multiple_uploader_refuses_a_mismatch_with_a_json_message(editor, media_root):
    response = editor.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "title": "report.pdf",
            "collection": str(Collection.get_first_root_node().pk),
            "files[]": upload("report.pdf", HTML_PAGE),
        },
    )
    assert response.status_code == 200
    assert response.json() == {"success": False, "error_message": MISMATCH.format("pdf")}
    assert not Document.objects.exists()
    assert not UploadedFile.objects.exists()
    assert stored_files(media_root) == []


# --- File names ----------------------------------------------------------------


@pytest.mark.parametrize(
    "filename", ["../../etc/passwd.pdf", "..\\..\\x.pdf", "a\x01b\x7f\x1bc.pdf", "./.../..pdf"]
)
def test_document_names_are_never_used_as_paths(editor, media_root, filename):
    fields = {
        "title": "名单",
        "collection": str(Collection.get_first_root_node().pk),
        "language": "zh-hans",
    }
    body, content_type = multipart(fields, "file", filename, PDF)
    response = editor.post(reverse("wagtaildocs:add"), body, content_type=content_type)
    assert response.status_code == 302, response.context and response.context["form"].errors
    document = Document.objects.get()
    stored = Path(document.file.path).resolve()
    assert stored.is_relative_to((media_root / "documents").resolve())
    assert stored_files(media_root) == [stored]
    assert ".." not in document.file.name.split("/")
    assert all(character.isprintable() and character != "\\" for character in document.file.name)


def test_image_names_are_never_used_as_paths(editor, media_root):
    fields = {"title": "合影", "collection": str(Collection.get_first_root_node().pk)}
    body, content_type = multipart(fields, "file", "../../../tmp/x\x00.png", image_bytes("PNG"))
    response = editor.post(reverse("wagtailimages:add"), body, content_type=content_type)
    assert response.status_code == 302
    stored = Path(SiteImage.objects.get().file.path).resolve()
    assert stored.is_relative_to((media_root / "original_images").resolve())
    assert stored_files(media_root) == [stored]


@pytest.mark.parametrize(
    "tail", ["..%2F..%2Fsettings%2Fbase.py", "..", "..%5C..%5Cmanage.py", "%2Fetc%2Fpasswd"]
)
def test_serve_url_with_a_traversal_name_is_a_404(client, news_tree, media_root, tail):
    document = published_document(news_tree)
    assert client.get(f"/documents/{document.pk}/{document.filename}").status_code == 200
    response = client.get(f"/documents/{document.pk}/{tail}")
    assert response.status_code == 404
    assert "Content-Disposition" not in response


# --- Privacy -------------------------------------------------------------------
# More in test_document_access.py: page restrictions, editors, choosers.


def published_document(news_tree, **fields):
    """A document that a live notice uses, which the public may download."""
    document = SiteDocumentFactory(**fields)
    add_annex(NoticePageFactory(parent=news_tree.notices), "附件一", 0, document=document)
    return document


@pytest.fixture
def private_collection(root_collection) -> Collection:
    return root_collection.add_child(name="内部材料")


def test_document_in_a_password_protected_collection_is_not_served(
    client, site_tree, media_root, private_collection
):
    CollectionViewRestriction.objects.create(
        collection=private_collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="s3cret-pass",
    )
    document = SiteDocumentFactory(collection=private_collection)
    response = client.get(document.url)
    assert response.status_code == 200
    assert "Content-Disposition" not in response
    assert b"%PDF" not in response.content
    assert b'name="password"' in response.content


def test_document_in_a_login_protected_collection_is_not_served(
    client, site_tree, media_root, private_collection
):
    CollectionViewRestriction.objects.create(
        collection=private_collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = SiteDocumentFactory(collection=private_collection)
    response = client.get(document.url)
    assert response.status_code == 302
    assert "Content-Disposition" not in response


@pytest.fixture
def draft_notice(news_tree):
    notice = NoticePageFactory(parent=news_tree.notices, live=False)
    document = SiteDocumentFactory(title="未发布通知的附件")
    add_annex(notice, "附件一", 0, document=document)
    return notice, document


def test_document_used_only_by_a_draft_is_a_404_for_the_public(client, media_root, draft_notice):
    _, document = draft_notice
    response = client.get(document.url)
    assert response.status_code == 404
    assert "Content-Disposition" not in response
    # Signed in without admin access is still the public.
    client.force_login(UserFactory(), backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(document.url).status_code == 404


def test_editors_get_the_document_of_a_draft(editor, media_root, draft_notice):
    _, document = draft_notice
    response = editor.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_publishing_the_page_makes_its_document_public(client, media_root, draft_notice):
    notice, document = draft_notice
    Page.objects.get(pk=notice.pk).specific.save_revision().publish()
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_document_used_by_a_live_page_and_a_draft_is_public(
    client, media_root, news_tree, draft_notice
):
    _, document = draft_notice
    live = NoticePageFactory(parent=news_tree.notices)
    add_annex(live, "附件一", 0, document=document)
    assert client.get(document.url).status_code == 200


def test_document_used_by_nothing_is_private(client, site_tree, media_root):
    # Uploaded but not attached yet, or attached only to pages since deleted:
    # ids are sequential, so anything served without a live page would be
    # found by counting.
    document = SiteDocumentFactory(title="历年资料")
    assert client.get(document.url).status_code == 404


# --- Headers of served documents -----------------------------------------------


def test_pdf_opens_inline_without_sniffing_or_script(client, news_tree, media_root):
    document = published_document(news_tree)
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == INLINE_POLICY
    # Kept by no shared cache: unpublishing the page takes it away at once.
    assert response["Cache-Control"] == "private, no-cache"


def test_text_downloads_as_an_attachment_in_a_sandbox(client, news_tree, media_root):
    document = published_document(
        news_tree, file=ContentFile("活动安排\n".encode(), name="安排.txt")
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    assert response["Content-Disposition"].startswith("attachment")
    assert "filename*=UTF-8''%E5%AE%89%E6%8E%92" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == ATTACHMENT_POLICY
    assert "sandbox" in ATTACHMENT_POLICY.split("; ")


# --- A full disk or an unwritable media folder -----------------------------------


class FailingStorage(FileSystemStorage):
    """The media folder as the operating system refuses it: every write
    fails with the error number the test sets."""

    error_number = errno.ENOSPC

    def _save(self, name, content):
        raise OSError(self.error_number, os.strerror(self.error_number), name)


@pytest.fixture(
    params=[errno.ENOSPC, errno.EACCES, errno.EROFS],
    ids=["disk-full", "no-permission", "read-only"],
)
def failing_storage(request, settings, media_root, monkeypatch):
    monkeypatch.setattr(FailingStorage, "error_number", request.param)
    settings.STORAGES = {
        **django_settings.STORAGES,
        "default": {
            "BACKEND": f"{__name__}.FailingStorage",
            "OPTIONS": {"location": str(media_root)},
        },
    }
    return media_root


def nothing_created(media_root: Path) -> bool:
    return (
        not SiteImage.objects.exists()
        and not Document.objects.exists()
        and not UploadedFile.objects.exists()
        and (stored_files(media_root) == [])
    )


def test_failing_storage_on_image_upload_is_a_form_error(editor, failing_storage):
    response = add_image(editor, "开幕式.jpg", image_bytes("JPEG"))
    assert form_errors(response) == [STORAGE_ERROR]
    assert STORAGE_ERROR in response.content.decode()
    assert nothing_created(failing_storage)


def test_failing_storage_on_document_upload_is_a_form_error(editor, failing_storage):
    response = add_document(editor, "report.pdf", PDF)
    assert form_errors(response) == [STORAGE_ERROR]
    assert STORAGE_ERROR in response.content.decode()
    assert nothing_created(failing_storage)


def post_to_multiple_uploader(editor, url_name: str, name: str, content: bytes):
    return editor.post(
        reverse(url_name),
        {
            "title": name,
            "collection": str(Collection.get_first_root_node().pk),
            "files[]": upload(name, content),
        },
    )


def test_failing_storage_in_the_image_uploader_is_a_json_error(editor, failing_storage):
    response = post_to_multiple_uploader(
        editor, "wagtailimages:add_multiple", "开幕式.jpg", image_bytes("JPEG")
    )
    assert response.status_code == 200
    assert response.json() == {"success": False, "error_message": STORAGE_ERROR}
    assert nothing_created(failing_storage)


# Transactional, as in production: the document uploader does not send the
# (required) language, so Wagtail stores the file as an UploadedFile first,
# and the failed INSERT marks the test's own enclosing transaction as broken.
@pytest.mark.django_db(transaction=True)
def test_failing_storage_in_the_document_uploader_is_a_json_error(editor, failing_storage):
    response = post_to_multiple_uploader(editor, "wagtaildocs:add_multiple", "report.pdf", PDF)
    assert response.status_code == 200
    assert response.json() == {"success": False, "error_message": STORAGE_ERROR}
    assert nothing_created(failing_storage)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder all the same")
def test_read_only_media_folder_is_a_form_error(editor, media_root):
    media_root.chmod(0o500)
    try:
        response = add_document(editor, "report.pdf", PDF)
    finally:
        media_root.chmod(0o700)
    assert form_errors(response) == [STORAGE_ERROR]
    assert nothing_created(media_root)


def test_page_draft_survives_a_failed_upload(editor, site_tree, failing_storage):
    # Saving a draft writes revisions to the database only: it succeeds while
    # the media folder refuses every write.
    home = Page.objects.get(pk=site_tree.home_zh.pk).specific
    home.intro = "草稿：活动周开幕在即"
    draft = home.save_revision()
    response = add_image(editor, "开幕式.jpg", image_bytes("JPEG"))
    assert form_errors(response) == [STORAGE_ERROR]
    home.refresh_from_db()
    assert home.latest_revision_id == draft.pk
    assert home.get_latest_revision_as_object().intro == "草稿：活动周开幕在即"
