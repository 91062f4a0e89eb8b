"""`manage.py import_archive` given a folder it cannot trust: symbolic links
never lead it out of the folder (nor make it import a file twice), a file
nested too deeply or too large fails alone, and imported pages are drafts
until `--publish` says otherwise."""

from __future__ import annotations

import builtins
import io
import os
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from campaigns.models import CampaignWeekPage
from news.importing.reading import MAX_FILE_BYTES
from news.models import PressReleasePage
from tests.factories.campaigns import CampaignIndexPageFactory

pytestmark = pytest.mark.django_db


def run_import(*args: str) -> tuple[str, str, int]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_archive", *args, stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        err.write(str(error))
        code = error.returncode
    return out.getvalue(), err.getvalue(), code


def article(
    title: str, text: str = "各地举办了丰富多彩的学习活动，市民踊跃参加。", date: str = "2019-10-20"
) -> str:
    return f"新闻动态\n\n{title}\n\n发布时间：{date}\n\n{text}\n\n来源：教育部网站\n"


@pytest.fixture
def import_site(site_tree, news_tree):
    CampaignIndexPageFactory(parent=site_tree.home_zh)  # no weeks yet: imports create draft stubs
    return site_tree


def imported_titles() -> list[str]:
    return sorted(PressReleasePage.objects.values_list("title", flat=True))


# --- Symbolic links -----------------------------------------------------------------------------


def test_a_symlink_to_a_file_outside_the_folder_is_skipped(import_site, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(article("不应导入的文件外的文章"), encoding="utf-8")
    root = tmp_path / "saved"
    root.mkdir()
    (root / "good.txt").write_text(article("文件夹里的正常文章标题"), encoding="utf-8")
    (root / "leak.txt").symlink_to(outside / "secret.txt")

    out, err, code = run_import(str(root))

    assert code == 0, err
    assert "skipped   leak.txt: symbolic link to a file outside the folder" in out
    assert "2 file(s): 1 created, 0 updated, 1 skipped, 0 failed" in out
    assert imported_titles() == ["文件夹里的正常文章标题"]


def test_a_symlinked_folder_pointing_outside_is_not_entered(import_site, tmp_path):
    outside = tmp_path / "elsewhere"
    (outside / "deeper").mkdir(parents=True)
    (outside / "secret.txt").write_text(article("文件夹外的第一篇文章"), encoding="utf-8")
    (outside / "deeper" / "secret2.html").write_text(
        "<html><body><h1>文件夹外的第二篇文章</h1><p>发布时间：2019-10-20</p><p>正文内容。</p></body></html>",
        encoding="utf-8",
    )
    root = tmp_path / "saved"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "good.txt").write_text(article("文件夹里的正常文章标题"), encoding="utf-8")
    (root / "sub" / "linked").symlink_to(outside, target_is_directory=True)
    (root / "etc").symlink_to("/etc", target_is_directory=True)

    out, err, code = run_import(str(root))

    assert code == 0, err
    assert "skipped   etc: symbolic link to a folder outside the folder" in out
    assert "skipped   sub/linked: symbolic link to a folder outside the folder" in out
    assert "3 file(s): 1 created, 0 updated, 2 skipped, 0 failed" in out
    assert imported_titles() == ["文件夹里的正常文章标题"]


