"""Demo: a few saved articles imported with the archive importer, so the
demo shows imported pages (approximate dates, a draft stub week) in both
languages. Importing is idempotent, like the rest of the demo."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from wagtail.models import Locale

from demo.report import DemoReport
from news.importing.extract import extract
from news.importing.reading import read_source
from news.importing.writer import file_checksum, import_key, write_article

DEMO_ARCHIVE = Path(__file__).parent / "archive"
FOLDER_LOCALES = {"zh": "zh-hans", "en": "en"}


@transaction.atomic
def load(report: DemoReport) -> None:
    for folder, language_code in FOLDER_LOCALES.items():
        locale = Locale.objects.get(language_code=language_code)
        for path in sorted((DEMO_ARCHIVE / folder).iterdir()):
            if path.suffix == ".md":
                continue
            result = write_article(
                extract(read_source(path)),
                key=import_key(locale, f"demo/{path.name}"),
                checksum=file_checksum(path),
                locale=locale,
                # The demo shows imported pages to readers at once.
                publish=True,
            )
            report.record(f"imported {path.name}", result.action == "created")
