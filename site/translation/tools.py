"""Creating translations through wagtail-localize from code (demo content,
importers), so that the translation is tracked exactly as if an editor had
made it in the admin: sync, status and PO export all keep working."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar, cast

from django.db import models
from wagtail.models import DraftStateMixin, Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

ModelT = TypeVar("ModelT", bound=models.Model)


def translate_instance(
    instance: ModelT,
    locale: Locale,
    strings: Mapping[str, str],
    *,
    publish: bool = True,
) -> ModelT:
    """Translate ``instance`` into ``locale`` using ``strings`` (source text →
    translated text) for its translatable segments, then save the target.

    Segments without an entry fall back to the source text, as wagtail-localize
    does for an incomplete translation. Calling it again updates the same
    translation in place.
    """
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        translated = strings.get(segment.string.data)
        if translated is None:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": translated,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    if isinstance(instance, DraftStateMixin):
        # wagtail-localize publishes in transaction.on_commit; publishing the
        # new revision here makes the result visible inside the caller's
        # transaction too (tests, atomic loaders).
        translation.save_target(publish=False)
        target = translation.get_target_instance()
        if publish:
            target.get_latest_revision().publish()
            target.refresh_from_db()
        return cast(ModelT, target)
    translation.save_target(publish=True)
    # wagtail-localize returns the target as the source's own class.
    return cast(ModelT, translation.get_target_instance())