def test_a_folder_given_through_a_symlink_is_resolved_first(import_site, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(article("不应导入的文件外的文章"), encoding="utf-8")
    real = tmp_path / "real"
    real.mkdir()
    (real / "good.txt").write_text(article("文件夹里的正常文章标题"), encoding="utf-8")
    (real / "leak.txt").symlink_to(Path("..") / "outside" / "secret.txt")
    given = tmp_path / "given"
    given.symlink_to(real, target_is_directory=True)

    out, err, code = run_import(str(given))

    assert code == 0, err
    assert "skipped   leak.txt: symbolic link to a file outside the folder" in out
    assert imported_titles() == ["文件夹里的正常文章标题"]
    assert PressReleasePage.objects.get().import_key == "zh-hans:good.txt"


def test_a_symlink_inside_the_folder_does_not_import_a_file_twice(import_site, tmp_path):
    root = tmp_path / "saved"
    (root / "2019").mkdir(parents=True)
    (root / "2019" / "good.txt").write_text(article("文件夹里的正常文章标题"), encoding="utf-8")
    (root / "alias.txt").symlink_to(Path("2019") / "good.txt")
    (root / "again").symlink_to("2019", target_is_directory=True)

    out, err, code = run_import(str(root))

    assert code == 0, err
    assert (
        "skipped   alias.txt: symbolic link (the file it points to is read under its own name)"
        in out
    )
    assert (
        "skipped   again: symbolic link (the folder it points to is read under its own name)" in out
    )
    assert "3 file(s): 1 created, 0 updated, 2 skipped, 0 failed" in out
    assert PressReleasePage.objects.count() == 1


def test_symlink_loops_and_broken_links_are_reported_and_the_batch_goes_on(import_site, tmp_path):
    root = tmp_path / "saved"
    root.mkdir()
    (root / "good.txt").write_text(article("文件夹里的正常文章标题"), encoding="utf-8")
    (root / "a.txt").symlink_to("b.txt")
    (root / "b.txt").symlink_to("a.txt")
    (root / "self").symlink_to(root, target_is_directory=True)
    (root / "gone.txt").symlink_to("missing.txt")

    out, err, code = run_import(str(root))

    assert code == 0, err
    assert "skipped   a.txt: symbolic link loop" in out
    assert "skipped   b.txt: symbolic link loop" in out
    assert "skipped   gone.txt: broken symbolic link" in out
    assert (
        "skipped   self: symbolic link (the folder it points to is read under its own name)" in out
    )
    assert "5 file(s): 1 created, 0 updated, 4 skipped, 0 failed" in out
    assert imported_titles() == ["文件夹里的正常文章标题"]


def test_a_fifo_is_not_opened(import_site, tmp_path):
    root = tmp_path / "saved"
    root.mkdir()
    (root / "good.txt").write_text(article("文件夹里的正常文章标题"), encoding="utf-8")
    os.mkfifo(root / "pipe.txt")  # opening it for reading would wait for a writer forever

    out, err, code = run_import(str(root))

    assert code == 0, err
    assert "skipped   pipe.txt: not a regular file" in out
    assert "2 file(s): 1 created, 0 updated, 1 skipped, 0 failed" in out


# --- Pathological files -----------------------------------------------------------------------------


def test_a_deeply_nested_page_fails_alone(import_site, tmp_path):
    root = tmp_path / "saved"
    root.mkdir()
    depth = 50_000
    (root / "deep.html").write_text(
        "<html><body><h1>嵌套过深的页面标题</h1>"
        + "<div>" * depth
        + "正文"
        + "</div>" * depth
        + "</body></html>",
        encoding="utf-8",
    )
    # Old layouts nest tables and divs, but nowhere near that deep: still read.
    (root / "nested.html").write_text(
        "<html><body><h1>布局表格很深的旧页面</h1><p>发布时间：2019-10-20</p>"
        + "<div><table><tr><td>" * 30
        + "<p>正文内容在很深的地方。</p>"
        + "</td></tr></table></div>" * 30
        + "</body></html>",
        encoding="utf-8",
    )
    (root / "good.txt").write_text(article("文件夹里的正常文章标题"), encoding="utf-8")

    out, err, code = run_import(str(root))

    assert code == 1
    assert re.search(
        r"^failed    deep\.html: the HTML is nested too deeply to read \(over \d+ levels\)$",
        err,
        re.M,
    ), err
    assert "Traceback" not in err
    assert "3 file(s): 2 created, 0 updated, 0 skipped, 1 failed" in out
    assert imported_titles() == ["布局表格很深的旧页面", "文件夹里的正常文章标题"]
    nested = PressReleasePage.objects.get(title="布局表格很深的旧页面")
    assert "正文内容在很深的地方" in str(nested.get_latest_revision_as_object().body)


def test_an_oversized_file_is_refused_before_it_is_read(import_site, tmp_path, monkeypatch):
    root = tmp_path / "saved"
    root.mkdir()
    huge = root / "huge.html"
    with huge.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)  # sparse: takes no room on disk
    (root / "good.txt").write_text(article("文件夹里的正常文章标题"), encoding="utf-8")

    def refuse(original):
        def guarded(target, *args, **kwargs):
            if str(target).endswith("huge.html"):
                raise AssertionError("the oversized file was read")
            return original(target, *args, **kwargs)

        return guarded

    monkeypatch.setattr(Path, "read_bytes", refuse(Path.read_bytes))
    monkeypatch.setattr(io, "open", refuse(io.open))
    monkeypatch.setattr(builtins, "open", refuse(builtins.open))

    out, err, code = run_import(str(root))

    assert code == 1
    assert "failed    huge.html: file too large" in err
    assert "2 file(s): 1 created, 0 updated, 0 skipped, 1 failed" in out
    assert imported_titles() == ["文件夹里的正常文章标题"]


# --- Drafts by default, --publish to publish ---------------------------------------------------


