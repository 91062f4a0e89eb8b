"""Which machine translation engine wagtail-localize uses, from settings.

Kept free of Django imports: the settings module calls it before any app is
loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ENGINES = {
    "deepl": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
    "libretranslate": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
    "phrasebook": "lifelong_site.translation.machine.PhrasebookTranslator",
}


def machine_translator_setting(
    engine: str, options: Mapping[str, Any] | None = None
) -> dict[str, Any] | None:
    """The WAGTAILLOCALIZE_MACHINE_TRANSLATOR value for an engine name from the
    environment ("none" switches machine translation off, and wagtail-localize
    then hides its button)."""
    engine = (engine or "none").strip().lower()
    if engine in ("", "none", "off"):
        return None
    if engine not in ENGINES:
        raise ValueError(
            f"Unknown machine translation engine {engine!r}; use one of none, {', '.join(ENGINES)}."
        )
    return {
        "CLASS": "lifelong_site.translation.machine.GlossaryTranslator",
        "OPTIONS": {"ENGINE": ENGINES[engine], "ENGINE_OPTIONS": dict(options or {})},
    }
