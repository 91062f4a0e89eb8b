"""The search parameters a reader or an app may send, validated once for the
page and the JSON API alike. Bad values become messages, never exceptions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lifelong_site.query_params import (
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
    serialize,
)

from .models import Kind

MAX_QUERY_LENGTH = 200
MAX_PAGE = 1000
SORTS = ("relevance", "date")
LANGUAGES = {"zh-hans": "zh-hans", "zh": "zh-hans", "en": "en"}

SEARCH_QUERY = QuerySpec(
    Text("q", max_length=MAX_QUERY_LENGTH, clean=True),
    ChoiceList(
        "type",
        choices=tuple(Kind.values),
        message=gettext_lazy("未知的内容类型“%(kind)s”。可用类型：%(known)s。"),
        shown_as="kind",
        shown_length=40,
    ),
    Year("year", min_value=1949, max_value=2100),
    Slug("region", message=gettext_lazy("地区参数应为地区的英文简称，例如 liaoning。")),
    Date("from"),
    Date("to"),
    Choice(
        "sort",
        choices=SORTS,
        default="relevance",
        message=gettext_lazy("排序方式只能是 relevance 或 date。"),
    ),
    Integer(
        "page",
        min_value=1,
        max_value=MAX_PAGE,
        default=1,
        message=gettext_lazy("页码应为 1 到 %(max)s 之间的整数。"),
    ),
    Choice(
        "lang", choices=LANGUAGES, default="", message=gettext_lazy("语言只能是 zh-hans 或 en。")
    ),
)
KNOWN_PARAMETERS = SEARCH_QUERY.names


@dataclass
class SearchParams:
    query: str = ""
    kinds: list[str] = field(default_factory=list)
    year: int | None = None
    region: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = "relevance"
    page: int = 1
    lang: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def has_filters(self) -> bool:
        return bool(self.kinds or self.year or self.region or self.date_from or self.date_to)

    def without(self, name: str) -> dict[str, str]:
        """The query string of these parameters minus one (for 'remove filter' links)."""
        return {key: value for key, value in self.as_query().items() if key != name}

    def as_query(self) -> dict[str, str]:
        return serialize(self._values(), SEARCH_QUERY)

    def query_string(self, **overrides: Any) -> str:
        """``?q=…&year=…``, for the pager (``page=``) and other links."""
        return query_string(self._values(), SEARCH_QUERY, **overrides)

    def _values(self) -> dict[str, Any]:
        return {
            "q": self.query,
            "type": self.kinds,
            "year": self.year,
            "region": self.region,
            "from": self.date_from,
            "to": self.date_to,
            "sort": self.sort,
        }


def clean_query(raw: str) -> str:
    # Control characters (NUL above all, which PostgreSQL refuses) never help.
    return clean_text(raw, MAX_QUERY_LENGTH)


def parse_params(data: QueryDict, *, strict: bool) -> SearchParams:
    """Read ``data``. ``strict`` (the API) also refuses unknown parameters;
    the page ignores them, as links from elsewhere may carry tracking tags."""
    parsed = parse(data, SEARCH_QUERY, strict=strict)
    date_from, date_to = parsed["from"], parsed["to"]
    if date_from and date_to and date_from > date_to:
        parsed.add_error("to", _("结束日期不能早于开始日期。"))
    values = parsed.values
    return SearchParams(
        query=values["q"],
        kinds=values["type"],
        year=values["year"],
        region=values["region"],
        date_from=values["from"],
        date_to=values["to"],
        sort=values["sort"],
        page=values["page"],
        lang=values["lang"],
        errors=parsed.errors,
    )