def test_imported_pages_are_drafts_unless_published(import_site, tmp_path, client):
    root = tmp_path / "saved"
    root.mkdir()
    (root / "one.txt").write_text(article("第一篇导入的文章标题"), encoding="utf-8")
    (root / "two.txt").write_text(article("第二篇导入的文章标题"), encoding="utf-8")

    out, err, code = run_import(str(root))

    assert code == 0, err
    assert (
        "2 file(s): 2 created, 0 updated, 0 skipped, 0 failed; 2 saved as drafts, 0 published"
        in out
    )
    assert "created      one.txt: draft press release “第一篇导入的文章标题”, 2019-10-20" in out
    pages = list(PressReleasePage.objects.all())
    assert len(pages) == 2
    for page in pages:
        assert not page.live and page.first_published_at is None and page.last_published_at is None
        assert page.has_unpublished_changes and page.latest_revision is not None
        assert client.get(page.get_url()).status_code == 404
    assert not PressReleasePage.objects.live().exists()
    assert not CampaignWeekPage.objects.get(year=2019).live  # the stub week

    # Importing again with --publish changes nothing: publishing a draft is the reviewers' decision.
    out, err, code = run_import(str(root), "--publish")
    assert "0 created, 0 updated, 2 skipped" in out
    assert not PressReleasePage.objects.live().exists()


def test_publish_publishes_the_imported_pages_but_not_the_stub_week(import_site, tmp_path, client):
    root = tmp_path / "saved"
    root.mkdir()
    (root / "one.txt").write_text(article("第一篇导入的文章标题"), encoding="utf-8")
    (root / "two.txt").write_text(article("第二篇导入的文章标题"), encoding="utf-8")

    out, err, code = run_import(str(root), "--publish")

    assert code == 0, err
    assert (
        "2 file(s): 2 created, 0 updated, 0 skipped, 0 failed; 0 saved as drafts, 2 published"
        in out
    )
    assert "created      one.txt: published press release “第一篇导入的文章标题”, 2019-10-20" in out
    assert PressReleasePage.objects.live().count() == 2
    page = PressReleasePage.objects.get(title="第一篇导入的文章标题")
    assert not page.has_unpublished_changes and page.first_published_at is not None
    assert client.get(page.get_url()).status_code == 200
    assert not CampaignWeekPage.objects.get(year=2019).live


def test_a_changed_file_updates_the_draft_and_leaves_the_live_page_alone(import_site, tmp_path):
    root = tmp_path / "saved"
    root.mkdir()
    source = root / "one.txt"
    source.write_text(article("第一篇导入的文章标题", "展出作品300余件。"), encoding="utf-8")
    run_import(str(root), "--publish")
    page = PressReleasePage.objects.get()
    revisions = page.revisions.count()

    source.write_text(article("第一篇导入的文章标题", "展出作品500余件。"), encoding="utf-8")
    out, err, code = run_import(str(root))

    assert code == 0, err
    assert (
        "1 file(s): 0 created, 1 updated, 0 skipped, 0 failed; 1 saved as drafts, 0 published"
        in out
    )
    page.refresh_from_db()
    assert page.live and page.has_unpublished_changes
    assert "300余件" in str(page.body)  # the public page is unchanged
    assert "500余件" in str(page.get_latest_revision_as_object().body)
    assert page.revisions.count() == revisions + 1

    # Unchanged since the last import (the draft): nothing to do, no new revision.
    out, err, code = run_import(str(root))
    assert "0 created, 0 updated, 1 skipped" in out
    assert page.revisions.count() == revisions + 1

    source.write_text(article("第一篇导入的文章标题", "展出作品800余件。"), encoding="utf-8")
    out, err, code = run_import(str(root), "--publish")
    assert "0 created, 1 updated, 0 skipped, 0 failed; 0 saved as drafts, 1 published" in out
    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes and "800余件" in str(page.body)


def test_a_changed_file_of_a_draft_keeps_it_a_draft(import_site, tmp_path):
    root = tmp_path / "saved"
    root.mkdir()
    source = root / "one.txt"
    source.write_text(article("第一篇导入的文章标题", "展出作品300余件。"), encoding="utf-8")
    run_import(str(root))
    source.write_text(article("第一篇导入的文章标题", "展出作品500余件。"), encoding="utf-8")

    out, _err, _code = run_import(str(root))

    assert "0 created, 1 updated" in out
    page = PressReleasePage.objects.get()
    assert not page.live and page.first_published_at is None
    assert "500余件" in str(page.get_latest_revision_as_object().body)
    assert Page.objects.live().filter(pk=page.pk).count() == 0


def test_a_dry_run_with_publish_writes_nothing(import_site, tmp_path):
    root = tmp_path / "saved"
    root.mkdir()
    (root / "one.txt").write_text(article("第一篇导入的文章标题"), encoding="utf-8")
    pages = Page.objects.count()

    out, err, code = run_import(str(root), "--publish", "--dry-run")

    assert code == 0, err
    assert "would create" in out and "(dry run: nothing was written)" in out
    assert Page.objects.count() == pages
