"""Demo content of the translation workflow: the glossary, and one English
translation deliberately left behind its Chinese source so that the status
report, the English page's notice and the translators' email all show it.

Runs after demo.news.listings, which re-syncs every translation: the Chinese
release is then corrected and republished here, so a fresh `load_demo` always
leaves it outdated (and only adds a revision when it is not outdated already).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from wagtail_localize.models import TranslationSource

from demo.report import DemoReport
from demo.tools import publish, source_home, sync_children
from lifelong_site.translation.glossary import load_glossary_terms
from lifelong_site.translation.models import GlossaryTerm
from lifelong_site.translation.sync_state import is_outdated

OUTDATED_SLUG = "2020-national-opening-shanghai"
CORRECTION = (dt.date(2020, 11, 3), "补充：开幕式设上海主会场和线上分会场，正文已补充相关说明。")


@transaction.atomic
def load(report: DemoReport) -> None:
    from news.models import PressReleasePage

    created = load_glossary_terms(GlossaryTerm)
    report.record("术语表 / Glossary", created > 0)
    _home, zh, en = source_home()
    page = PressReleasePage.objects.filter(locale=zh, slug=OUTDATED_SLUG).first()
    if page is None or not page.has_translation(en):
        return
    source = TranslationSource.objects.filter(object_id=page.translation_key, locale=zh).first()
    if source is not None and is_outdated(page.last_published_at, source.last_updated_at):
        return
    changed_on, note = CORRECTION
    sync_children(page, "change_notes", [{"changed_on": changed_on, "note": note}])
    publish(page)
    report.notes.append(
        f"Outdated English translation (source corrected after translation): {page.url}"
    )
