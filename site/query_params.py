"""Query-string parameters of the public pages, declared once and read one way.

A page declares its parameters, a ``QuerySpec`` of typed ``Param`` kinds, and
``parse(request.GET, spec)`` reads them. Every value in ``Parsed.values`` has
its declared type (the default when the parameter is absent or cannot be
read), and each parameter that cannot be read has a message for the reader
in ``Parsed.errors``. Whether an error is a 400 and which values exist (a
region with articles, a category of this index) are the app's to decide::

    LISTING = QuerySpec(
        Year("year"),
        Text("region", max_length=100),
        Integer("page", min_value=1, max_value=99_999, default=1, message=PAGE_MESSAGE),
    )
    parsed = parse(request.GET, LISTING)
    parsed.errors            # {"page": "页码“x”无效。"}
    parsed["year"]           # 2024 or None
    query_string({"year": 2024, "page": 2}, LISTING)  # "?year=2024&page=2"

The guards every public parameter needs are here, once:

- control characters (NUL above all, which PostgreSQL refuses, and DEL) are
  refused, or, in free text declared ``clean``, turned into spaces;
- over-long values are refused (or, in clean free text, cut);
- a number is ASCII digits, and not too many of them, before ``int()`` sees
  it: ``str.isdigit()`` also accepts "²", which ``int()`` refuses, and
  ``int()`` refuses more than 4,300 digits;
- a value shown back in a message is cut short and carries no control character;
- more values than a spec allows (``max_values``) and, when parsing is
  strict, names the spec does not declare are errors of the query as a whole
  (``QUERY_ERROR``); ``request_query()`` answers None rather than raise when a
  query has more fields than Django parses at all.

``query_string()`` and ``serialize()`` write values back, for pagination,
remove-filter links and feed addresses: empty values and defaults are left out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import KW_ONLY, dataclass, field
from typing import Any, ClassVar
from urllib.parse import urlencode

from django.core.exceptions import TooManyFieldsSent
from django.http import HttpRequest, QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Message = str | Promise

# Messages; a spec may declare its own. Placeholders: %(value)s (the value
# as sent, cut short), %(<the parameter's name>)s (the same), %(name)s,
# %(min)s, %(max)s, %(known)s (the accepted choices) and a Param's message_args.
INVALID_MESSAGE = _("筛选条件无效。")
TOO_LONG_MESSAGE = _("筛选条件过长。")
CONTROL_MESSAGE = _("筛选条件包含无效字符。")
PAGE_MESSAGE = _("页码“%(page)s”无效。")
YEAR_MESSAGE = _("年份应为四位数字，例如 2024。")
DATE_MESSAGE = _("日期应写成 YYYY-MM-DD，例如 2024-04-27。")
REQUIRED_MESSAGE = _("缺少参数 %(name)s。")
UNKNOWN_MESSAGE = _("未知参数：%(names)s。可用参数：%(known)s。")
TOO_MANY_MESSAGE = _("参数过多。")

# The key in Parsed.errors of what is wrong with the query as a whole.
QUERY_ERROR = "parameters"
# C0 controls and DEL: never part of a value a page reads.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
# Longer numbers are refused before int() sees them.
MAX_DIGITS = 20
SHOWN_LENGTH = 20
_MISSING = object()


class Invalid(ValueError):
    """A value a parameter cannot read; ``message`` is the reader's."""

    def __init__(self, message: Message, shown: str) -> None:
        super().__init__(str(message))
        self.message = message
        self.shown = shown


def has_control_characters(text: str) -> bool:
    return CONTROL_CHARACTERS.search(text) is not None


