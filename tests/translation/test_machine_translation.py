"""Machine translation behind the glossary: document numbers survive byte for
byte, fixed terms come out as the glossary says, whatever the engine does."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse
from wagtail.rich_text import RichText
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue

from lifelong_site.translation.engines import machine_translator_setting
from lifelong_site.translation.glossary import Glossary, protect
from lifelong_site.translation.machine import GlossaryTranslator
from lifelong_site.translation.models import GlossaryTerm
from tests.factories.news import NewsIndexPageFactory, PressReleasePageFactory
from tests.factories.site import SuperuserFactory
from tests.translation.engines import ManglingEngine, PlaceholderDroppingEngine, mangle_html

pytestmark = pytest.mark.django_db

DOCUMENT_NUMBER = "教职成厅函〔2024〕7号"
SENTENCE = (
    f"教育部办公厅根据{DOCUMENT_NUMBER}部署2024年全民终身学习活动周，辽宁省和沈阳市积极参加。"
)


def strings(*texts: str) -> list[StringValue]:
    return [StringValue(text) for text in texts]


def translate_with(engine, *texts: str) -> list[str | None]:
    translator = GlossaryTranslator({"ENGINE": engine})
    from wagtail.models import Locale

    zh, en = Locale(language_code="zh-hans"), Locale(language_code="en")
    values = strings(*texts)
    results = translator.translate(zh, en, values)
    return [None if results[value] is None else results[value].data for value in values]


def test_an_unprotected_engine_mangles_the_document_number():
    # The hazard the glossary step exists for: without it the 文号 is gone.
    assert DOCUMENT_NUMBER not in mangle_html(SENTENCE)


def test_the_document_number_survives_byte_for_byte(site_tree):
    [english] = translate_with(ManglingEngine, SENTENCE)
    assert DOCUMENT_NUMBER in english
    assert english.count(DOCUMENT_NUMBER) == 1


def test_fixed_terms_regions_and_organisations_come_out_as_the_glossary_says(site_tree):
    [english] = translate_with(ManglingEngine, SENTENCE)
    assert "National Lifelong Learning Activity Week" in english
    assert (
        "General Office of the Ministry of Education" in english
    )  # longest match wins over 教育部
    assert "Liaoning" in english and "Shenyang" in english
    # Prose before the number was translated, not frozen with it.
    assert "根据" not in english


@pytest.mark.parametrize(
    "number",
    [
        "教职成厅函〔2024〕7号",
        "教职成厅函[2024]7号",
        "教职成厅函［2024］7号",
        "教职成厅函【2023】12号",
        "教职成〔2019〕3号",
    ],
)
def test_every_bracket_style_is_protected(site_tree, number):
    [english] = translate_with(ManglingEngine, f"请按照{number}执行。")
    assert number in english


def test_markup_is_left_alone_and_only_text_is_protected():
    glossary = Glossary({"教育部": "Ministry of Education"})
    protected = protect('<a id="a1">教育部</a>发布<b>通知</b>', glossary)
    assert protected.text.startswith('<a id="a1"><x-keep id="0"/></a>')
    assert (
        protected.restore(protected.text) == '<a id="a1">Ministry of Education</a>发布<b>通知</b>'
    )


def test_a_placeholder_lost_by_the_engine_leaves_the_string_for_the_translator(site_tree):
    # Better untranslated than published with a hole where the 文号 was.
    assert translate_with(PlaceholderDroppingEngine, SENTENCE) == [None]


def test_placeholders_in_another_form_are_still_restored():
    glossary = Glossary({"教育部": "Ministry of Education"})
    protected = protect("教育部", glossary)
    assert (
        protected.restore("The <x-keep id='0'></x-keep> said") == "The Ministry of Education said"
    )
    assert protected.restore("The <X-KEEP id=0 /> said") == "The Ministry of Education said"
    assert protected.restore("The said") is None
    assert protected.restore('<x-keep id="0"/> and <x-keep id="0"/>') is None


def test_an_editors_term_takes_effect_at_once_and_wins_over_snippet_names(site_tree):
    GlossaryTerm.objects.update_or_create(source="辽宁省", defaults={"target": "Liaoning Province"})
    GlossaryTerm.objects.create(
        source="学习成果展", target="Learning Achievements Exhibition", kind="term"
    )
    [english] = translate_with(ManglingEngine, "辽宁省举办学习成果展。")
    assert "Liaoning Province" in english and "Learning Achievements Exhibition" in english


def test_seed_terms_are_loaded_by_the_migration():
    assert GlossaryTerm.objects.get(source="百姓学习之星").target == "Learning Star"
    assert (
        GlossaryTerm.objects.get(source="全民终身学习活动周").target
        == "National Lifelong Learning Activity Week"
    )


def test_engine_choice_comes_from_settings():
    assert machine_translator_setting("none") is None
    assert machine_translator_setting("") is None
    deepl = machine_translator_setting("DeepL", {"AUTH_KEY": "k:fx"})
    assert deepl["CLASS"].endswith("GlossaryTranslator")
    assert deepl["OPTIONS"]["ENGINE"].endswith("DeepLTranslator")
    assert deepl["OPTIONS"]["ENGINE_OPTIONS"] == {"AUTH_KEY": "k:fx"}
    with pytest.raises(ValueError, match="Unknown machine translation engine"):
        machine_translator_setting("babelfish")


class FakeLibreTranslate(BaseHTTPRequestHandler):
    """A LibreTranslate-compatible HTTP endpoint that mangles like a free engine."""

    requests: list[dict] = []

    def do_POST(self) -> None:
        payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append(payload)
        body = json.dumps({"translatedText": [mangle_html(text) for text in payload["q"]]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def libretranslate_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeLibreTranslate)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeLibreTranslate.requests = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_a_libretranslate_server_gets_placeholders_and_the_number_comes_back(
    site_tree, libretranslate_url
):
    from wagtail.models import Locale

    setting = machine_translator_setting(
        "libretranslate", {"LIBRETRANSLATE_URL": libretranslate_url, "API_KEY": ""}
    )
    translator = GlossaryTranslator(setting["OPTIONS"])
    [value] = strings(SENTENCE)
    result = translator.translate(
        Locale.objects.get(language_code="zh-hans"), Locale.objects.get(language_code="en"), [value]
    )
    [sent] = FakeLibreTranslate.requests[0]["q"]
    assert DOCUMENT_NUMBER not in sent and "<x-keep" in sent  # the engine never saw the number
    assert FakeLibreTranslate.requests[0]["format"] == "html"
    assert DOCUMENT_NUMBER in result[value].data


def release_with_document_number(site_tree):
    news = NewsIndexPageFactory(parent=site_tree.home_zh)
    release = PressReleasePageFactory(
        parent=news,
        title="全民终身学习活动周在沈阳开幕",
        body=[("paragraph", RichText(f"<p>{SENTENCE}</p>"))],
    )
    release.save_revision().publish()
    return release


def test_machine_draft_through_the_translation_editor_keeps_the_number(site_tree, client, settings):
    """The whole path an editor takes: create the translation, press
    "Translate with machine" (wagtail-localize's view), publish."""
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator_setting("phrasebook")
    release = release_with_document_number(site_tree)
    source, _ = TranslationSource.get_or_create_from_instance(release)
    translation = Translation.objects.create(source=source, target_locale=site_tree.en)
    translation.save_target(publish=False)
    client.force_login(SuperuserFactory())
    response = client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.id]), {"next": "/admin/"}
    )
    assert response.status_code == 302
    drafts = StringTranslation.objects.filter(
        locale=site_tree.en, translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
    )
    assert drafts.count() >= 2
    assert {draft.tool_name for draft in drafts} == {get_machine_translator().display_name}
    translation.save_target(publish=True)
    english = translation.get_target_instance()
    assert english.title == "National Lifelong Learning Activity Week in Shenyang opened"
    body_html = str(english.body[0].value)
    assert DOCUMENT_NUMBER in body_html
    assert "General Office of the Ministry of Education" in body_html
    assert "National Lifelong Learning Activity Week" in body_html
