"""The one reader of public query parameters (lifelong_site.query_params):
each kind, each guard, strict parsing, messages and query strings."""

from __future__ import annotations

import datetime as dt
from urllib.parse import unquote

import pytest
from django.http import QueryDict
from django.test import RequestFactory
from django.utils import translation

from lifelong_site.query_params import (
    PAGE_MESSAGE,
    QUERY_ERROR,
    Choice,
    ChoiceList,
    Date,
    Integer,
    QuerySpec,
    Slug,
    Text,
    Year,
    clean_text,
    parse,
    query_string,
    request_query,
    serialize,
)

PAGE = Integer("page", min_value=1, max_value=99_999, default=1, message=PAGE_MESSAGE)


def read(spec: QuerySpec, query: str, **options):
    return parse(QueryDict(query), spec, **options)


# --- Kinds ------------------------------------------------------------------------------


def test_an_absent_or_blank_parameter_is_its_default():
    spec = QuerySpec(PAGE, Year("year"), Text("tag"), ChoiceList("type", choices=("a", "b")))
    parsed = read(spec, "page=%20%20&year=")
    assert parsed.ok
    assert parsed.values == {"page": 1, "year": None, "tag": "", "type": []}
    # Each parse has its own list.
    assert read(spec, "").values["type"] is not parsed.values["type"]


def test_integer_within_bounds():
    spec = QuerySpec(PAGE)
    assert read(spec, "page=%202%20")["page"] == 2
    assert read(spec, "page=99999")["page"] == 99_999
    for bad in ("0", "100000", "-1", "1e9", "1.5", "abc", "%2B3"):
        parsed = read(spec, f"page={bad}")
        assert parsed.errors == {"page": f"页码“{unquote(bad)}”无效。"}, bad
        assert parsed["page"] == 1


@pytest.mark.parametrize("value", ["²", "١٢", "１２", "߁"])
def test_unicode_digits_are_not_numbers(value):
    # str.isdigit() accepts all of these; int() refuses "²" and reads the others.
    assert value.isdigit()
    assert read(QuerySpec(PAGE), f"page={value}").errors == {"page": f"页码“{value}”无效。"}


def test_a_number_with_thousands_of_digits_never_reaches_int():
    # int() refuses more than 4,300 digits with a ValueError of its own.
    parsed = read(QuerySpec(PAGE), "page=" + "9" * 5000)
    assert parsed.errors == {"page": "页码“99999999999999999999”无效。"}
    assert read(QuerySpec(PAGE), "page=" + "0" * 19 + "7")["page"] == 7


def test_year_bounds_and_message():
    spec = QuerySpec(Year("year"), Year("since", min_value=1949, message="%(min)s–%(max)s"))
    assert read(spec, "year=2024&since=1949").values == {"year": 2024, "since": 1949}
    assert read(spec, "year=1899").errors == {"year": "年份应为四位数字，例如 2024。"}
    assert read(spec, "since=1948").errors == {"since": "1949–2100"}


def test_strict_text_refuses_long_values_and_control_characters():
    spec = QuerySpec(Text("tag", max_length=10))
    assert read(spec, "tag=%20开幕式%20")["tag"] == "开幕式"
    assert read(spec, "tag=" + "x" * 11).errors == {"tag": "筛选条件过长。"}
    for control in ("%00", "%07", "%1B", "%7F"):
        assert read(spec, f"tag=a{control}b").errors == {"tag": "筛选条件包含无效字符。"}, control


def test_clean_text_is_never_refused():
    spec = QuerySpec(Text("q", max_length=8, clean=True))
    assert read(spec, "q=%20a%00b%0A%0Ac%7Fd%20")["q"] == "a b c d"
    assert read(spec, "q=" + "学" * 50)["q"] == "学" * 8
    assert read(spec, "q=%00%01%20").values == {"q": ""}
    assert clean_text("x\ty\x00", 200) == "x y"


def test_slug():
    spec = QuerySpec(Slug("region", message="bad %(value)s"))
    assert read(spec, "region=liaoning")["region"] == "liaoning"
    for bad in ("Liaoning", "../etc", "liao ning", "x" * 61, "辽宁"):
        assert read(spec, f"region={bad}").errors["region"].startswith("bad "), bad


def test_choice_and_its_spellings():
    spec = QuerySpec(
        Choice("sort", choices=("relevance", "date"), default="relevance"),
        Choice("lang", choices={"zh": "zh-hans", "zh-hans": "zh-hans", "en": "en"}, default=""),
    )
    assert read(spec, "sort=date&lang=zh").values == {"sort": "date", "lang": "zh-hans"}
    parsed = read(spec, "sort=DATE&lang=fr")
    assert set(parsed.errors) == {"sort", "lang"}
    assert parsed.values == {"sort": "relevance", "lang": ""}


def test_choice_list_keeps_the_first_order_without_repeats():
    spec = QuerySpec(
        ChoiceList(
            "type",
            choices=("release", "notice", "week"),
            message="“%(kind)s”: %(known)s",
            shown_as="kind",
            shown_length=40,
        )
    )
    parsed = read(spec, "type=notice,%20release,,notice&type=week&type=")
    assert parsed["type"] == ["notice", "release", "week"]
    parsed = read(spec, "type=release,video,audio")
    assert parsed.errors == {"type": "“video”: release, notice, week"}
    assert parsed["type"] == []


