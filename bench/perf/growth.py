"""The growth section of bench/RESULTS.md: each page type's median time and
queries at the smallest and the largest page count measured, and their
ratio. The goal of the issue "Uncached speed" is a ratio of at most 1.2:
what a page costs must not grow with the archive.

Read from the sections' own "Page types" tables, so it always compares the
figures the file shows. Rows are paired by page type and their order within
it (the archive's URLs differ between sizes: `gen1-release-2708` at 10,000
pages is `gen1-release-27083` at 100,000; the deep listing page is page 136
or 1,354)."""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADING = "## Growth with the archive"
GOAL = 1.2
_PAGE_TYPES = re.compile(r"^### Page types\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Row:
    kind: str
    label: str
    median_ms: float
    queries: int


def page_rows(section: str) -> dict[tuple[str, int], Row]:
    """(type, position within the type) → the row, from a section's page table."""
    found = _PAGE_TYPES.search(section)
    if found is None:
        return {}
    rows: dict[tuple[str, int], Row] = {}
    seen: dict[str, int] = {}
    for line in section[found.end() :].splitlines():
        if line.startswith("### "):
            break
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        # type | page | URL | status | KiB | requests | median | p95 | db | queries
        if len(cells) != 10 or not re.fullmatch(r"[\d.]+", cells[6]):
            continue
        kind = cells[0]
        position = seen.get(kind, 0)
        seen[kind] = position + 1
        rows[(kind, position)] = Row(kind, cells[1], float(cells[6]), int(cells[9] or 0))
    return rows


def growth_section(sections: dict[int, str]) -> str:
    """The section comparing the smallest and largest page counts, or "" with
    fewer than two."""
    if len(sections) < 2:
        return ""
    small, large = min(sections), max(sections)
    before, after = page_rows(sections[small]), page_rows(sections[large])
    lines = [
        HEADING,
        "",
        f"Median application time and SQL queries of each page type at {small:,} and "
        f"{large:,} pages (the sections above), and the ratio {large:,} / {small:,}. "
        f"Goal: at most {GOAL:g}. Compare runs of the same day: the machine's speed varies "
        "between days more than the archive's size moves these figures.",
        "",
        f"| type | page | {small:,} ms | {large:,} ms | ratio | queries | goal |",
        "|---|---|--:|--:|--:|--:|:-:|",
    ]
    for key, row in before.items():
        other = after.get(key)
        if other is None or row.median_ms <= 0:
            continue
        ratio = other.median_ms / row.median_ms
        queries = (
            str(row.queries) if row.queries == other.queries else f"{row.queries} → {other.queries}"
        )
        met = "yes" if ratio <= GOAL and other.queries <= row.queries else "**no**"
        label = row.label if row.label == other.label else f"{row.label} / {other.label}"
        lines.append(
            f"| {row.kind} | {label} | {row.median_ms:.1f} | {other.median_ms:.1f} | "
            f"{ratio:.2f} | {queries} | {met} |"
        )
    return "\n".join(lines) + "\n"