def clean_text(raw: str, max_length: int | None) -> str:
    """Free text as a search box sends it: control characters become spaces,
    runs of white space one space, and the text is cut at ``max_length``."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", raw).split())[:max_length]


def shown(text: str, length: int = SHOWN_LENGTH) -> str:
    """A value as a message may repeat it: short, without control characters."""
    return CONTROL_CHARACTERS.sub("\ufffd", text[:length])


# --- Parameters ---------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """One parameter: its name, what a missing value is, and its messages.
    Subclasses are the kinds; ``convert`` reads a stripped, non-empty value
    that has passed the guards (length, control characters)."""

    name: str
    _: KW_ONLY
    default: Any = None
    required: bool = False
    # Any value that cannot be read; the guards' own messages default to it.
    message: Message = INVALID_MESSAGE
    max_length: int | None = None
    too_long_message: Message | None = None
    control_message: Message | None = None
    required_message: Message = REQUIRED_MESSAGE
    message_args: Mapping[str, Any] = field(default_factory=dict)
    # Another placeholder for the value in the messages (besides %(value)s).
    shown_as: str = "value"
    shown_length: int = SHOWN_LENGTH

    multiple: ClassVar[bool] = False

    def read(self, query: QueryDict) -> Any:
        """The value in ``query`` (the last one when repeated), or _MISSING."""
        text = self.prepare(query.get(self.name) or "")
        if not text:
            return _MISSING
        self.check(text)
        return self.convert(text)

    def prepare(self, raw: str) -> str:
        return raw.strip()

    def check(self, text: str) -> None:
        if self.max_length is not None and len(text) > self.max_length:
            raise Invalid(self.too_long_message or self.message, text)
        if has_control_characters(text):
            raise Invalid(self.control_message or self.message, text)

    def convert(self, text: str) -> Any:
        return text

    def missing(self) -> Any:
        return self.default

    def serialize(self, value: Any) -> str:
        return str(value)

    def known(self) -> str:
        return ""

    def format(self, message: Message, value: str = "") -> str:
        text = shown(value, self.shown_length)
        args: dict[str, Any] = {
            self.name: text,
            "value": text,
            "name": self.name,
            "min": getattr(self, "min_value", None),
            "max": getattr(self, "max_value", None),
            "known": self.known(),
        }
        args[self.shown_as] = text
        args.update(self.message_args)
        return str(message) % args


@dataclass(frozen=True, kw_only=True)
class Integer(Param):
    """A non-negative whole number of ASCII digits, within bounds."""

    min_value: int | None = None
    max_value: int | None = None
    max_length: int | None = MAX_DIGITS

    def convert(self, text: str) -> int:
        if not (text.isascii() and text.isdigit()):
            raise Invalid(self.message, text)
        number = int(text)
        if (self.min_value is not None and number < self.min_value) or (
            self.max_value is not None and number > self.max_value
        ):
            raise Invalid(self.message, text)
        return number


@dataclass(frozen=True, kw_only=True)
class Year(Integer):
    min_value: int | None = 1900
    max_value: int | None = 2100
    message: Message = YEAR_MESSAGE


@dataclass(frozen=True, kw_only=True)
class Text(Param):
    """Free text. Strict (the default): over-long values and control
    characters are refused. ``clean``: never refused; control characters
    become spaces, white space is collapsed and the text cut at ``max_length``."""

    default: Any = ""
    max_length: int | None = 100
    clean: bool = False
    too_long_message: Message | None = TOO_LONG_MESSAGE
    control_message: Message | None = CONTROL_MESSAGE

    def prepare(self, raw: str) -> str:
        return clean_text(raw, self.max_length) if self.clean else raw.strip()

    def check(self, text: str) -> None:
        if not self.clean:
            super().check(text)


@dataclass(frozen=True, kw_only=True)
class Slug(Param):
    """A value of a fixed alphabet, such as a region's slug (liaoning)."""

    default: Any = ""
    max_length: int | None = 60
    pattern: str = r"[a-z0-9-]+"

    def convert(self, text: str) -> str:
        if re.fullmatch(self.pattern, text) is None:
            raise Invalid(self.message, text)
        return text


@dataclass(frozen=True, kw_only=True)
class Choice(Param):
    """One of ``choices``; a mapping reads each accepted spelling as its value
    ({"zh": "zh-hans", "zh-hans": "zh-hans"})."""

    choices: Sequence[str] | Mapping[str, Any]

    def convert(self, text: str) -> Any:
        if text not in self.choices:
            raise Invalid(self.message, text)
        return self.choices[text] if isinstance(self.choices, Mapping) else text

    def known(self) -> str:
        return ", ".join(self.choices)


@dataclass(frozen=True, kw_only=True)
class ChoiceList(Choice):
    """Choices separated by commas, in one value or repeated (type=a,b&type=c):
    a list in the order first given, without repeats. The first value that
    is none of the choices is the error."""

    default: Any = ()
    separator: str = ","

    multiple: ClassVar[bool] = True

    def read(self, query: QueryDict) -> Any:
        items = [
            item.strip()
            for raw in query.getlist(self.name)
            for item in raw.split(self.separator)
            if item.strip()
        ]
        if not items:
            return _MISSING
        return list(dict.fromkeys(Choice.convert(self, item) for item in items))

    def missing(self) -> list[Any]:
        return list(self.default)

    def serialize(self, value: Iterable[Any]) -> str:
        return self.separator.join(str(item) for item in value)


