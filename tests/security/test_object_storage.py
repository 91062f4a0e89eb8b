"""Uploads in S3-compatible object storage (docs/uploads.md, "Object
storage"), against a real S3 server process (moto's, tests/support/s3_server.py).

- Images uploaded in the admin land in the bucket; pages show their
  renditions with signed bucket URLs that fetch the image and outlive every
  cache of the page.
- Documents stay behind the application's permission checks: a document of
  a live page streams through /documents/ with the usual headers, one that
  nothing public uses is a 404, and the object itself is private in the
  bucket (an unsigned GET is refused) and never linked from a page.
- With the storage down, an upload is a form error, not a 500, and pages
  whose renditions exist still answer.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from lifelong_site.models import SiteRendition
from lifelong_site.security.upload_hooks import ATTACHMENT_POLICY, INLINE_POLICY
from lifelong_site.settings.object_storage import (
    ORIGINAL_URL_SECONDS,
    RENDITION_URL_SECONDS,
    ObjectStorage,
)
from tests.factories.campaigns import SiteImageFactory
from tests.factories.news import NoticePageFactory, SiteDocumentFactory, add_annex
from tests.news.conftest import NewsTree, news_tree  # noqa: F401  (fixture)
from tests.support.s3_server import ACCESS_KEY_ID, BUCKET, REGION, SECRET_ACCESS_KEY, S3Server
from tests.support.server_process import started

pytestmark = pytest.mark.django_db

SiteImage = get_image_model()
UNAVAILABLE = "文件存储暂时不可用，请稍后重试。"
PDF = b"%PDF-1.4\n% annex kept in the bucket\n"


# --- Fixtures ----------------------------------------------------------------------


@pytest.fixture
def s3_server() -> Iterator[S3Server]:
    """One server per test: the outage test stops it, and moto keeps
    everything in memory, so no test sees another's objects."""
    with started(S3Server) as server:
        yield server


@pytest.fixture
def object_storage(s3_server, settings, monkeypatch) -> ObjectStorage:
    """The settings base.py makes from MEDIA_S3_*, pointed at the test's server."""
    config = ObjectStorage(
        bucket=BUCKET,
        endpoint_url=s3_server.endpoint_url,
        region=REGION,
        access_key_id=ACCESS_KEY_ID,
        secret_access_key=SECRET_ACCESS_KEY,
        addressing_style="path",  # as MinIO needs
        rendition_url_seconds=RENDITION_URL_SECONDS,
    )
    # Django drops its storages (default_storage included) when STORAGES
    # changes, and images and documents reach theirs through default_storage.
    settings.STORAGES = {**django_settings.STORAGES, **config.storages()}
    settings.MEDIA_OBJECT_STORAGE = config
    settings.WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
    # The rendition's field called get_rendition_storage() once, when the
    # model was defined (under the test settings: default_storage); point it
    # at the renditions storage, as in a process started with MEDIA_S3_BUCKET.
    monkeypatch.setattr(SiteRendition._meta.get_field("file"), "storage", storages["renditions"])
    return config


@pytest.fixture
def editor(client, admin_user):
    client.force_login(admin_user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), "#a3141a").save(buffer, format="PNG")
    return buffer.getvalue()


def add_image(editor, name: str = "开幕式.png"):
    return editor.post(
        reverse("wagtailimages:add"),
        {
            "title": "开幕式",
            "collection": str(Collection.get_first_root_node().pk),
            "file": SimpleUploadedFile(name, png_bytes(), content_type="image/png"),
        },
    )


def live_notice(news_tree: NewsTree, **fields) -> Page:
    notice = NoticePageFactory(parent=news_tree.notices, **fields)
    Page.objects.get(pk=notice.pk).specific.save_revision().publish()
    return Page.objects.get(pk=notice.pk).specific


