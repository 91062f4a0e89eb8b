"""Segmentation, stemming and query words (no database)."""

from __future__ import annotations

import pytest

from search.analysis import highlight_words, index_terms, query_groups
from search.highlight import snippet


def test_two_character_words_are_indexed_inside_a_long_title():
    terms = index_terms("全民终身学习活动周开幕式在沈阳举行")
    assert {"沈阳", "终身", "学习", "开幕式", "全民终身学习活动周"} <= set(terms)
    assert "在" not in terms  # function words are not indexed


def test_campaign_terms_stay_whole_and_keep_their_parts():
    terms = index_terms("推介百姓学习之星")
    assert {"百姓学习之星", "学习", "之星"} <= set(terms)
    assert query_groups("学习之星")[0].parts == ("学习", "之星")


@pytest.mark.parametrize(
    ("query", "word", "parts"),
    [
        ("沈阳市", "沈阳市", ("沈阳",)),
        ("终身学习", "终身学习", ("终身", "学习")),
        ("沈阳", "沈阳", ()),
    ],
)
def test_a_long_query_word_also_matches_through_its_parts(query, word, parts):
    [group] = query_groups(query)
    assert (group.word, group.parts) == (word, parts)


def test_english_is_stemmed_the_same_at_index_and_query_time():
    assert index_terms("Opening ceremonies were held") == ["open", "ceremoni", "held"]
    assert [g.word for g in query_groups("opening ceremony")] == ["open", "ceremoni"]


def test_full_width_and_control_characters_are_normalised():
    assert index_terms("２０２４\x00年") == ["2024", "年"]
    assert query_groups("\x07\x00") == []


def test_a_query_of_only_stop_words_still_searches_something():
    assert [g.word for g in query_groups("的")] == ["的"]


def test_snippet_marks_words_and_escapes_markup():
    text = "前言。" * 30 + "开幕式在沈阳举行。<script>alert(1)</script>"
    result = str(snippet(text, highlight_words("沈阳")))
    assert "<mark>沈阳</mark>" in result
    assert "<script>" not in result and "&lt;script&gt;" in result
    assert result.startswith("…")


def test_english_highlight_matches_other_forms_of_the_word():
    result = str(snippet("The opening ceremonies were held.", highlight_words("ceremony")))
    assert "<mark>ceremon</mark>ies" in result
