"""Upload limits and checks (see docs/uploads.md).

The checks themselves live in lifelong_site.security: the content of every
document is compared with its extension (uploads), the admin forms turn a
full or read-only media folder into a form error (upload_forms), and served
documents get a strict policy and are hidden while only drafts use them
(upload_hooks). The allowed document extensions are WAGTAILDOCS_EXTENSIONS in
base.py; each needs a content rule in lifelong_site.security.uploads.
"""

from __future__ import annotations

from PIL import Image as _PillowImage

_MEGABYTE = 1024 * 1024

# Images: ceremony photos straight from a camera are 5-15 MB.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * _MEGABYTE
# Decompression bombs: a few kilobytes of PNG can claim 100 000 x 100 000
# pixels. Wagtail reads the size from the header and refuses more than this
# (all frames of an animation counted) before anything is decoded; a 60 MP
# camera is the largest a photographer will bring.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 60_000_000
# Pillow's own guard, which also covers renditions and imports: it warns
# above this and refuses above twice this, before decoding. Set here because
# settings are the one thing every process loads first, and so that nothing
# can have switched it off (None) to silence the warning.
_PillowImage.MAX_IMAGE_PIXELS = WAGTAILIMAGES_MAX_IMAGE_PIXELS
# Explicit, so that SVG (which can carry script) can never be switched on by
# a Wagtail default changing. Wagtail also checks that the decoded format
# matches the extension (a PNG named .jpg is refused).
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "lifelong_site.security.upload_forms.ImageForm"

# Documents: Wagtail's document field enforces this limit (the multiple
# uploader checks it in the browser too). Annexes are scans and spreadsheets.
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * _MEGABYTE
WAGTAILDOCS_DOCUMENT_FORM_BASE = "lifelong_site.security.upload_forms.DocumentForm"
# Always through Wagtail's view, so that collection privacy and the draft rule
# run for every download; the web server must not serve /media/documents/.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Only PDF opens in the browser; everything else, text included, downloads,
# so that an uploaded file can never be rendered as a page of the site.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
# Content types fixed here rather than guessed from the server's mime.types,
# which differs between machines. WPS and ET (Kingsoft Office) have no
# registered type and download as plain bytes.
WAGTAILDOCS_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "wps": "application/octet-stream",
    "et": "application/octet-stream",
    "ofd": "application/ofd",
    "txt": "text/plain",
    "csv": "text/csv",
    "zip": "application/zip",
}
# Served documents get their Content-Security-Policy from the send-file
# backend below (stricter than Wagtail's "default-src 'none'", which would
# otherwise overwrite it after the backend has run).
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = False
SENDFILE_BACKEND = "lifelong_site.security.upload_hooks"