def rendition_urls(page_html: str, server: S3Server) -> set[str]:
    """The bucket URLs of the page's <img> elements (src and srcset)."""
    prefix = f"{server.endpoint_url}/{BUCKET}/images/"
    urls = set()
    images = re.findall(r"<img\s[^>]*>", page_html)
    for attribute in re.findall(r'\ssrc(?:set)?="([^"]*)"', " ".join(images)):
        for candidate in html.unescape(attribute).split(","):
            url = candidate.strip().split(" ")[0]
            if url.startswith(prefix):
                urls.add(url)
    return urls


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


# --- Settings ------------------------------------------------------------------------


S3_ENVIRONMENT = {
    "MEDIA_S3_BUCKET": "lifelong-media",
    "MEDIA_S3_ENDPOINT_URL": "https://oss-cn-beijing.aliyuncs.com",
    "MEDIA_S3_REGION": "cn-beijing",
    "MEDIA_S3_ACCESS_KEY_ID": "key-id",
    "MEDIA_S3_SECRET_ACCESS_KEY": "secret",
}


def test_without_a_bucket_nothing_changes(monkeypatch):
    monkeypatch.delenv("MEDIA_S3_BUCKET", raising=False)
    assert ObjectStorage.from_environment(cached_seconds=1800) is None


def test_the_environment_gives_private_signed_storages(monkeypatch):
    for name, value in S3_ENVIRONMENT.items():
        monkeypatch.setenv(name, value)
    config = ObjectStorage.from_environment(cached_seconds=1800)
    assert config is not None
    default, renditions = config.storages()["default"], config.storages()["renditions"]
    for storage in (default, renditions):
        assert storage["BACKEND"] == "lifelong_site.object_storage.S3MediaStorage"
        options = storage["OPTIONS"]
        assert options["bucket_name"] == "lifelong-media"
        assert options["endpoint_url"] == "https://oss-cn-beijing.aliyuncs.com"
        assert options["default_acl"] == "private"
        assert options["querystring_auth"] is True
        assert options["file_overwrite"] is False
        assert options["client_config"].s3 == {"addressing_style": "virtual"}
    assert default["OPTIONS"]["querystring_expire"] == ORIGINAL_URL_SECONDS
    assert renditions["OPTIONS"]["querystring_expire"] == RENDITION_URL_SECONDS > 1800
    assert config.url_origin() == "https://lifelong-media.oss-cn-beijing.aliyuncs.com"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("MEDIA_S3_ENDPOINT_URL", ""),
        ("MEDIA_S3_ENDPOINT_URL", "oss-cn-beijing.aliyuncs.com"),
        ("MEDIA_S3_ADDRESSING_STYLE", "sideways"),
        # Cached pages would keep image URLs that no longer work.
        ("MEDIA_S3_RENDITION_URL_SECONDS", "1800"),
        ("MEDIA_S3_RENDITION_URL_SECONDS", str(8 * 24 * 3600)),
    ],
)
def test_a_wrong_configuration_stops_the_start(monkeypatch, name, value):
    for key, setting in S3_ENVIRONMENT.items():
        monkeypatch.setenv(key, setting)
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=name):
        ObjectStorage.from_environment(cached_seconds=1800)