@dataclass(frozen=True, kw_only=True)
class Date(Param):
    """An ISO 8601 date (2024-04-27)."""

    message: Message = DATE_MESSAGE
    max_length: int | None = 40

    def convert(self, text: str) -> dt.date:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise Invalid(self.message, text) from None

    def serialize(self, value: dt.date) -> str:
        return value.isoformat()


# --- Specs and parsing ----------------------------------------------------------------


class QuerySpec:
    """The parameters a page reads, in the order their errors are reported."""

    def __init__(
        self,
        *params: Param,
        max_values: int | None = None,
        unknown_message: Message = UNKNOWN_MESSAGE,
        too_many_message: Message = TOO_MANY_MESSAGE,
    ) -> None:
        names = [param.name for param in params]
        if len(set(names)) != len(names) or QUERY_ERROR in names:
            raise ValueError(f"parameter names must be unique and not {QUERY_ERROR!r}: {names}")
        self.params = params
        self.names = frozenset(names)
        self.max_values = max_values
        self.unknown_message = unknown_message
        self.too_many_message = too_many_message
        self._by_name = {param.name: param for param in params}

    def __getitem__(self, name: str) -> Param:
        return self._by_name[name]

    def __iter__(self):
        return iter(self.params)

    def error_order(self) -> list[str]:
        return [QUERY_ERROR, *(param.name for param in self.params)]


@dataclass
class Parsed:
    spec: QuerySpec
    values: dict[str, Any]
    errors: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def first_error(self) -> str:
        return next(iter(self.errors.values()), "")

    def add_error(self, name: str, message: Message) -> None:
        """Add an app's own error (a date range backwards), in the spec's
        order among the others; the values are left as they are."""
        self.errors[name] = str(message)
        order = {key: position for position, key in enumerate(self.spec.error_order())}
        ordered = sorted(self.errors.items(), key=lambda item: order.get(item[0], len(order)))
        self.errors.clear()
        self.errors.update(ordered)


def parse(query: QueryDict, spec: QuerySpec, *, strict: bool = False) -> Parsed:
    """Read ``query`` (request.GET) as ``spec`` declares. ``strict`` (an API)
    also refuses names the spec does not declare; a page ignores them, as
    links from elsewhere carry tracking tags."""
    parsed = Parsed(spec, {param.name: param.missing() for param in spec.params})
    if spec.max_values is not None and (
        sum(len(values) for _name, values in query.lists()) > spec.max_values
    ):
        parsed.errors[QUERY_ERROR] = str(spec.too_many_message)
        return parsed
    if strict and (unknown := sorted(set(query.keys()) - spec.names)):
        parsed.errors[QUERY_ERROR] = str(spec.unknown_message) % {
            "names": ", ".join(shown(name, 40) for name in unknown[:5]),
            "known": ", ".join(sorted(spec.names)),
        }
    for param in spec.params:
        try:
            value = param.read(query)
        except Invalid as error:
            parsed.errors[param.name] = param.format(error.message, error.shown)
            continue
        if value is _MISSING:
            if param.required:
                parsed.errors[param.name] = param.format(param.required_message)
            continue
        parsed.values[param.name] = value
    return parsed


def request_query(request: HttpRequest) -> QueryDict | None:
    """``request.GET``, or None when the query has more fields than Django
    parses (DATA_UPLOAD_MAX_NUMBER_FIELDS), so that an API can answer that
    in its own format rather than with Django's HTML error page."""
    try:
        return request.GET
    except TooManyFieldsSent:
        return None


# --- Writing values back ------------------------------------------------------------


def serialize(values: Mapping[str, Any], spec: QuerySpec) -> dict[str, str]:
    """``values`` as query-string values, in their order, leaving out empty
    values and defaults (page 1 is the page without a page parameter)."""
    query = {}
    for name, value in values.items():
        param = spec[name]
        if value is None or value == "" or value == param.default:
            continue
        if isinstance(value, list | tuple) and not value:
            continue
        query[name] = param.serialize(value)
    return query


def query_string(values: Mapping[str, Any], spec: QuerySpec, **overrides: Any) -> str:
    """``"?year=2024&page=2"``, or "" when every value is empty or a default."""
    encoded = urlencode(serialize({**values, **overrides}, spec))
    return f"?{encoded}" if encoded else ""
