"""How a size becomes pages: counts per type, slugs, translation keys and
which pages get an English translation.

Every generated page has a key, ``<kind>-<n>`` (``release-0``, ``notice-17``…),
numbered per type from 0. Its slug is ``gen<seed>-<kind>-<n>``, its content
comes from ``random.Random(f"{seed}:{key}")`` and its translation key is a
UUID derived from (seed, key): the same seed and size always describe the
same pages, and a larger size adds pages after the existing ones.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass

FIRST_YEAR, LAST_YEAR = 2005, 2024
YEARS = tuple(range(FIRST_YEAR, LAST_YEAR + 1))

# Share of the generated pages (both languages) per type. Each week has at
# most one gallery (CeremonyGalleryPage.max_count_per_parent), so galleries
# are made per week in ``structure`` and their share goes to releases.
MIX = {"release": 0.65, "notice": 0.15, "star": 0.12, "project": 0.08}
TRANSLATED_KINDS = ("release", "notice")
KINDS = ("release", "notice", "star", "project")

_NAMESPACE = uuid.UUID("0b7f3c52-9d1e-5a64-8c2b-6e1d2024a7c9")


def slug_prefix(seed: int) -> str:
    return f"gen{seed}-"


@dataclass(frozen=True)
class Plan:
    pages: int
    seed: int
    english_share: float

    # --- Counts ----------------------------------------------------------------
    def _chinese_count(self, kind: str) -> int:
        share = MIX[kind] * self.pages
        return round(share / (1 + self.english_share)) if kind in TRANSLATED_KINDS else round(share)

    def chinese_count(self, kind: str) -> int:
        """Chinese pages of a type; projects take what rounding leaves."""
        if kind != "project":
            return self._chinese_count(kind)
        others = sum(self.chinese_count(k) + self.english_count(k) for k in KINDS if k != "project")
        return max(self.pages - others, 0)

    def english_count(self, kind: str) -> int:
        return int(self.chinese_count(kind) * self.english_share) if kind in TRANSLATED_KINDS else 0

    def total(self) -> int:
        return sum(self.chinese_count(kind) + self.english_count(kind) for kind in KINDS)

    # --- One page ----------------------------------------------------------------
    def has_english(self, kind: str, n: int) -> bool:
        """Spread the translations evenly: page n is translated when the running
        count int(n * share) steps up, so exactly int(count * share) are."""
        if kind not in TRANSLATED_KINDS:
            return False
        share = self.english_share
        return int((n + 1) * share) > int(n * share)

    def slug(self, kind: str, n: int) -> str:
        return f"{slug_prefix(self.seed)}{kind}-{n}"

    def rng(self, kind: str, n: int) -> random.Random:
        return random.Random(f"{self.seed}:{kind}-{n}")

    def translation_key(self, kind: str, n: int) -> uuid.UUID:
        return uuid.uuid5(_NAMESPACE, f"{self.seed}:{kind}-{n}")


def block_id(rng: random.Random) -> str:
    """A StreamField block id drawn from the page's generator (deterministic)."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def structure_key(label: str) -> uuid.UUID:
    """Translation key of a shared page (a week, its indexes, its gallery)."""
    return uuid.uuid5(_NAMESPACE, f"structure:{label}")
