"""Base forms of the image and document admin (WAGTAILIMAGES_IMAGE_FORM_BASE,
WAGTAILDOCS_DOCUMENT_FORM_BASE), used by the single and multiple uploaders
alike.

Wagtail writes the uploaded file to storage inside the model's save, after
the form has been accepted: a full disk or a read-only media folder then
ends in a 500 and the editor loses what they typed. Here the file is written
while the form is validated instead, so that such a failure becomes an
ordinary form error (a JSON error in the multiple uploader) and nothing is
created in the database. Documents also have their content checked against
their extension (uploads), and images their pixel count read from the
header before anything is decoded (BombSafeImageField).
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.forms import ModelForm
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL.Image import DecompressionBombError
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .storage_errors import OBJECT_STORAGE_ERRORS, OBJECT_STORAGE_UNAVAILABLE
from .uploads import STORAGE_UNAVAILABLE, file_extension, validate_document_content

logger = logging.getLogger(__name__)


class StoreFileWhileValidating(ModelForm):
    def _post_clean(self) -> None:
        # After Django has copied the cleaned data to the instance and run the
        # model's own validation (Wagtail's extension check among it), so only
        # an otherwise acceptable file is written. Django's save then sees a
        # committed file and does not write it again.
        super()._post_clean()  # type: ignore[misc]  # Django's hook; django-stubs leave it out
        if self.errors or "file" not in self.fields:
            return
        field_file = self.instance.file
        if not field_file or field_file._committed:
            return  # no new file: an edit that keeps the current one
        try:
            field_file.save(field_file.name, field_file.file, save=False)
        except OSError:
            # ENOSPC, EDQUOT, EACCES, EROFS...: nothing the editor can fix,
            # so the administrators get the details in the log.
            logger.exception("Upload of %r could not be stored", field_file.name)
            self.add_error("file", STORAGE_UNAVAILABLE)
        except OBJECT_STORAGE_ERRORS:
            # Object storage unreachable or refusing (settings/object_storage.py).
            logger.exception("Upload of %r could not be stored in object storage", field_file.name)
            self.add_error("file", OBJECT_STORAGE_UNAVAILABLE)


class BombSafeImageField(WagtailImageField):
    """Wagtail's image field, refusing decompression bombs before decoding.

    Wagtail compares WAGTAILIMAGES_MAX_IMAGE_PIXELS with the size Willow
    reports, but Willow fully decodes the image to report it: a small PNG
    claiming 9000 x 9000 pixels is decompressed into memory first, and a
    truncated one raises OSError (a 500). Here the size is read from the
    header alone (Pillow's open is lazy), and what Pillow itself refuses,
    DecompressionBombError or a broken file, is a form error.
    """

    def to_python(self, data: Any) -> Any:
        if data is not None and hasattr(data, "read") and self.max_image_pixels is not None:
            self.check_header_pixels(data)
        try:
            return super().to_python(data)
        except (DecompressionBombError, OSError) as error:
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error

    def check_header_pixels(self, data: Any) -> None:
        try:
            with PILImage.open(data) as header:
                pixels = header.width * header.height
        except DecompressionBombError as error:
            raise self.too_many_pixels(
                _("超过 %(limit)s") % {"limit": 2 * (PILImage.MAX_IMAGE_PIXELS or 0)}
            ) from error
        except Exception:
            return
        finally:
            data.seek(0)
        if pixels > self.max_image_pixels:
            raise self.too_many_pixels(pixels)

    def too_many_pixels(self, pixels: object) -> ValidationError:
        return ValidationError(
            self.error_messages["file_too_many_pixels"]
            % {"num_pixels": pixels, "max_pixels_count": self.max_image_pixels},
            code="file_too_many_pixels",
        )


class ImageForm(StoreFileWhileValidating, BaseImageForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Wagtail builds the file field itself (formfield_for_dbfield); it is
        # replaced here, with the same options, by the one that refuses bombs.
        field = self.fields.get("file")
        if isinstance(field, WagtailImageField) and not isinstance(field, BombSafeImageField):
            self.fields["file"] = BombSafeImageField(
                label=field.label,
                required=field.required,
                widget=field.widget,
                max_length=field.max_length,
            )


class DocumentForm(StoreFileWhileValidating, BaseDocumentForm):
    def _post_clean(self) -> None:
        # Wagtail's Document.clean() checks the extension of whatever file the
        # instance has; after the field refused the upload that is no file at
        # all, and the editor would read a second, baffling error about an
        # empty extension ("“”") under the real one.
        refused = len(self._errors.get("file", []))
        super()._post_clean()
        if refused:
            del self._errors["file"][refused:]

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        # Only a new upload with an allowed extension: a refused extension
        # gets Wagtail's own message from the model's clean().
        if (
            isinstance(upload, UploadedFile)
            and file_extension(upload.name or "") in settings.WAGTAILDOCS_EXTENSIONS
        ):
            validate_document_content(upload)
        return upload
