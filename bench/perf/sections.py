"""bench/RESULTS.md holds one section per page count (`## 10,000 pages`):
a run replaces its own section and keeps the others, in page-count order."""

from __future__ import annotations

import re

from bench.perf import growth

TITLE = "# Performance at archive scale"
INTRO = (
    "Written by `bench/run` (see bench/README.md): the site built with N generated pages, served by "
    "gunicorn and nginx on one machine, measured one page type at a time and under load. Each page "
    "count has its own section, replaced when it is run again."
)
_HEADING = re.compile(r"^## ([\d,]+) pages\s*$", re.MULTILINE)


def heading(pages: int) -> str:
    return f"## {pages:,} pages"


def merge(existing: str, pages: int, section: str) -> str:
    """`existing` with the section of `pages` replaced by `section` (which
    starts with its heading) or added in page-count order, then the growth
    section (bench.perf.growth) computed again from them."""
    existing = existing.split(f"\n{growth.HEADING}", 1)[0]
    matches = list(_HEADING.finditer(existing))
    header = existing[: matches[0].start()] if matches else ""
    if not header.strip().startswith(TITLE):
        header = f"{TITLE}\n\n{INTRO}\n\n"
    sections: dict[int, str] = {}
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(existing)
        sections[int(match[1].replace(",", ""))] = existing[match.start() : end].rstrip() + "\n"
    sections[pages] = section.rstrip() + "\n"
    text = header.rstrip() + "\n\n" + "\n".join(sections[count] for count in sorted(sections))
    grown = growth.growth_section(sections)
    return text + ("\n" + grown if grown else "")
