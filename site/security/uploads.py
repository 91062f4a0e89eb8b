"""What an uploaded document must contain to be accepted (see docs/uploads.md).

The extension alone says nothing: anyone can name an HTML page report.pdf,
and a browser that sniffs it would run its script on the site's origin. So
every document is read and its first bytes compared with what its extension
promises; no external library (python-magic) is needed for the few formats
the site accepts. Extensions are checked by Wagtail (WAGTAILDOCS_EXTENSIONS);
an allowed extension without a rule here is refused rather than trusted.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from collections.abc import Callable, Iterator
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext_lazy as _

PDF_MAGIC = b"%PDF-"
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # Compound File: .doc, .xls, .wps, .et
ZIP_MAGIC = b"PK\x03\x04"
TEXT_CHUNK = 64 * 1024
# Markup that makes a browser (or a careless viewer) treat text as a page or
# an image with script. Looked for anywhere in a text file, case-insensitive.
MARKUP = re.compile(
    r"<\s*(?:html|head|body|script|svg|iframe|frameset|frame|object|embed|meta|style|base|form|img|math)(?=[\s/>])"
    r"|<!doctype|<\?xml|<!\[cdata\[",
    re.IGNORECASE,
)
# Longest stretch of MARKUP, kept between chunks so a tag split by a chunk
# boundary is still found.
MARKUP_OVERLAP = 16

CONTENT_MISMATCH = _(
    "文件内容与扩展名“.%(extension)s”不符，已拒绝上传。请上传原始文件，不要只修改扩展名。"
)
EMPTY_FILE = _("文件是空的，请重新选择。")
UNVERIFIABLE = _("无法核验“.%(extension)s”文件的内容，暂不接受此类文件。")
TEXT_ENCODING = _("文本文件须为 UTF-8 或 GB18030 编码的纯文本（在编辑器中“另存为 UTF-8”即可）。")
TEXT_MARKUP = _("文本文件中含有网页、脚本或 SVG 代码，出于安全原因不能上传。")
STORAGE_UNAVAILABLE = _("无法保存文件：服务器存储空间不足或不可写，请联系管理员。")


def mismatch(extension: str) -> ValidationError:
    return ValidationError(
        CONTENT_MISMATCH, code="content_mismatch", params={"extension": extension}
    )


def starts_with(magic: bytes) -> Callable[[IO[bytes], str], None]:
    def check(stream: IO[bytes], extension: str) -> None:
        if stream.read(len(magic)) != magic:
            raise mismatch(extension)

    return check


def zip_with(predicate: Callable[[zipfile.ZipFile], bool]) -> Callable[[IO[bytes], str], None]:
    """A ZIP whose central directory can be read and whose entries are
    those of the promised format (nothing is decompressed but `mimetype`)."""

    def check(stream: IO[bytes], extension: str) -> None:
        if stream.read(len(ZIP_MAGIC)) != ZIP_MAGIC:
            raise mismatch(extension)
        stream.seek(0)
        try:
            with zipfile.ZipFile(stream) as archive:
                valid = predicate(archive)
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            KeyError,
            OSError,
            ValueError,
            NotImplementedError,
        ):
            valid = False
        if not valid:
            raise mismatch(extension)

    return check


def any_zip(archive: zipfile.ZipFile) -> bool:
    return True


def office_open_xml(folder: str) -> Callable[[zipfile.ZipFile], bool]:
    def check(archive: zipfile.ZipFile) -> bool:
        names = archive.namelist()
        return "[Content_Types].xml" in names and any(name.startswith(folder) for name in names)

    return check


def open_document(mimetype: bytes) -> Callable[[zipfile.ZipFile], bool]:
    def check(archive: zipfile.ZipFile) -> bool:
        # The standard puts an uncompressed `mimetype` entry first; read at
        # most a line of it whatever its declared size.
        with archive.open("mimetype") as entry:
            return entry.read(128).strip() == mimetype

    return check


def ofd_package(archive: zipfile.ZipFile) -> bool:
    # GB/T 33190: the package's entry file is OFD.xml at the root.
    return "OFD.xml" in archive.namelist()


def chunks(stream: IO[bytes]) -> Iterator[bytes]:
    while chunk := stream.read(TEXT_CHUNK):
        yield chunk


def decodes_as(stream: IO[bytes], encoding: str) -> Iterator[str]:
    stream.seek(0)
    decoder = codecs.getincrementaldecoder(encoding)()
    for chunk in chunks(stream):
        yield decoder.decode(chunk)
    yield decoder.decode(b"", final=True)


def plain_text(stream: IO[bytes], extension: str) -> None:
    """UTF-8 (with or without BOM) or GB18030, no NUL, no markup. Text is
    served as a download, but a file that is really a page is refused all
    the same: it has no business among the annexes."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            has_markup = contains_markup(decodes_as(stream, encoding))
        except UnicodeDecodeError:
            continue
        if has_markup:
            raise ValidationError(TEXT_MARKUP, code="text_markup")
        return
    raise ValidationError(TEXT_ENCODING, code="text_encoding")


def contains_markup(pieces: Iterator[str]) -> bool:
    """Whether the text carries markup; raises UnicodeDecodeError (from the
    decoder) or ValidationError (a NUL byte)."""
    tail = ""
    start = True
    for piece in pieces:
        if "\x00" in piece:
            # UTF-16 text has NUL in every other byte; so do binary files.
            raise ValidationError(TEXT_ENCODING, code="text_encoding")
        window = tail + piece
        # What browsers sniff as HTML starts with "<" (WHATWG MIME sniffing).
        if start and window.strip():
            if window.lstrip().startswith("<"):
                return True
            start = False
        if MARKUP.search(window):
            return True
        tail = window[-MARKUP_OVERLAP:]
    return False


# Extension -> check of the content. Every WAGTAILDOCS_EXTENSIONS entry needs one.
CONTENT_RULES: dict[str, Callable[[IO[bytes], str], None]] = {
    "pdf": starts_with(PDF_MAGIC),
    "doc": starts_with(OLE2_MAGIC),
    "xls": starts_with(OLE2_MAGIC),
    "wps": starts_with(OLE2_MAGIC),
    "et": starts_with(OLE2_MAGIC),
    "docx": zip_with(office_open_xml("word/")),
    "xlsx": zip_with(office_open_xml("xl/")),
    "odt": zip_with(open_document(b"application/vnd.oasis.opendocument.text")),
    "ods": zip_with(open_document(b"application/vnd.oasis.opendocument.spreadsheet")),
    "ofd": zip_with(ofd_package),
    "zip": zip_with(any_zip),
    "txt": plain_text,
    "csv": plain_text,
}


def file_extension(name: str) -> str:
    return name.rpartition(".")[2].lower() if "." in name else ""


def validate_document_content(upload: File) -> None:
    """Refuse a document whose bytes are not what its extension says."""
    extension = file_extension(upload.name or "")
    if upload.size == 0:
        raise ValidationError(EMPTY_FILE, code="empty")
    rule = CONTENT_RULES.get(extension)
    if rule is None:
        raise ValidationError(UNVERIFIABLE, code="unverifiable", params={"extension": extension})
    upload.seek(0)
    try:
        rule(upload, extension)
    finally:
        upload.seek(0)
