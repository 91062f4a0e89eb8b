"""A guard in front of wagtail-localize's PO file upload.

wagtail-localize 1.14 reads the `X-WagtailLocalize-TranslationID` header of an
uploaded PO file without checking it is there, so a valid PO file from an
agency's own tool (which drops unknown headers) gave a 500 and the translator
no clue. This view answers such a file with the same message as a file made for
another translation, and hands every other upload to wagtail-localize.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import polib
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_localize.views.edit_translation import upload_pofile

TRANSLATION_ID_HEADER = "X-WagtailLocalize-TranslationID"


def _translation_id_header(content: bytes) -> str | None:
    # polib reads a path or a string; a path keeps a file's own text from
    # being taken for a path name (as wagtail-localize does too).
    with tempfile.NamedTemporaryFile(suffix=".po", delete=False) as handle:
        handle.write(content)
    try:
        return polib.pofile(handle.name).metadata.get(TRANSLATION_ID_HEADER)
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    finally:
        Path(handle.name).unlink(missing_ok=True)


@require_POST
def guarded_upload_pofile(request: HttpRequest, translation_id: int) -> HttpResponse:
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("请选择要上传的 PO 文件。"))
        return redirect(get_valid_next_url_from_request(request) or "wagtailadmin_home")
    content = upload.read()
    upload.seek(0)
    if _translation_id_header(content) is None:
        messages.error(
            request,
            _(
                "无法导入：这不是从本译文下载的 PO 文件（缺少译文标识），请先在翻译编辑器中下载 PO 文件，译好后上传同一文件。"
            ),
        )
        return redirect(get_valid_next_url_from_request(request) or "wagtailadmin_home")
    return upload_pofile(request, translation_id)