def test_date():
    spec = QuerySpec(Date("from"))
    assert read(spec, "from=2024-04-27")["from"] == dt.date(2024, 4, 27)
    for bad in ("2024-02-30", "yesterday", "2024-4-27", "9" * 5000, "2024-04-27%00"):
        assert read(spec, f"from={bad}").errors == {
            "from": "日期应写成 YYYY-MM-DD，例如 2024-04-27。"
        }, bad


def test_the_last_of_repeated_values_counts():
    assert read(QuerySpec(PAGE), "page=abc&page=3").values == {"page": 3}


def test_a_required_parameter():
    parsed = read(QuerySpec(Text("q", required=True)), "")
    assert parsed.errors == {"q": "缺少参数 q。"}


# --- Messages -----------------------------------------------------------------------------


def test_a_value_shown_back_is_short_and_has_no_control_characters():
    parsed = read(QuerySpec(Year("year", message="“%(value)s”")), "year=20%0024" + "x" * 100)
    message = parsed.errors["year"]
    assert "\x00" not in message and message == "“20\ufffd24" + "x" * 15 + "”"


def test_a_guards_message_defaults_to_the_parameters_own():
    spec = QuerySpec(
        Choice("category", choices=("senior",), max_length=5, message="no %(category)s"),
        Choice("kind", choices=("a",), max_length=5, too_long_message="long", message="no"),
    )
    assert read(spec, "category=junior").errors == {"category": "no junior"}
    assert read(spec, "kind=abcdef").errors == {"kind": "long"}


def test_message_arguments_and_translation():
    year = Year("week", message="%(label)s“%(value)s”", message_args={"label": "活动周"})
    assert read(QuerySpec(year), "week=x").errors == {"week": "活动周“x”"}
    with translation.override("en"):
        assert read(QuerySpec(PAGE), "page=x").errors == {"page": "Page number “x” is not valid."}


def test_errors_come_in_the_specs_order_and_apps_add_their_own():
    spec = QuerySpec(Date("from"), Date("to"), PAGE)
    parsed = read(spec, "page=x&from=2024-05-01&to=2024-04-01")
    parsed.add_error("to", "backwards")
    assert list(parsed.errors) == ["to", "page"]
    assert parsed.first_error == "backwards"
    assert parsed["to"] == dt.date(2024, 4, 1)


# --- The query as a whole ------------------------------------------------------------------


def test_strict_parsing_names_unknown_parameters():
    spec = QuerySpec(Text("q"), PAGE)
    assert read(spec, "q=x&utm_source=mail").ok
    parsed = read(spec, "utm_source=mail&q=x&b%00ad=1", strict=True)
    assert parsed.errors == {QUERY_ERROR: "未知参数：b\ufffdad, utm_source。可用参数：page, q。"}
    assert parsed["q"] == "x"


def test_too_many_values():
    spec = QuerySpec(Text("q"), max_values=3)
    assert read(spec, "q=a&x=1&y=2").ok
    parsed = read(spec, "q=a&x=1&y=2&y=3")
    assert parsed.errors == {QUERY_ERROR: "参数过多。"} and parsed["q"] == ""


def test_more_fields_than_django_parses_give_no_query(settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    request = RequestFactory().get("/?" + "&".join(f"f{n}=1" for n in range(11)))
    assert request_query(request) is None
    assert request_query(RequestFactory().get("/?q=x"))["q"] == "x"


def test_a_spec_refuses_twice_the_same_name():
    with pytest.raises(ValueError):
        QuerySpec(Text("q"), Text("q"))
    with pytest.raises(ValueError):
        QuerySpec(Text(QUERY_ERROR))


# --- Writing values back -----------------------------------------------------------------


def test_query_strings_leave_out_defaults_and_empty_values():
    spec = QuerySpec(
        Year("year"),
        Text("region"),
        ChoiceList("type", choices=("a", "b")),
        Date("from"),
        Choice("sort", choices=("relevance", "date"), default="relevance"),
        PAGE,
    )
    values = {
        "region": "liaoning",
        "year": 2024,
        "type": ["a", "b"],
        "from": dt.date(2024, 4, 27),
        "sort": "relevance",
        "page": 1,
    }
    assert query_string(values, spec) == "?region=liaoning&year=2024&type=a%2Cb&from=2024-04-27"
    assert query_string(values, spec, page=2, sort="date").endswith("&sort=date&page=2")
    assert query_string({"region": "", "year": None, "type": [], "page": 1}, spec) == ""
    assert serialize({"region": "辽 宁"}, spec) == {"region": "辽 宁"}
    assert query_string({"region": "辽 宁&x"}, spec) == "?region=%E8%BE%BD+%E5%AE%81%26x"


def test_what_is_written_reads_back():
    spec = QuerySpec(Year("year"), ChoiceList("type", choices=("a", "b")), Date("to"), PAGE)
    values = {"year": 2023, "type": ["b", "a"], "to": dt.date(2024, 1, 31), "page": 7}
    assert read(spec, query_string(values, spec)[1:]).values == values
