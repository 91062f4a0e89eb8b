"""bench/RESULTS.md's growth section (bench.perf.growth): computed from the
page tables of the smallest and largest page counts, replaced at each run."""

from __future__ import annotations

from bench.perf import growth, sections


def section(pages: int, release_ms: float, listing_ms: float, listing_queries: int) -> str:
    return f"""## {pages:,} pages

### Page types

| type | page | URL | status | KiB | requests | median ms | p95 ms | db median ms | queries |
|---|---|---|--:|--:|--:|--:|--:|--:|--:|
| news listing | first page | `/news/` | 200 | 25 | 20 | {listing_ms} | 1.0 | 1.0 | {listing_queries} |
| news listing | page {pages // 74} | `/news/?page={pages // 74}` | 200 | 25 | 20 | 30.0 | 1.0 | 1.0 | 4 |
| release | archive | `/news/gen1-release-{pages}/` | 200 | 14 | 20 | {release_ms} | 1.0 | 1.0 | 5 |

### Load

| target | mode | path | req/s |
"""


def test_the_growth_of_each_page_type_is_computed_and_replaced_at_each_run():
    text = sections.merge("", 10_000, section(10_000, 15.0, 25.0, 4))
    assert growth.HEADING not in text  # one page count: nothing to compare
    text = sections.merge(text, 100_000, section(100_000, 15.0, 40.0, 5))
    grown = text.split(growth.HEADING, 1)[1]
    assert "| release | archive | 15.0 | 15.0 | 1.00 | 5 | yes |" in grown
    # Slower and one more query in the larger archive: not met.
    assert "| news listing | first page | 25.0 | 40.0 | 1.60 | 4 → 5 | **no** |" in grown
    # The deep pages are paired by their place in the table, not their label.
    assert "| news listing | page 135 / page 1351 | 30.0 | 30.0 | 1.00 | 4 | yes |" in grown

    # A new run of one size replaces both its section and the growth section.
    text = sections.merge(text, 100_000, section(100_000, 15.0, 26.0, 4))
    assert text.count(growth.HEADING) == 1 and text.count("## 100,000 pages") == 1
    assert "| news listing | first page | 25.0 | 26.0 | 1.04 | 4 | yes |" in text
