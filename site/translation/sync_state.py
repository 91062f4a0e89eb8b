"""Whether a translation still matches its source.

wagtail-localize copies the source's text into a `TranslationSource` when a
translation is created or synced ("Sync translated pages"); republishing the
source does not touch it. So a translation is *outdated* exactly when the
source page was published after its TranslationSource was last updated. Where
a translation was made without wagtail-localize (no TranslationSource), the
translation's own last publication stands in for the sync time.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from lifelong_site.i18n import TranslationState

# The status report's words for each state (lifelong_site.i18n.TranslationState).
STATE_LABELS = {
    TranslationState.MISSING: _("未翻译"),
    TranslationState.DRAFT: _("草稿"),
    TranslationState.OUTDATED: _("已过时"),
    TranslationState.CURRENT: _("最新"),
}


def is_outdated(source_published_at: dt.datetime | None, synced_at: dt.datetime | None) -> bool:
    """True when the source was published after the translation last took its text."""
    if source_published_at is None or synced_at is None:
        return False
    return source_published_at > synced_at


def translation_state(
    *,
    translation_exists: bool,
    translation_live: bool,
    source_published_at: dt.datetime | None,
    synced_at: dt.datetime | None,
) -> TranslationState:
    """Outdated wins over draft: either way the translator's next step is to
    sync with the source first."""
    if not translation_exists:
        return TranslationState.MISSING
    if is_outdated(source_published_at, synced_at):
        return TranslationState.OUTDATED
    if not translation_live:
        return TranslationState.DRAFT
    return TranslationState.CURRENT


def state_label(state: TranslationState) -> str:
    return str(STATE_LABELS[state])
