"""The search parameters a reader or an app may send, validated once for the
page and the JSON API alike. Bad values become messages, never exceptions."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils.translation import gettext as _

from .models import Kind

MAX_QUERY_LENGTH = 200
MAX_PAGE = 1000
# Longer numbers are refused before int() sees them (it refuses over 4,300 digits).
MAX_DIGITS = 20
SORTS = ("relevance", "date")
KNOWN_PARAMETERS = frozenset({"q", "type", "year", "region", "from", "to", "sort", "page", "lang"})
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
_REGION_SLUG_RE = re.compile(r"^[a-z0-9-]{1,60}$")


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
        values = {
            "q": self.query,
            "type": ",".join(self.kinds),
            "year": str(self.year or ""),
            "region": self.region,
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
            "sort": "" if self.sort == "relevance" else self.sort,
        }
        return {key: value for key, value in values.items() if value}


def clean_query(raw: str) -> str:
    # Control characters (NUL above all, which PostgreSQL refuses) never help.
    return " ".join(_CONTROL_RE.sub(" ", raw).split())[:MAX_QUERY_LENGTH]


def _date(raw: str, name: str, errors: dict[str, str]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        errors[name] = _("日期应写成 YYYY-MM-DD，例如 2024-04-27。")
        return None


def parse_params(data: QueryDict, *, strict: bool) -> SearchParams:
    """Read ``data``. ``strict`` (the API) also refuses unknown parameters;
    the page ignores them, as links from elsewhere may carry tracking tags."""
    params = SearchParams()
    errors = params.errors
    if strict:
        unknown = sorted(set(data.keys()) - KNOWN_PARAMETERS)
        if unknown:
            errors["parameters"] = _("未知参数：%(names)s。可用参数：%(known)s。") % {
                "names": ", ".join(name[:40] for name in unknown[:5]),
                "known": ", ".join(sorted(KNOWN_PARAMETERS)),
            }
    params.query = clean_query(data.get("q", ""))
    kinds = [kind for value in data.getlist("type") for kind in value.split(",") if kind.strip()]
    valid_kinds = set(Kind.values)
    for kind in kinds:
        if kind.strip() not in valid_kinds:
            errors["type"] = _("未知的内容类型“%(kind)s”。可用类型：%(known)s。") % {
                "kind": kind.strip()[:40],
                "known": ", ".join(Kind.values),
            }
            break
    else:
        params.kinds = list(dict.fromkeys(kind.strip() for kind in kinds))
    if year := data.get("year", "").strip():
        # Length first: int() refuses strings of more than 4,300 digits.
        if (
            len(year) <= MAX_DIGITS
            and year.isascii()
            and year.isdigit()
            and 1949 <= int(year) <= 2100
        ):
            params.year = int(year)
        else:
            errors["year"] = _("年份应为四位数字，例如 2024。")
    if region := data.get("region", "").strip():
        if _REGION_SLUG_RE.match(region):
            params.region = region
        else:
            errors["region"] = _("地区参数应为地区的英文简称，例如 liaoning。")
    if raw := data.get("from", "").strip():
        params.date_from = _date(raw, "from", errors)
    if raw := data.get("to", "").strip():
        params.date_to = _date(raw, "to", errors)
    if params.date_from and params.date_to and params.date_from > params.date_to:
        errors["to"] = _("结束日期不能早于开始日期。")
    sort = data.get("sort", "").strip() or "relevance"
    if sort in SORTS:
        params.sort = sort
    else:
        errors["sort"] = _("排序方式只能是 relevance 或 date。")
    if page := data.get("page", "").strip():
        if (
            len(page) <= MAX_DIGITS
            and page.isascii()
            and page.isdigit()
            and 1 <= int(page) <= MAX_PAGE
        ):
            params.page = int(page)
        else:
            errors["page"] = _("页码应为 1 到 %(max)s 之间的整数。") % {"max": MAX_PAGE}
    if lang := data.get("lang", "").strip():
        if lang in ("zh-hans", "zh", "en"):
            params.lang = "zh-hans" if lang.startswith("zh") else "en"
        else:
            errors["lang"] = _("语言只能是 zh-hans 或 en。")
    return params
