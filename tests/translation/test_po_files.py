"""PO files for outside translation agencies: wagtail-localize's export and
import, as an editor uses them from the translation editor."""

from __future__ import annotations

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.rich_text import RichText
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from tests.factories.news import NewsIndexPageFactory, PressReleasePageFactory

pytestmark = pytest.mark.django_db

DOCUMENT_NUMBER = "教职成厅函〔2024〕7号"


@pytest.fixture
def translation(site_tree, admin_user, client) -> Translation:
    news = NewsIndexPageFactory(parent=site_tree.home_zh)
    release = PressReleasePageFactory(
        parent=news,
        title="社区学习中心开放日",
        body=[("paragraph", RichText(f"<p>按照{DOCUMENT_NUMBER}要求，各地举办开放日。</p>"))],
    )
    release.save_revision().publish()
    source, _ = TranslationSource.get_or_create_from_instance(release)
    translation = Translation.objects.create(source=source, target_locale=site_tree.en)
    translation.save_target(publish=False)
    client.force_login(admin_user)
    return translation


def translated_count(translation: Translation) -> int:
    """Strings translated into the target locale (other pages' included: the
    tests compare before and after)."""
    return StringTranslation.objects.filter(locale=translation.target_locale).count()


def download(client, translation: Translation) -> polib.POFile:
    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return polib.pofile(response.content.decode("utf-8"))


def upload(client, translation: Translation, content: bytes):
    return client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {
            "file": SimpleUploadedFile(
                "agency.po", content, content_type="text/x-gettext-translation"
            ),
            "next": "/admin/",
        },
    )


def test_export_lists_every_string_of_the_page(client, translation):
    po = download(client, translation)
    sources = {entry.msgid for entry in po}
    assert "社区学习中心开放日" in sources
    assert any(DOCUMENT_NUMBER in msgid for msgid in sources)
    assert po.metadata["X-WagtailLocalize-TranslationID"] == str(translation.uuid)


def test_an_agencys_file_round_trips_into_the_english_page(client, translation):
    po = download(client, translation)
    for entry in po:
        if entry.msgid == "社区学习中心开放日":
            entry.msgstr = "Open day of the community learning centre"
        else:
            entry.msgstr = entry.msgid.replace("按照", "As required by ").replace(
                "要求，各地举办开放日。", ", open days are held everywhere."
            )
    before = translated_count(translation)
    response = upload(client, translation, str(po).encode("utf-8"))
    assert response.status_code == 302
    assert translated_count(translation) == before + len(po)
    translation.save_target(publish=True)
    english = translation.get_target_instance()
    assert english.title == "Open day of the community learning centre"
    assert DOCUMENT_NUMBER in str(english.body[0].value)


@pytest.mark.parametrize(
    "content",
    [
        b"not a po file at all \x00\xff",
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "社区学习中心开放日"\nmsgstr "Open day"\n'.encode(),
    ],
    ids=["garbage", "no-translation-id"],
)
def test_a_bad_file_is_refused_with_a_message_and_changes_nothing(client, translation, content):
    before = translated_count(translation)
    response = upload(client, translation, content)
    assert response.status_code == 302
    assert translated_count(translation) == before
    follow = client.get(response.url)
    assert follow.status_code == 200


def test_a_file_for_another_translation_is_refused(client, translation, site_tree):
    po = download(client, translation)
    po.metadata["X-WagtailLocalize-TranslationID"] = "00000000-0000-0000-0000-000000000000"
    for entry in po:
        entry.msgstr = "x"
    before = translated_count(translation)
    upload(client, translation, str(po).encode("utf-8"))
    assert translated_count(translation) == before


def test_our_guard_answers_the_upload_url(translation):
    # wagtail-localize's own URL name resolves to the guard in front of it.
    from django.urls import resolve

    match = resolve(reverse("wagtail_localize:upload_pofile", args=[translation.pk]))
    assert match.url_name == "localization_upload_pofile"