def test_production_settings_put_uploads_in_the_bucket_and_documents_behind_the_app():
    """What a server started with MEDIA_S3_* gets (production.py used to
    replace STORAGES whole)."""
    environment = {
        **os.environ,
        **S3_ENVIRONMENT,
        "MEDIA_S3_ADDRESSING_STYLE": "path",
        "DJANGO_SETTINGS_MODULE": "lifelong_site.settings.production",
        "SECRET_KEY": "x" * 20 + "abcdefghijklmnopqrstuvwxyz0123456789",
        "ALLOWED_HOSTS": "lifelong.example",
        "DATABASE_URL": "postgres://site@127.0.0.1:5432/site",
    }
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'default': s.STORAGES['default']['BACKEND'], "
        "'renditions': s.STORAGES['renditions']['OPTIONS']['querystring_expire'], "
        "'static': s.STORAGES['staticfiles']['BACKEND'], "
        "'rendition_storage': s.WAGTAILIMAGES_RENDITION_STORAGE, "
        "'serve': s.WAGTAILDOCS_SERVE_METHOD, 'img_src': s.CSP_EXTRA_IMG_SRC, "
        "'caches': s.PAGE_CACHE_SECONDS + s.FRAGMENT_CACHE_SECONDS + s.PROXY_CACHE_SECONDS}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=environment,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["default"] == "lifelong_site.object_storage.S3MediaStorage"
    assert seen["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert seen["rendition_storage"] == "renditions"
    assert seen["serve"] == "serve_view"
    assert seen["renditions"] > seen["caches"]
    assert seen["img_src"] == ["https://oss-cn-beijing.aliyuncs.com"]


# --- Images --------------------------------------------------------------------------


def test_an_uploaded_image_lands_in_the_bucket_and_pages_show_it_from_there(
    editor, object_storage, s3_server, news_tree
):
    response = add_image(editor)
    assert response.status_code == 302, response.content[:2000]
    image = SiteImage.objects.get()
    assert s3_server.keys("original_images/") == [image.file.name]

    notice = live_notice(news_tree, lead_image=image, lead_image_alt="开幕式现场")
    page = editor.__class__().get(notice.url)  # an anonymous reader
    assert page.status_code == 200
    urls = rendition_urls(page.content.decode(), s3_server)
    assert urls, "the page shows no rendition from the bucket"
    for url in urls:
        key = urlsplit(url).path.removeprefix(f"/{BUCKET}/")
        assert key in s3_server.keys("images/")
        query = parse_qs(urlsplit(url).query)
        assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"]
        # Longer than the page can be kept by every cache in front of it.
        assert int(query["X-Amz-Expires"][0]) == RENDITION_URL_SECONDS
        status, body = fetch(url)
        assert status == 200
        assert body[:4] == b"RIFF" and body[8:12] == b"WEBP"
    # The original is never linked for readers.
    assert image.file.name not in page.content.decode()


# --- Documents -----------------------------------------------------------------------


def test_a_document_of_a_live_page_streams_through_the_application(
    client, object_storage, s3_server, news_tree
):
    document = SiteDocumentFactory(file=ContentFile(PDF, name="活动安排.pdf"))
    assert s3_server.keys("documents/") == [document.file.name]
    notice = live_notice(news_tree)
    add_annex(notice, "附件一", 0, document=document)
    Page.objects.get(pk=notice.pk).specific.save_revision().publish()

    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == INLINE_POLICY
    assert response["Cache-Control"] == "private, no-cache"

    text = SiteDocumentFactory(file=ContentFile("活动安排\n".encode(), name="安排.txt"))
    add_annex(notice, "附件二", 1, document=text)
    Page.objects.get(pk=notice.pk).specific.save_revision().publish()
    response = client.get(text.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == ATTACHMENT_POLICY
    assert response["Cache-Control"] == "private, no-cache"

    # The page links the application's URL, never the bucket's.
    page_html = client.get(notice.url).content.decode()
    assert document.url in page_html
    assert s3_server.endpoint_url not in page_html
    assert "127.0.0.1" not in page_html


def test_documents_nothing_public_uses_stay_private(client, object_storage, news_tree):
    unattached = SiteDocumentFactory(title="刚上传、尚未使用的附件")
    assert client.get(unattached.url).status_code == 404

    draft = NoticePageFactory(parent=news_tree.notices, live=False)
    of_a_draft = SiteDocumentFactory(title="禁发期内的附件")
    add_annex(draft, "附件一", 0, document=of_a_draft)
    response = client.get(of_a_draft.url)
    assert response.status_code == 404
    assert "Content-Disposition" not in response


def test_the_bucket_refuses_a_document_without_a_signature(object_storage, s3_server):
    document = SiteDocumentFactory(file=ContentFile(PDF, name="annex.pdf"))
    bare_url = f"{s3_server.endpoint_url}/{BUCKET}/{document.file.name}"
    assert fetch(bare_url)[0] == 403
    grants = s3_server.client().get_object_acl(Bucket=BUCKET, Key=document.file.name)["Grants"]
    assert not [grant for grant in grants if "URI" in grant["Grantee"]]  # no AllUsers, no group

    # The same server does serve a public-read object to anyone: the 403
    # above is the object's ACL, not moto refusing every unsigned request.
    s3_server.client().put_object(
        Bucket=BUCKET, Key="control/public.txt", Body=b"public", ACL="public-read"
    )
    assert fetch(f"{s3_server.endpoint_url}/{BUCKET}/control/public.txt") == (200, b"public")


# --- Object storage down -------------------------------------------------------------


def test_an_upload_while_the_storage_is_down_is_a_form_error(editor, object_storage, s3_server):
    s3_server.stop()
    response = add_image(editor)
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [UNAVAILABLE]
    assert UNAVAILABLE in response.content.decode()
    assert not SiteImage.objects.exists()

    response = editor.post(
        reverse("wagtaildocs:add"),
        {
            "title": "活动安排",
            "collection": str(Collection.get_first_root_node().pk),
            "language": "zh-hans",
            "file": SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [UNAVAILABLE]


def test_the_multiple_uploader_answers_a_json_error_while_the_storage_is_down(
    editor, object_storage, s3_server
):
    s3_server.stop()
    response = editor.post(
        reverse("wagtailimages:add_multiple"),
        {
            "title": "开幕式",
            "collection": str(Collection.get_first_root_node().pk),
            "files[]": SimpleUploadedFile("开幕式.png", png_bytes(), content_type="image/png"),
        },
    )
    assert response.status_code == 200
    assert response.json() == {"success": False, "error_message": UNAVAILABLE}
    assert not SiteImage.objects.exists()


def test_pages_answer_while_the_storage_is_down(client, object_storage, s3_server, news_tree):
    image = SiteImageFactory()
    document = SiteDocumentFactory()
    notice = live_notice(news_tree, lead_image=image, lead_image_alt="开幕式现场")
    add_annex(notice, "附件一", 0, document=document)
    Page.objects.get(pk=notice.pk).specific.save_revision().publish()
    assert client.get(notice.url).status_code == 200  # renditions made and stored
    other = live_notice(news_tree, lead_image=SiteImageFactory(), lead_image_alt="合影")

    s3_server.stop()
    response = client.get(notice.url)
    assert response.status_code == 200
    # Signing a URL needs no request to the storage.
    assert f"{s3_server.endpoint_url}/{BUCKET}/images/" in html.unescape(response.content.decode())
    # A rendition not made yet needs the original: the page answers without that picture.
    assert client.get(other.url).status_code == 200
    # A download has to read the bucket: a 503 that says so, not a 500.
    response = client.get(document.url)
    assert response.status_code == 503
    assert UNAVAILABLE in response.content.decode()


# --- Backups -------------------------------------------------------------------------


def test_a_backup_says_that_the_bucket_is_not_in_the_archive(settings):
    from lifelong_site.backup.management.commands.backup_site import Command

    def notice() -> str:
        errors = io.StringIO()
        Command(stdout=io.StringIO(), stderr=errors).object_storage_notice()
        return errors.getvalue()

    settings.MEDIA_OBJECT_STORAGE = None
    assert notice() == ""
    settings.MEDIA_OBJECT_STORAGE = ObjectStorage(
        bucket="lifelong-media",
        endpoint_url="https://oss-cn-beijing.aliyuncs.com",
        region="cn-beijing",
        access_key_id="key-id",
        secret_access_key="secret",
        addressing_style="virtual",
        rendition_url_seconds=RENDITION_URL_SECONDS,
    )
    message = notice()
    assert "'lifelong-media'" in message
    assert "NOT in this archive" in message
    assert "docs/backup.md" in message
