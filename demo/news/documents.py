"""Documents of the news demo whose files the loader writes itself (the
notice's annex tables, the security demo's private document)."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Sequence

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from demo.report import DemoReport
from lifelong_site.models import SiteDocument

DEMO_FILES_FOLDER = "documents/demo"


def csv_bytes(rows: Sequence[Sequence[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    # The byte-order mark makes spreadsheet programs read the Chinese
    # headings as UTF-8 instead of the local code page.
    return buffer.getvalue().encode("utf-8-sig")


def demo_document(
    title: str, filename: str, content: bytes, language: str, report: DemoReport
) -> SiteDocument:
    """A document whose file the loader writes itself; found again by title
    and language, and its file rewritten only when the content changed."""
    document_model = get_document_model()
    storage = document_model._meta.get_field("file").storage
    name = f"{DEMO_FILES_FOLDER}/{filename}"
    if storage.exists(name):
        with storage.open(name) as stored:
            unchanged = stored.read() == content
        if not unchanged:
            storage.delete(name)
    if not storage.exists(name):
        name = storage.save(name, ContentFile(content))
    document = document_model.objects.filter(title=title, language=language).first()
    created = document is None
    if document is None:
        document = document_model(title=title, language=language)
    document.file = name
    document.file_size = len(content)
    # Wagtail uses the SHA-1 of the file to spot duplicate uploads.
    document.file_hash = hashlib.sha1(content).hexdigest()
    document.save()
    report.record(f"文件 {title} ({language})", created)
    return document
