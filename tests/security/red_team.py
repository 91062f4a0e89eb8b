"""Red-team run against a live development server (`make run`), loopback only.

    .venv/bin/python tests/security/red_team.py [--base-url http://127.0.0.1:8000]
                                                [--password PW] [--include-restore]

Each attempt really makes an attack that a security review found and the code
now refuses, as the user named in the table, and then looks at the outcome
from the outside (the public page, the admin API, a second session) rather
than trusting a status code. The script prints a table (attempt | as whom |
expected | observed | result) and exits with 1 if any attempt broke through,
2 if an attempt could not finish (an error, not a refusal), 0 otherwise. An
attempt that cannot be made on this site (a page type or demo account
missing) is reported as SKIP with the reason, never as PASS.

It changes the demo site as an attacker would, and leaves behind (see LEFT_BEHIND).
With --include-restore it also runs restore_site on a crafted archive; if
that defence failed, the database would be replaced by a backup made a
moment before (attempt 14).

Only the standard library is used: urllib with one cookie jar per user.
This module is not collected by pytest (its name does not start with test_).
"""

from __future__ import annotations

import argparse
import html
import http.cookiejar
import io
import json
import os
import re
import secrets
import subprocess
import sys
import tarfile
import tempfile
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, NamedTuple

REPO = Path(__file__).resolve().parents[2]
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
PASSWORD_FILE = REPO / "data" / "demo-admin-password"
TIMEOUT = 120
RUN = secrets.token_hex(3)
MARKER = "红队测试"

PRIVATE_DOCUMENT_HINT = "内部"
MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LEFT_BEHIND = (
    "Each run leaves in the demo site: three drafts titled 红队测试-<run>-… of the Chinese news "
    "listing page (by reviewer and editor; its live version is unchanged), one unpublished press "
    "release 红队测试-… by admin (made once, used again by later runs), one uploaded PDF document "
    "红队测试-<run>-4 that no page uses, and a revoked share link. The English title it edits in the "
    "translation editor to try publishing is put back, and the translation it syncs through 'Update "
    "translations' is one already up to date."
)


def marker(attempt: str) -> str:
    return f"{MARKER}-{RUN}-{attempt}"


# --- Outcomes -------------------------------------------------------------------------------------


class Outcome(NamedTuple):
    """One attempt's line in the table. `passed` is True (held), False (broke
    through), or a word: "SKIP" (could not be made), "INFO" (a report, no
    verdict), "ERROR" (the script could not finish the attempt)."""

    name: str
    who: str
    expected: str
    observed: str
    passed: bool | str


class Verdict(NamedTuple):
    """What an attempt's body finds; `attempt` adds its name and user."""

    expected: str
    observed: str
    passed: bool | str


class Skip(Exception):
    """The attempt cannot be made on this site; the message says why."""


ATTEMPTS: list[Callable[[Context], Outcome]] = []


def attempt(
    name: str, who: str
) -> Callable[[Callable[[Context], Verdict]], Callable[[Context], Outcome]]:
    """Register an attack. The registered function returns the table's line
    (name, who, expected, observed, passed); a Skip becomes SKIP with its
    reason, any other exception ERROR, so one attempt never stops the others."""

    def register(body: Callable[[Context], Verdict]) -> Callable[[Context], Outcome]:
        def run(ctx: Context) -> Outcome:
            try:
                expected, observed, passed = body(ctx)
            except Skip as reason:
                return Outcome(name, who, "", f"skipped: {reason}", "SKIP")
            except Exception as error:
                return Outcome(
                    name, who, "", f"{type(error).__name__}: {short(str(error), 110)}", "ERROR"
                )
            return Outcome(name, who, expected, observed, passed)

        run.__name__ = run.__qualname__ = body.__name__
        run.__doc__ = body.__doc__
        ATTEMPTS.append(run)
        return run

    return register


# --- HTTP -----------------------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    url: str

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def location(self) -> str:
        return self.headers.get("location", "")

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


class Session:
    """One user's browser: a cookie jar, no automatic redirects, no proxy."""

    def __init__(self, base: str, who: str) -> None:
        self.base = base.rstrip("/")
        self.who = who
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}),
            urllib.request.HTTPCookieProcessor(self.jar),
            _NoRedirect(),
        )

    def url(self, path: str) -> str:
        return path if path.startswith(("http://", "https://")) else self.base + path

    def request(
        self,
        method: str,
        path: str,
        *,
        data: dict | list | None = None,
        body: bytes | None = None,
        content_type: str | None = None,
        headers: dict[str, str] | None = None,
        follow: bool = False,
    ) -> Response:
        url = self.url(path)
        for _hop in range(6):
            sent = {"User-Agent": "lifelong-red-team/1", "Accept-Language": "zh-hans"}
            sent.update(headers or {})
            payload = body
            if data is not None:
                payload = urllib.parse.urlencode(data, doseq=True).encode()
                content_type = "application/x-www-form-urlencoded"
            if content_type:
                sent["Content-Type"] = content_type
            request = urllib.request.Request(url, data=payload, method=method, headers=sent)
            try:
                raw = self.opener.open(request, timeout=TIMEOUT)
                status = raw.status
            except urllib.error.HTTPError as error:
                raw, status = error, error.code
            with raw:
                response = Response(
                    status, {k.lower(): v for k, v in raw.headers.items()}, raw.read(), url
                )
            if (
                follow
                and method in ("GET", "HEAD")
                and status in (301, 302, 303, 307, 308)
                and response.location
            ):
                url = urllib.parse.urljoin(url, response.location)
                continue
            return response
        return response

    def get(self, path: str, **kwargs: Any) -> Response:
        return self.request("GET", path, **kwargs)

    def cookie(self, name: str) -> str | None:
        return next((cookie.value for cookie in self.jar if cookie.name == name), None)

    def csrf(self) -> str:
        token = self.cookie("csrftoken")
        if not token:
            raise RuntimeError("no csrftoken cookie: GET a form page first")
        return token

    def post_form(self, path: str, fields: dict | list, *, referer: str | None = None) -> Response:
        """A form POST as a browser sends it: the CSRF token from the cookie
        and a Referer of the form page."""
        items = list(fields.items()) if isinstance(fields, dict) else list(fields)
        items = [(k, v) for k, v in items if k != "csrfmiddlewaretoken"] + [
            ("csrfmiddlewaretoken", self.csrf())
        ]
        return self.request(
            "POST", path, data=items, headers={"Referer": self.url(referer or path)}
        )

    def post_multipart(
        self,
        path: str,
        fields: dict[str, str],
        files: dict[str, tuple[str, bytes, str]],
        *,
        referer: str | None = None,
    ) -> Response:
        boundary = "----redteam" + secrets.token_hex(12)
        out = io.BytesIO()
        for name, value in [*fields.items(), ("csrfmiddlewaretoken", self.csrf())]:
            out.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            )
            out.write(str(value).encode() + b"\r\n")
        for name, (filename, content, mime) in files.items():
            out.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {mime}\r\n\r\n".encode()
            )
            out.write(content + b"\r\n")
        out.write(f"--{boundary}--\r\n".encode())
        return self.request(
            "POST",
            path,
            body=out.getvalue(),
            content_type=f"multipart/form-data; boundary={boundary}",
            headers={"Referer": self.url(referer or path)},
        )

    def api_call(self, method: str, path: str, fields: dict[str, str], *, referer: str) -> Response:
        """What the admin's scripts send: a form-encoded body with the CSRF
        token in a header (Django REST framework's session authentication)."""
        return self.request(
            method,
            path,
            data=fields,
            headers={"X-CSRFToken": self.csrf(), "Referer": self.url(referer)},
        )


# --- HTML -----------------------------------------------------------------------------------------


class FormScraper(HTMLParser):
    """The fields a browser would submit from one form (the first whose
    action ends with `action`, or whose id is `form_id`): text inputs and
    hidden ones, checked boxes, selected options, textareas. Formset
    templates (__prefix__) and buttons are left out. Stream fields, which
    only the admin's scripts turn into fields, are listed in `stream_fields`."""

    def __init__(self, action: str | None = None, form_id: str | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.want_action, self.want_id = action, form_id
        self.found = False
        self.inside = False
        self.done = False
        self.fields: list[tuple[str, str]] = []
        self.stream_fields: list[str] = []
        self.buttons: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self._select_multiple = False
        self._options: list[tuple[str, bool]] = []
        self._option_value: str | None = None
        self._option_selected = False
        self._option_text: list[str] = []
        self._in_option = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form" and not self.inside and not self.done:
            action = a.get("action", "")
            if (
                self.want_action and urllib.parse.urlsplit(action).path.endswith(self.want_action)
            ) or (self.want_id and a.get("id") == self.want_id):
                self.inside = self.found = True
            return
        if not self.inside:
            return
        name = a.get("name", "")
        if tag == "div" and "w-block" in a.get("data-controller", "").split() and a.get("id"):
            self.stream_fields.append(a["id"])
        if tag == "input":
            kind = a.get("type", "text").lower()
            if not name or "__prefix__" in name:
                return
            if kind in ("submit", "image"):
                self.buttons.append((name, a.get("value", "")))
                return
            if kind in ("button", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((name, a.get("value", "on")))
                return
            self.fields.append((name, a.get("value", "")))
        elif tag == "button" and name:
            self.buttons.append((name, a.get("value", "")))
        elif tag == "textarea" and name and "__prefix__" not in name:
            self._textarea, self._text = name, []
        elif tag == "select" and name and "__prefix__" not in name:
            self._select, self._select_multiple, self._options = name, "multiple" in a, []
        elif tag == "option" and self._select is not None:
            self._close_option()  # </option> may be left out
            self._in_option = True
            self._option_value = a.get("value")
            self._option_selected = "selected" in a
            self._option_text = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)
        if self._in_option:
            self._option_text.append(data)

    def _close_option(self) -> None:
        if self._in_option:
            value = (
                self._option_value
                if self._option_value is not None
                else "".join(self._option_text).strip()
            )
            self._options.append((value, self._option_selected))
            self._in_option = False

    def handle_endtag(self, tag: str) -> None:
        if not self.inside:
            return
        if tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            text = (
                text[2:] if text.startswith("\r\n") else text[1:] if text.startswith("\n") else text
            )
            self.fields.append((self._textarea, text))
            self._textarea = None
        elif tag == "option":
            self._close_option()
        elif tag == "select" and self._select is not None:
            self._close_option()
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not self._select_multiple and self._options:
                chosen = [self._options[0][0]]
            self.fields.extend((self._select, value) for value in chosen)
            self._select = None
        elif tag == "form":
            self.inside = False
            self.done = True


def scrape_form(
    page_html: str, *, action: str | None = None, form_id: str | None = None
) -> FormScraper:
    scraper = FormScraper(action=action, form_id=form_id)
    scraper.feed(page_html)
    scraper.close()
    if not scraper.found:
        raise RuntimeError(f"no form with action {action!r} / id {form_id!r} on the page")
    return scraper


def set_field(fields: list[tuple[str, str]], name: str, value: str) -> list[tuple[str, str]]:
    kept = [(k, v) for k, v in fields if k != name]
    return [*kept, (name, value)]


def strip_tags(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def page_title(page_html: str) -> str:
    match = re.search(r"<h1\b[^>]*>(.*?)</h1>", page_html, re.S | re.I) or re.search(
        r"<title>(.*?)</title>", page_html, re.S | re.I
    )
    return strip_tags(match.group(1)) if match else ""


def shows(text: str, value: str) -> bool:
    """Whether `value` appears in `text` raw, HTML-escaped, or URL-encoded."""
    forms = {
        value,
        html.escape(value),
        html.escape(value, quote=False),
        urllib.parse.quote(value),
        urllib.parse.quote_plus(value),
        json.dumps(value)[1:-1],
    }
    return any(form and form in text for form in forms)


def short(text: str, length: int = 60) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= length else text[: length - 1] + "…"


def modal_html(response: Response) -> str:
    """The admin's choosers answer with JSON holding the modal's HTML."""
    if response.headers.get("content-type", "").startswith("application/json"):
        try:
            data = response.json()
        except ValueError:
            return response.text
        return data.get("html") or json.dumps(data, ensure_ascii=False)
    return response.text


def chooser_titles(session: Session, path: str, pages: int = 30) -> tuple[set[str], list[int]]:
    """Every page title a page chooser listing shows (its live title, its
    admin title and the link text), over all its pages; and the statuses."""
    titles: set[str] = set()
    statuses = []
    for number in range(1, pages + 1):
        url = path if number == 1 else f"{path}{'&' if '?' in path else '?'}p={number}"
        response = session.get(url)
        statuses.append(response.status)
        text = modal_html(response)
        titles |= {html.unescape(v) for v in re.findall(r'data-(?:admin-)?title="([^"]*)"', text)}
        titles |= {
            strip_tags(v)
            for v in re.findall(r'<a\b[^>]*class="choose-page"[^>]*>(.*?)</a>', text, re.S)
        }
        if response.status != 200 or f"p={number + 1}" not in text:
            break
    return titles, statuses


# --- The site as the attacker sees it -------------------------------------------------------------


class SignInFailed(Exception):
    pass


@dataclass
class Context:
    base: str
    password: str
    include_restore: bool
    sessions: dict[str, Session] = field(default_factory=dict)
    _pages: list[dict] | None = None
    _documents: dict[int, tuple[str, str]] | None = None
    created_draft: dict | None = None
    translation_target: tuple[int, dict] | None = None
    uploaded_document: dict | None = None

    def anonymous(self) -> Session:
        return Session(self.base, "anonymous")

    def sign_in(self, username: str, *, fresh: bool = False) -> Session:
        """A signed-in session (cached per user unless `fresh`)."""
        if not fresh and username in self.sessions:
            return self.sessions[username]
        session = Session(self.base, username)
        session.get("/admin/login/")
        response = session.post_form(
            "/admin/login/", {"username": username, "password": self.password, "next": "/admin/"}
        )
        if response.status != 302:
            raise SignInFailed(
                f"{username} could not sign in (HTTP {response.status}); wrong password, "
                f"no such demo account, or a sign-in lock-out"
            )
        session.signed_in_to = response.location  # type: ignore[attr-defined]
        if not fresh:
            self.sessions[username] = session
        return session

    # Pages, through the admin API as admin.
    def pages(self, refresh: bool = False) -> list[dict]:
        if self._pages is None or refresh:
            admin = self.sign_in("admin")
            pages, offset = [], 0
            while True:
                response = admin.get(f"/admin/api/main/pages/?limit=20&offset={offset}")
                if response.status != 200:
                    raise RuntimeError(f"admin API answered {response.status}")
                data = response.json()
                pages += data["items"]
                offset += 20
                if offset >= data["meta"]["total_count"] or not data["items"]:
                    break
            self._pages = pages
        return self._pages

    def page(self, page_id: int) -> dict:
        response = self.sign_in("admin").get(f"/admin/api/main/pages/{page_id}/")
        if response.status != 200:
            raise RuntimeError(f"admin API: page {page_id} answered {response.status}")
        return response.json()

    def find_pages(self, page_type: str, locale: str, *, live: bool | None = True) -> list[dict]:
        return [
            p
            for p in self.pages()
            if p["meta"]["type"] == page_type
            and p["meta"].get("locale") == locale
            and (live is None or p["meta"]["status"]["live"] == live)
        ]

    def first_page(self, page_type: str, locale: str, *, live: bool | None = True) -> dict:
        found = self.find_pages(page_type, locale, live=live)
        if not found:
            raise Skip(f"no {'live ' if live else ''}{page_type} page in {locale}")
        return found[0]

    def public_path(self, page: dict) -> str:
        url = page["meta"].get("html_url")
        if not url:
            raise Skip(f"page {page['id']} has no public address")
        return urllib.parse.urlsplit(url).path

    # Documents, through the admin's listing as admin.
    def documents(self, refresh: bool = False) -> dict[int, tuple[str, str]]:
        """id -> (title, public URL)."""
        if self._documents is None or refresh:
            admin = self.sign_in("admin")
            found: dict[int, tuple[str, str]] = {}
            for page_number in range(1, 50):
                listing = admin.get(f"/admin/documents/?p={page_number}")
                if listing.status != 200:
                    break
                links = dict.fromkeys(re.findall(r'href="(/documents/(\d+)/[^"]+)"', listing.text))
                new = False
                for url, doc_id in links:
                    if int(doc_id) not in found:
                        new = True
                        chosen = admin.get(f"/admin/documents/chooser/chosen/{doc_id}/")
                        title = chosen.json()["result"]["title"] if chosen.status == 200 else ""
                        found[int(doc_id)] = (title, html.unescape(url))
                if not new or "p=" + str(page_number + 1) not in listing.text:
                    break
            self._documents = found
        return self._documents

    def private_document(self) -> tuple[int, str, str]:
        for doc_id, (title, url) in sorted(self.documents().items()):
            if PRIVATE_DOCUMENT_HINT in title:
                return doc_id, title, url
        raise Skip(
            f"no demo document titled …{PRIVATE_DOCUMENT_HINT}… (the private collection's document)"
        )


def zh_news_index(ctx: Context) -> dict:
    return ctx.first_page("news.NewsIndexPage", "zh-hans")


def live_title(ctx: Context, page_id: int) -> str:
    """The title of the page's live version (the admin API's `title` is the
    page row, which only publishing changes; drafts change draft_title)."""
    return ctx.page(page_id)["title"]


def save_draft_title(session: Session, page_id: int, title: str) -> Response:
    """Save a draft of a page with a new title through the page editor, every
    other field as the editor shows it. Only for forms without a stream field."""
    edit = f"/admin/pages/{page_id}/edit/"
    screen = session.get(edit)
    if screen.status != 200:
        raise Skip(f"{session.who} cannot open the editor of page {page_id} (HTTP {screen.status})")
    form = scrape_form(screen.text, action=edit)
    if form.stream_fields:
        raise Skip(f"page {page_id}'s form has stream fields; this script only edits simple pages")
    return session.post_form(edit, set_field(form.fields, "title", title), referer=edit)


# --- 1. Publishing past review --------------------------------------------------------------------


@attempt("1a publish from the page editor", "reviewer")
def attempt_reviewer_publishes_from_editor(ctx: Context) -> Verdict:
    expected = "no publication: the public listing never shows the new title"
    index = zh_news_index(ctx)
    page_id, public = index["id"], ctx.public_path(index)
    title = marker("1a")
    reviewer = ctx.sign_in("reviewer")
    edit = f"/admin/pages/{page_id}/edit/"
    screen = reviewer.get(edit)
    if screen.status != 200:
        raise Skip(f"reviewer cannot open the editor of {public} (HTTP {screen.status})")
    form = scrape_form(screen.text, action=edit)
    if form.stream_fields:
        raise Skip("the news listing's form has stream fields")
    fields = set_field(form.fields, "title", title) + [("action-publish", "1")]
    response = reviewer.post_form(edit, fields, referer=edit)
    anonymous = ctx.anonymous()
    shown_publicly = shows(anonymous.get(public, follow=True).text, title)
    live = live_title(ctx, page_id)
    draft = ctx.page(page_id)["admin_display_title"]
    observed = (
        f"POST → {response.status}; draft kept: {'yes' if draft == title else 'no'}; "
        f"public {public}: {'SHOWS the title' if shown_publicly else 'unchanged'}; "
        f"live title “{short(live, 20)}”"
    )
    return Verdict(expected, observed, not shown_publicly and live != title)


def translation_editor(session: Session, page_id: int) -> dict:
    screen = session.get(f"/admin/pages/{page_id}/edit/")
    if screen.status != 200:
        raise Skip(f"{session.who} cannot open the editor of page {page_id} (HTTP {screen.status})")
    match = re.search(r'data-props="([^"]*)"', screen.text)
    if not match:
        raise Skip(f"page {page_id} does not open wagtail-localize's translation editor")
    props = json.loads(html.unescape(match.group(1)))
    title_segment = next(
        (s for s in props.get("segments", []) if s.get("contentPath") == "title"), None
    )
    if title_segment is None:
        raise Skip(f"page {page_id}'s translation editor has no title string")
    translations = props.get("initialStringTranslations", [])
    current = next((t for t in translations if t.get("segment_id") == title_segment["id"]), None)
    return {"props": props, "segment": title_segment, "current": current}


class TitleStringChanged:
    """Set the English title string of a translated page in the translation
    editor (no revision, nothing public), and put it back afterwards."""

    def __init__(self, session: Session, page_id: int, value: str) -> None:
        self.session, self.page_id, self.value = session, page_id, value
        self.editor = translation_editor(session, page_id)
        self.edit_url = self.editor["segment"]["editUrl"]
        self.referer = f"/admin/pages/{page_id}/edit/"

    def __enter__(self) -> TitleStringChanged:
        response = self.session.api_call(
            "PUT", self.edit_url, {"value": self.value}, referer=self.referer
        )
        if response.status != 200:
            raise Skip(
                f"{self.session.who} cannot change the English title string (HTTP {response.status})"
            )
        # The translation editor now holds the marker: what a publish would put live.
        current = translation_editor(self.session, self.page_id)["current"] or {}
        if current.get("data") != self.value:
            raise RuntimeError("the English title string did not change")
        return self

    def __exit__(self, *exc: object) -> None:
        current = self.editor["current"]
        if current is not None and current.get("data") is not None:
            self.session.api_call(
                "PUT", self.edit_url, {"value": current["data"]}, referer=self.referer
            )
        else:
            self.session.api_call("DELETE", self.edit_url, {}, referer=self.referer)


def english_release(ctx: Context) -> dict:
    """A live English press release made through wagtail-localize."""
    for page in ctx.find_pages("news.PressReleasePage", "en"):
        return page
    raise Skip("no live English press release")


def live_state(ctx: Context, page: dict) -> tuple[str, str, str]:
    """What publishing would change: the live title, the latest revision's
    time and the public page's heading."""
    detail = ctx.page(page["id"])
    heading = page_title(ctx.anonymous().get(ctx.public_path(page), follow=True).text)
    return detail["title"], detail["meta"].get("latest_revision_created_at") or "", heading


@attempt("1b publish from the translation editor", "english_reviewer")
def attempt_english_reviewer_publishes_translation(ctx: Context) -> Verdict:
    expected = "refused; the English page's live version unchanged"
    page = english_release(ctx)
    public = ctx.public_path(page)
    reviewer = ctx.sign_in("english_reviewer")
    title = marker("1b")
    before = live_state(ctx, page)
    with TitleStringChanged(reviewer, page["id"], title):
        edit = f"/admin/pages/{page['id']}/edit/"
        response = reviewer.post_form(edit, {"action": "publish"}, referer=edit)
        after = live_state(ctx, page)
        shown_publicly = shows(ctx.anonymous().get(public, follow=True).text, title)
    unchanged = before == after and not shown_publicly
    observed = (
        f"title string set to the marker; POST action=publish → {response.status} "
        f"{urllib.parse.urlsplit(response.location).path}; {public}: "
        f"{'unchanged' if unchanged else 'CHANGED' + (' (shows the marker)' if shown_publicly else '')}"
    )
    return Verdict(expected, observed, unchanged)


# --- 2. Translators -------------------------------------------------------------------------------


def translation_source_with_english_page(ctx: Context) -> tuple[int, dict]:
    """An update-translations link (translation source id) and the live
    English page it would publish, chosen once per run. A page whose
    translation is up to date is preferred, so that the translator's sync
    changes nothing (the demo's outdated example stays outdated)."""
    if ctx.translation_target is None:
        ctx.translation_target = find_translation_source(ctx)
    return ctx.translation_target


def find_translation_source(ctx: Context) -> tuple[int, dict]:
    admin = ctx.sign_in("admin")
    report = admin.get("/admin/translations/status/")
    outdated = {
        int(i) for i in re.findall(r'data-page-id="(\d+)" data-state="outdated"', report.text)
    }
    releases = ctx.find_pages("news.PressReleasePage", "zh-hans")
    for page in sorted(releases, key=lambda p: p["id"] in outdated):
        english = next(
            (
                t
                for t in ctx.page(page["id"])["meta"].get("translations") or []
                if t["meta"].get("locale") == "en"
            ),
            None,
        )
        live_english = english and next(
            (p for p in ctx.pages() if p["id"] == english["id"] and p["meta"]["status"]["live"]),
            None,
        )
        if not live_english:
            continue
        # The Chinese page's editor links to "Update translations" (its source id).
        found = re.search(
            r"/admin/localize/update/(\d+)/", admin.get(f"/admin/pages/{page['id']}/edit/").text
        )
        if found:
            return int(found.group(1)), live_english
    raise Skip("no Chinese release with a translation source and a live English page")


@attempt("2a update translations + publish", "translator")
def attempt_translator_update_and_publish(ctx: Context) -> Verdict:
    expected = "'publish' ignored; the English page's live version unchanged"
    source_id, page = translation_source_with_english_page(ctx)
    public = ctx.public_path(page)
    translator = ctx.sign_in("translator")
    update = f"/admin/localize/update/{source_id}/"
    screen = translator.get(update)
    if screen.status != 200:
        raise Skip(f"translator cannot open {update} (HTTP {screen.status})")
    box = re.search(r"<input[^>]*name=\"publish_translations\"[^>]*>", screen.text)
    disabled = bool(box and "disabled" in box.group(0))
    title = marker("2a")
    before = live_state(ctx, page)
    with TitleStringChanged(translator, page["id"], title):
        response = translator.post_form(
            update, {"publish_translations": "on", "next": ""}, referer=update
        )
        after = live_state(ctx, page)
        shown_publicly = shows(ctx.anonymous().get(public, follow=True).text, title)
    unchanged = before == after and not shown_publicly
    observed = (
        f"box {'disabled' if disabled else 'shown enabled' if box else 'absent'}; title string set to the "
        f"marker; POST publish_translations=on → {response.status}; {public}: "
        f"{'unchanged' if unchanged else 'CHANGED' + (' (shows the marker)' if shown_publicly else '')}"
    )
    return Verdict(expected, observed, unchanged)


@attempt("2b convert translation to alias", "translator")
def attempt_translator_converts_to_alias(ctx: Context) -> Verdict:
    expected = "refused (403 or redirect); the page stays a translation, not an alias"
    try:
        _source_id, page = translation_source_with_english_page(ctx)
    except Skip:
        page = english_release(ctx)
    translator = ctx.sign_in("translator")
    convert = f"/admin/localize/page/{page['id']}/convert_to_alias/"
    before_alias = ctx.page(page["id"])["meta"].get("alias_of")
    if before_alias:
        raise Skip(f"page {page['id']} is an alias already")
    before = live_state(ctx, page)
    translator.get("/admin/")  # a csrftoken cookie
    shown = translator.get(convert)
    response = translator.post_form(convert, {"next": ""}, referer=convert)
    alias_of = ctx.page(page["id"])["meta"].get("alias_of")
    after = live_state(ctx, page)
    held = response.status in (302, 403) and not alias_of and before == after
    alias = alias_of.get("id") if isinstance(alias_of, dict) else alias_of
    observed = (
        f"GET → {shown.status}, POST → {response.status}; "
        f"alias of: {f'page {alias}' if alias else 'none'}; "
        f"{ctx.public_path(page)}: {'unchanged' if before == after else 'CHANGED'}"
    )
    return Verdict(expected, observed, held)


# --- 3. Bulk publishing ---------------------------------------------------------------------------


@attempt("3 bulk publish own draft", "editor")
def attempt_editor_bulk_publishes(ctx: Context) -> Verdict:
    expected = "no publication: the public listing never shows the draft's title"
    index = zh_news_index(ctx)
    page_id, public = index["id"], ctx.public_path(index)
    editor = ctx.sign_in("editor")
    title = marker("3")
    saved = save_draft_title(editor, page_id, title)
    detail = ctx.page(page_id)
    if (
        detail["admin_display_title"] != title
        or not detail["meta"]["status"]["has_unpublished_changes"]
    ):
        raise Skip(
            f"the editor's draft was not saved (HTTP {saved.status}); nothing to bulk publish"
        )
    bulk = f"/admin/bulk/wagtailcore/page/publish/?id={page_id}"
    confirm = editor.get(bulk)
    response = editor.post_form(bulk, {"include_descendants": ""}, referer=bulk)
    shown_publicly = shows(ctx.anonymous().get(public, follow=True).text, title)
    live = live_title(ctx, page_id)
    observed = (
        f"draft saved; GET {confirm.status}, POST → {response.status}; public {public}: "
        f"{'SHOWS the draft title' if shown_publicly else 'unchanged'}; live title “{short(live, 20)}”"
    )
    return Verdict(expected, observed, not shown_publicly and live != title)


# --- 4. Documents ---------------------------------------------------------------------------------


def upload_unattached_document(ctx: Context) -> dict:
    if ctx.uploaded_document is not None:
        return ctx.uploaded_document
    admin = ctx.sign_in("admin")
    form_page = admin.get("/admin/documents/add/")
    if form_page.status != 200:
        raise Skip(f"admin cannot open the document upload form (HTTP {form_page.status})")
    form = scrape_form(form_page.text, action="/admin/documents/add/")
    fields = dict(form.fields)
    if "collection" not in fields:
        raise Skip("the upload form has no collection field")
    title = marker("4")
    filename = f"redteam-{RUN}.pdf"
    fields.update(title=title)
    fields.pop("csrfmiddlewaretoken", None)
    response = admin.post_multipart(
        "/admin/documents/add/",
        fields,
        {"file": (filename, MINIMAL_PDF, "application/pdf")},
        referer="/admin/documents/add/",
    )
    if response.status != 302:
        errors = re.findall(r'class="error-message"[^>]*>(.*?)</', response.text, re.S)
        raise RuntimeError(
            f"upload refused (HTTP {response.status}) {strip_tags(' '.join(errors))[:120]}"
        )
    listing = admin.get("/admin/documents/?q=" + urllib.parse.quote(title))
    match = re.search(r'href="(/documents/(\d+)/([^"]+))"', listing.text)
    if not match:
        raise RuntimeError("the uploaded document is not in the admin's listing")
    ctx.uploaded_document = {
        "id": int(match.group(2)),
        "url": html.unescape(match.group(1)),
        "filename": urllib.parse.unquote(html.unescape(match.group(3))),
        "title": title,
        "collection": fields["collection"],
    }
    ctx.documents(refresh=True)
    return ctx.uploaded_document


@attempt("4a unattached upload", "anonymous")
def attempt_anonymous_unattached_document(ctx: Context) -> Verdict:
    expected = "404 for the public (the uploader gets 200)"
    document = upload_unattached_document(ctx)
    uploader = ctx.sign_in("admin").get(document["url"])
    public = ctx.anonymous().get(document["url"])
    leaked = public.status == 200 and public.body.startswith(b"%PDF")
    observed = (
        f"uploaded {document['url']} (collection {document['collection']}); "
        f"admin {uploader.status}, anonymous {public.status}"
    )
    return Verdict(expected, observed, public.status == 404 and not leaked)


@attempt("4b /media/documents/", "anonymous")
def attempt_anonymous_media_documents(ctx: Context) -> Verdict:
    expected = "404 (documents only through /documents/ and its checks)"
    document = upload_unattached_document(ctx)
    anonymous = ctx.anonymous()
    paths = [f"/media/documents/{urllib.parse.quote(document['filename'])}"]
    _, _title, private_url = ctx.private_document()
    # Where the file is stored is not public; the demo loader's files are under demo/.
    name = private_url.rsplit("/", 1)[-1]
    paths += [f"/media/documents/{name}", f"/media/documents/demo/{name}"]
    answers = {path: anonymous.get(path).status for path in paths}
    observed = ", ".join(f"{path} → {status}" for path, status in answers.items())
    return Verdict(expected, observed, all(status == 404 for status in answers.values()))


@attempt("4c /media/original_images/", "anonymous")
def attempt_anonymous_original_images(ctx: Context) -> Verdict:
    expected = "404 (only renditions under /media/images/ are served)"
    admin = ctx.sign_in("admin")
    listing = admin.get("/admin/images/")
    ids = re.findall(r"/admin/images/(\d+)/", listing.text)
    if not ids:
        raise Skip("no image in the image library")
    screen = admin.get(f"/admin/images/{ids[0]}/")
    renditions = re.findall(r"/media/images/([^\"'\s)]+)", screen.text)
    if not renditions:
        raise Skip("no rendition address on the image's edit screen")
    rendition = renditions[0]
    anonymous = ctx.anonymous()
    rendition_status = anonymous.get(f"/media/images/{rendition}").status
    base, _dot, extension = rendition.rpartition(".")
    stem = base.split(".")[0]
    extensions = dict.fromkeys([extension, "jpg", "jpeg", "png", "webp"])
    originals = [f"/media/original_images/{stem}.{ext}" for ext in extensions]
    answers = {path: anonymous.get(path).status for path in originals}
    observed = (
        f"rendition /media/images/{short(rendition, 40)} → {rendition_status}; originals "
        + ", ".join(f".{p.rsplit('.', 1)[-1]} → {s}" for p, s in answers.items())
    )
    return Verdict(expected, observed, all(status == 404 for status in answers.values()))


@attempt("4d scan /documents/1…N", "anonymous")
def attempt_anonymous_document_scan(ctx: Context) -> Verdict:
    expected = (
        "informational: only documents used by live pages answer 200 (by their real file names)"
    )
    document = upload_unattached_document(ctx)
    documents = ctx.documents()
    anonymous = ctx.anonymous()
    open_ids = []
    for doc_id in range(1, document["id"] + 1):
        if doc_id not in documents:
            continue
        if anonymous.get(documents[doc_id][1]).status == 200:
            open_ids.append(doc_id)
    # Which live pages use them, from the document's usage screen.
    admin = ctx.sign_in("admin")
    notes = []
    live_ids = {p["id"] for p in ctx.pages() if p["meta"]["status"]["live"]}
    for doc_id in open_ids:
        usage = admin.get(f"/admin/documents/usage/{doc_id}/")
        users = sorted({int(i) for i in re.findall(r"/admin/pages/(\d+)/edit/", usage.text)})
        live = [str(i) for i in users if i in live_ids]
        notes.append(
            f"#{doc_id} (used by live page {', '.join(live)})"
            if live
            else f"#{doc_id} (NO live page uses it)"
        )
    closed = [i for i in range(1, document["id"] + 1) if i in documents and i not in open_ids]
    observed = (
        f"{len(open_ids)} of {len([i for i in documents if i <= document['id']])} answer 200: "
        f"{', '.join(notes) or 'none'}; 404: {', '.join('#' + str(i) for i in closed) or 'none'}"
    )
    return Verdict(expected, observed, "INFO")


# --- 5. Share links -------------------------------------------------------------------------------


@attempt("5 share link after cached page", "anonymous (link by editor)")
def attempt_share_link_shows_draft(ctx: Context) -> Verdict:
    expected = "the share link shows the draft's title, not the cached live page"
    index = zh_news_index(ctx)
    page_id, public = index["id"], ctx.public_path(index)
    editor = ctx.sign_in("editor")
    title = marker("5")
    save_draft_title(editor, page_id, title)
    detail = ctx.page(page_id)
    if detail["admin_display_title"] != title or not detail["meta"]["status"]["live"]:
        raise Skip("could not make a live page with a draft (editor's draft not saved)")
    screen_path = f"/admin/editorial/share/{page_id}/"
    screen = editor.get(screen_path)
    if screen.status != 200:
        raise Skip(f"editor cannot open the share screen (HTTP {screen.status})")
    before = set(re.findall(r"/preview/([A-Za-z0-9_\-]+)/", screen.text))
    created = editor.post_form(screen_path, {"days": "1"}, referer=screen_path)
    screen = editor.get(screen_path)
    tokens = [
        t
        for t in dict.fromkeys(re.findall(r"/preview/([A-Za-z0-9_\-]+)/", screen.text))
        if t not in before
    ]
    if not tokens:
        raise RuntimeError(f"no new share link on the screen after POST (HTTP {created.status})")
    token = tokens[0]
    anonymous = ctx.anonymous()
    primed = [anonymous.get(public).status for _ in range(2)]
    shared = anonymous.get(f"/preview/{token}/")
    shows_draft = shared.status == 200 and shows(shared.text, title)
    public_clean = not shows(anonymous.get(public).text, title)
    # Revoke it: the draft is not for anyone else.
    revoke = None
    for row in re.findall(r"<tr\b.*?</tr>", screen.text, re.S):
        if token in row:
            found = re.search(r'action="(/admin/editorial/share/\d+/revoke/\d+/)"', row)
            revoke = found.group(1) if found else None
    revoked_status = None
    if revoke:
        editor.post_form(revoke, {}, referer=screen_path)
        revoked_status = ctx.anonymous().get(f"/preview/{token}/").status
    observed = (
        f"public page primed ({'/'.join(map(str, primed))}); link → {shared.status}, "
        f"{'shows the draft title' if shows_draft else 'does NOT show the draft title'}; "
        f"public page {'unchanged' if public_clean else 'SHOWS the draft'}; revoked → {revoked_status}"
    )
    return Verdict(expected, observed, shows_draft and public_clean)


# --- 6. The restricted-page sign-in form ----------------------------------------------------------


@attempt("6 sign in at /_util/login/", "anonymous")
def attempt_public_sign_in_form(ctx: Context) -> Verdict:
    expected = "POST 405 and not signed in; GET redirects to /admin/login/"
    anonymous = ctx.anonymous()
    anonymous.get("/admin/login/")  # a csrftoken cookie, as any visitor can get
    response = anonymous.post_form(
        "/_util/login/",
        {"username": "editor", "password": ctx.password, "next": "/"},
        referer="/_util/login/",
    )
    admin_home = anonymous.get("/admin/")
    signed_in = admin_home.status == 200
    redirect = ctx.anonymous().get("/_util/login/?next=/")
    goes_to_admin = (
        redirect.status in (301, 302)
        and urllib.parse.urlsplit(redirect.location).path == "/admin/login/"
    )
    observed = (
        f"POST → {response.status}; /admin/ then → {admin_home.status}"
        f"{' (signed in!)' if signed_in else ''}; GET → {redirect.status} {short(redirect.location, 40)}"
    )
    return Verdict(expected, observed, response.status == 405 and not signed_in and goes_to_admin)


# --- 7. Two-factor --------------------------------------------------------------------------------


@attempt("7 private document, password only", "secure_editor")
def attempt_half_signed_in_private_document(ctx: Context) -> Verdict:
    expected = "not 200 until the code is given (admin gets 200)"
    _doc_id, _title, url = ctx.private_document()
    try:
        session = ctx.sign_in("secure_editor", fresh=True)
    except SignInFailed as error:
        raise Skip(str(error)) from error
    step = urllib.parse.urlsplit(getattr(session, "signed_in_to", "")).path
    admin_home = session.get("/admin/")
    document = session.get(url)
    control = ctx.sign_in("admin").get(url)
    observed = (
        f"after the password → {step or '?'}; /admin/ → {admin_home.status} "
        f"{urllib.parse.urlsplit(admin_home.location).path}; {url} → {document.status} "
        f"(admin: {control.status})"
    )
    return Verdict(expected, observed, document.status != 200)


# --- 8. Popular searches --------------------------------------------------------------------------


def popular_block(page_html: str) -> str:
    match = re.search(r'<section class="search-popular".*?</section>', page_html, re.S)
    return match.group(0) if match else ""


@attempt("8 push a term into 热门搜索", "anonymous")
def attempt_popular_search_poisoning(ctx: Context) -> Verdict:
    expected = "the term is in neither 大家都在搜 nor the suggest API"
    term = f"红队{RUN}"
    with_results = f"沈阳 {term}"
    anonymous = ctx.anonymous()
    for _ in range(30):
        anonymous.get("/search/?q=" + urllib.parse.quote(term))
        anonymous.get("/search/?q=" + urllib.parse.quote(with_results))
    for _ in range(5):
        anonymous.get("/api/search/suggest/?q=" + urllib.parse.quote(term))
    reader = ctx.anonymous()
    blocks = popular_block(reader.get("/search/").text) + popular_block(
        reader.get("/search/?q=" + urllib.parse.quote("无结果" + secrets.token_hex(4))).text
    )
    suggested = []
    for query in ("红队", term, "沈阳"):
        answer = reader.get("/api/search/suggest/?q=" + urllib.parse.quote(query))
        if answer.status == 200:
            suggested += answer.json().get("queries", [])
    in_block = RUN in blocks
    in_suggest = any(RUN in q for q in suggested)
    block_state = "SHOWS it" if in_block else "absent" if blocks else "absent (block empty)"
    observed = (
        f"60 searches, 5 suggests; 大家都在搜: {block_state}; "
        f"suggest: {'SHOWS it' if in_suggest else 'absent'}"
    )
    return Verdict(expected, observed, not in_block and not in_suggest)


# --- 9. View counter ------------------------------------------------------------------------------


@attempt("9 view counter ×20", "anonymous")
def attempt_view_counter_inflation(ctx: Context) -> Verdict:
    expected = "the count rises by at most 1"
    release = ctx.first_page("news.PressReleasePage", "zh-hans")
    anonymous = ctx.anonymous()
    counts = []
    for _ in range(20):
        answer = anonymous.request("POST", f"/api/views/{release['id']}/")
        if answer.status != 200:
            raise RuntimeError(f"/api/views/{release['id']}/ answered {answer.status}")
        counts.append(answer.json()["views"])
    rise = counts[-1] - counts[0]
    observed = f"page {release['id']}: {counts[0]} → {counts[-1]} after 20 POSTs (rise {rise} after the first)"
    return Verdict(expected, observed, rise <= 1 and max(counts) - min(counts) <= 1)


# --- 10. Listing filters --------------------------------------------------------------------------


@attempt("10 listing filter echo", "anonymous")
def attempt_listing_filter_echo(ctx: Context) -> Verdict:
    expected = "unknown values never printed back (raw, escaped or as <option>)"
    index = zh_news_index(ctx)
    public = ctx.public_path(index)
    anonymous = ctx.anonymous()
    region = f"<script>alert(1)</script>rt{RUN}"
    tag = f"红队-unknown-{RUN}"
    answers = []
    echoed = False
    for parameter, value in (("region", region), ("tag", tag)):
        response = anonymous.get(f"{public}?{urllib.parse.urlencode({parameter: value})}")
        printed = shows(response.text, value) or RUN in response.text or "alert(1)" in response.text
        echoed = echoed or printed
        answers.append(
            f"{parameter} → {response.status}, {'PRINTED' if printed else 'not printed'}"
        )
    return Verdict(expected, "; ".join(answers), not echoed)


# --- 11. Signing out ------------------------------------------------------------------------------


@attempt("11 GET /admin/logout/", "editor")
def attempt_sign_out_by_get(ctx: Context) -> Verdict:
    expected = "GET keeps the session (asks); POST ends it on the server"
    session = ctx.sign_in("editor", fresh=True)
    asked = session.get("/admin/logout/")
    still_in = session.get("/admin/").status
    cookie = session.cookie("sessionid")
    signed_out = session.post_form("/admin/logout/", {}, referer="/admin/logout/")
    after = session.get("/admin/")
    replay = Session(ctx.base, "replay")
    if cookie:
        host = urllib.parse.urlsplit(ctx.base).hostname or "127.0.0.1"
        replay.jar.set_cookie(
            http.cookiejar.Cookie(
                0,
                "sessionid",
                cookie,
                None,
                False,
                host,
                False,
                False,
                "/",
                True,
                False,
                None,
                False,
                None,
                None,
                {},
            )
        )
    replayed = replay.get("/admin/").status if cookie else None
    held = still_in == 200 and after.status == 302 and replayed == 302
    observed = (
        f"GET → {asked.status}, /admin/ → {still_in}; "
        f"POST → {signed_out.status}, /admin/ → {after.status}; "
        f"old cookie replayed → {replayed}"
    )
    return Verdict(expected, observed, held)


# --- 12. Choosers ---------------------------------------------------------------------------------


def admin_creates_draft_release(ctx: Context) -> dict:
    """A never-published press release in the Chinese news section, made by
    admin through the page editor (an earlier run's is used again)."""
    if ctx.created_draft is not None:
        return ctx.created_draft
    index = zh_news_index(ctx)
    for page in ctx.find_pages("news.PressReleasePage", "zh-hans", live=False):
        if (
            page["title"].startswith(MARKER)
            and page["meta"].get("parent", {}).get("id", index["id"]) == index["id"]
        ):
            ctx.created_draft = {"id": page["id"], "title": page["title"], "parent": index["id"]}
            return ctx.created_draft
    admin = ctx.sign_in("admin")
    add = f"/admin/pages/add/news/pressreleasepage/{index['id']}/"
    screen = admin.get(add)
    if screen.status != 200:
        raise Skip(f"admin cannot open {add} (HTTP {screen.status})")
    form = scrape_form(screen.text, action=add)
    title = marker("12")
    fields = set_field(form.fields, "title", title)
    fields = set_field(fields, "slug", f"redteam-{RUN}")
    for stream in form.stream_fields:
        fields = set_field(fields, f"{stream}-count", "0")
    response = admin.post_form(add, fields, referer=add)
    match = re.search(r"/admin/pages/(\d+)/edit/", response.location)
    if response.status != 302 or not match:
        errors = re.findall(r'class="error-message"[^>]*>(.*?)</', response.text, re.S)
        raise Skip(
            f"admin could not create a draft release (HTTP {response.status}) "
            f"{strip_tags(' '.join(errors))[:80]}"
        )
    ctx.created_draft = {"id": int(match.group(1)), "title": title, "parent": index["id"]}
    ctx.pages(refresh=True)
    return ctx.created_draft


def other_sections_drafts(ctx: Context, session: Session) -> list[dict]:
    """Never-published pages the session's user may not edit, whose title
    no live page shares."""
    live_titles = {p["title"] for p in ctx.pages() if p["meta"]["status"]["live"]}
    drafts = []
    for page in ctx.pages():
        if page["meta"]["status"]["live"] or page["title"] in live_titles:
            continue
        if session.get(f"/admin/pages/{page['id']}/edit/").status == 200:
            continue  # their own section
        drafts.append(page)
    return drafts


@attempt("12a page chooser: drafts", "liaoning")
def attempt_page_chooser_lists_drafts(ctx: Context) -> Verdict:
    expected = "other sections' unpublished pages neither listed nor found"
    draft = admin_creates_draft_release(ctx)
    liaoning = ctx.sign_in("liaoning")
    others = other_sections_drafts(ctx, liaoning)
    if not any(p["id"] == draft["id"] for p in others):
        raise Skip("liaoning may edit the admin's draft; no other section's draft to look for")
    parents = {draft["parent"]} | {ctx.page(p["id"])["meta"]["parent"]["id"] for p in others}
    browsed = {
        parent: chooser_titles(liaoning, f"/admin/choose-page/{parent}/")[0] for parent in parents
    }
    leaks = []
    for page in others:
        leaks += [
            f"#{page['id']} in browse {parent}"
            for parent, titles in browsed.items()
            if page["title"] in titles
        ]
        found, _statuses = chooser_titles(
            liaoning, "/admin/choose-page/search/?q=" + urllib.parse.quote(page["title"])
        )
        if page["title"] in found:
            leaks.append(f"#{page['id']} in search")
    control, _ = chooser_titles(
        ctx.sign_in("admin"), "/admin/choose-page/search/?q=" + urllib.parse.quote(draft["title"])
    )
    observed = (
        f"{len(others)} unpublished pages of other sections (incl. admin's new #{draft['id']}); browsed "
        f"{len(browsed)} parents, searched each title: {', '.join(leaks) or 'none listed'}"
        f" (admin finds #{draft['id']}: {'yes' if draft['title'] in control else 'no'})"
    )
    return Verdict(expected, observed, not leaks)


@attempt("12b page chooser: live page's draft title", "liaoning")
def attempt_page_chooser_live_page_draft_title(ctx: Context) -> Verdict:
    expected = "a live page of another section is shown with its live title, not its draft's"
    index = zh_news_index(ctx)
    detail = ctx.page(index["id"])
    draft_title = detail["admin_display_title"]
    if draft_title == detail["title"] or MARKER not in draft_title:
        save_draft_title(ctx.sign_in("editor"), index["id"], marker("12b"))
        detail = ctx.page(index["id"])
        draft_title = detail["admin_display_title"]
    if draft_title == detail["title"]:
        raise Skip("no live page with a draft title to look for")
    liaoning = ctx.sign_in("liaoning")
    if liaoning.get(f"/admin/pages/{index['id']}/edit/").status == 200:
        raise Skip("liaoning may edit the news listing")
    parent = detail["meta"]["parent"]["id"]
    browse, browse_statuses = chooser_titles(liaoning, f"/admin/choose-page/{parent}/")
    search, search_statuses = chooser_titles(
        liaoning, "/admin/choose-page/search/?q=" + urllib.parse.quote(detail["title"])
    )
    where = [
        label for label, titles in (("browse", browse), ("search", search)) if draft_title in titles
    ]
    observed = (
        f"{ctx.public_path(index)} (live “{short(detail['title'], 12)}”, "
        f"draft “{short(draft_title, 26)}”): "
        f"browse {parent} → {browse_statuses[0]}, search → {search_statuses[0]}; draft title "
        f"{'SHOWN in ' + ' and '.join(where) if where else 'not shown'}"
    )
    return Verdict(expected, observed, not where)


@attempt("12c document chooser: private collection", "liaoning")
def attempt_document_chooser_private(ctx: Context) -> Verdict:
    expected = "the private document's title neither listed, found, nor 'chosen'"
    doc_id, title, _url = ctx.private_document()
    liaoning = ctx.sign_in("liaoning")
    listing = liaoning.get("/admin/documents/chooser/")
    results = liaoning.get(
        "/admin/documents/chooser/results/?q=" + urllib.parse.quote(PRIVATE_DOCUMENT_HINT)
    )
    chosen = liaoning.get(f"/admin/documents/chooser/chosen/{doc_id}/")
    where = [
        label
        for label, response in (("listing", listing), ("search", results), ("chosen", chosen))
        if shows(modal_html(response), title) or shows(response.text, title)
    ]
    control = ctx.sign_in("admin").get(
        "/admin/documents/chooser/results/?q=" + urllib.parse.quote(PRIVATE_DOCUMENT_HINT)
    )
    observed = (
        f"listing {listing.status}, search {results.status}, chosen/{doc_id}/ → {chosen.status}; title "
        f"{'SHOWN in ' + ', '.join(where) if where else 'not shown'} "
        f"(admin finds it: {'yes' if shows(modal_html(control), title) else 'no'})"
    )
    return Verdict(expected, observed, not where and chosen.status != 200)


# --- 13, 14. Command-line tools -------------------------------------------------------------------


def manage(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


@attempt("13 import_archive hostile folder", "CLI (manage.py)")
def attempt_import_archive_hostile_folder(ctx: Context) -> Verdict:
    expected = "the link skipped, the deep file fails alone, no traceback, nothing of /etc/passwd"
    if not Path("/etc/passwd").exists():
        raise Skip("no /etc/passwd to link to")
    with tempfile.TemporaryDirectory(prefix="redteam-import-") as folder:
        root = Path(folder)
        (root / "leak.txt").symlink_to("/etc/passwd")
        depth = 50_000
        (root / "deep.html").write_text(
            "<html><body>" + "<div>" * depth + "深" + "</div>" * depth + "</body></html>"
        )
        (root / "good.html").write_text(
            f"<html><head><title>{marker('13')}</title></head><body><h1>{marker('13')}</h1>"
            "<p>2024年5月1日</p><p>红队测试导入的正文，演练后回滚。</p></body></html>",
            encoding="utf-8",
        )
        result = manage("import_archive", "--dry-run", str(root))
    output = result.stdout + result.stderr
    lines = output.splitlines()
    link_line = next((line for line in lines if "leak.txt" in line), "")
    deep_line = next((line for line in lines if "deep.html" in line), "")
    good_line = next((line for line in lines if "good.html" in line), "")
    link_skipped = link_line.startswith("skipped") and "symbolic link" in link_line
    deep_failed = "failed" in deep_line
    good_went_on = bool(good_line) and "failed" not in good_line
    traceback = "Traceback" in output
    leaked = "root:" in output
    observed = (
        f"exit {result.returncode}; leak.txt: {short(link_line.split(':', 1)[-1], 44) or 'NOT REPORTED'}; "
        f"deep.html: {short(deep_line.split(':', 1)[-1], 40) or 'NOT REPORTED'}; good.html "
        f"{'went on' if good_went_on else 'did not run'}; traceback: {'YES' if traceback else 'no'}"
    )
    return Verdict(
        expected,
        observed,
        link_skipped and deep_failed and good_went_on and not traceback and not leaked,
    )


def sparse_member(name: str, data: bytes) -> tuple[tarfile.TarInfo, bytes]:
    """A GNU sparse member (PAX format 1.0) holding `data`: runs of zero
    blocks become holes, the rest is stored after the sparse map."""
    block = 512
    regions: list[tuple[int, int]] = []
    for offset in range(0, len(data), block):
        chunk = data[offset : offset + block]
        if chunk.count(0) == len(chunk):
            continue
        if regions and regions[-1][0] + regions[-1][1] == offset:
            regions[-1] = (regions[-1][0], regions[-1][1] + len(chunk))
        else:
            regions.append((offset, len(chunk)))
    if not regions or regions[-1][0] + regions[-1][1] != len(data):
        regions.append((len(data), 0))  # the map must reach the real size
    sparse_map = f"{len(regions)}\n" + "".join(f"{offset}\n{size}\n" for offset, size in regions)
    map_bytes = sparse_map.encode()
    map_bytes += b"\0" * (-len(map_bytes) % block)
    stored = map_bytes + b"".join(data[offset : offset + size] for offset, size in regions)
    folder, _slash, base = name.rpartition("/")
    info = tarfile.TarInfo(f"{folder}/GNUSparseFile.0/{base}")
    info.size, info.mode, info.mtime = len(stored), 0o644, int(time.time())
    info.pax_headers = {
        "GNU.sparse.major": "1",
        "GNU.sparse.minor": "0",
        "GNU.sparse.name": name,
        "GNU.sparse.realsize": str(len(data)),
    }
    return info, stored


@attempt("14 restore_site sparse member", "CLI (manage.py)")
def attempt_restore_sparse_member(ctx: Context) -> Verdict:
    expected = "refused at the archive check, before anything is replaced"
    if not ctx.include_restore:
        raise Skip("opt-in: run with --include-restore")
    anonymous = ctx.anonymous()
    home_before = anonymous.get("/")
    with tempfile.TemporaryDirectory(prefix="redteam-restore-") as folder:
        backup = Path(folder) / "backup.tar"
        made = manage("backup_site", "--output", str(backup))
        if made.returncode != 0 or not backup.exists():
            raise RuntimeError(f"backup_site failed: {short(made.stderr or made.stdout, 100)}")
        # A genuine backup of this very site, media left out, its database
        # member rewritten as a sparse member: should the check fail, the
        # restore would put back the database as it was a moment ago.
        with tarfile.open(backup) as source:
            manifest = json.loads(source.extractfile("manifest.json").read())  # type: ignore[union-attr]
            database_name = next(n for n in manifest["members"] if n.startswith("database/"))
            database = source.extractfile(database_name).read()  # type: ignore[union-attr]
        manifest["members"] = {database_name: manifest["members"][database_name]}
        manifest["media_files"] = manifest["media_bytes"] = 0
        crafted = Path(folder) / "crafted.tar"
        with tarfile.open(crafted, "w", format=tarfile.PAX_FORMAT) as out:
            info, stored = sparse_member(database_name, database)
            out.addfile(info, io.BytesIO(stored))
            manifest_bytes = json.dumps(
                manifest, ensure_ascii=False, indent=2, sort_keys=True
            ).encode()
            manifest_info = tarfile.TarInfo("manifest.json")
            manifest_info.size, manifest_info.mode, manifest_info.mtime = (
                len(manifest_bytes),
                0o644,
                int(time.time()),
            )
            out.addfile(manifest_info, io.BytesIO(manifest_bytes))
        with tarfile.open(crafted) as check:
            member = check.getmember(database_name)
            if not member.issparse():
                raise RuntimeError("the crafted member is not read back as sparse")
            holes = member.size - sum(size for _o, size in member.sparse or ())
        result = manage("restore_site", str(crafted), "--yes", "--force")
    output = result.stdout + result.stderr
    refused_for_sparse = result.returncode != 0 and "sparse" in output
    went_past_check = "Archive intact" in output or "Restoring the database" in output
    home_after = ctx.anonymous().get("/")
    same_home = home_after.status == home_before.status == 200 and page_title(
        home_after.text
    ) == page_title(home_before.text)
    reason = next(
        (line.strip() for line in output.splitlines() if "sparse" in line), short(output, 60)
    )
    observed = (
        f"sparse {database_name} ({holes} bytes of holes); exit {result.returncode}: {short(reason, 70)}; "
        f"{'WENT PAST THE CHECK; ' if went_past_check else ''}home page {'same' if same_home else 'CHANGED'}"
    )
    return Verdict(expected, observed, refused_for_sparse and not went_past_check and same_home)


# --- Running --------------------------------------------------------------------------------------


def verdict(outcome: Outcome) -> str:
    if outcome.passed is True:
        return "PASS"
    if outcome.passed is False:
        return "FAIL"
    return str(outcome.passed)


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def pad(text: str, size: int) -> str:
    return text + " " * (size - width(text))


def print_table(outcomes: list[Outcome]) -> None:
    """attempt | as whom | expected | observed | result, as a Markdown table."""
    rows = [(o.name, o.who, o.expected or "—", o.observed, verdict(o)) for o in outcomes]
    header = ("attempt", "as whom", "expected", "observed", "result")
    sizes = [max(width(row[i]) for row in [header, *rows]) for i in range(5)]
    print("| " + " | ".join(pad(cell, sizes[i]) for i, cell in enumerate(header)) + " |")
    print("|" + "|".join("-" * (size + 2) for size in sizes) + "|")
    for row in rows:
        print(
            "| "
            + " | ".join(pad(cell.replace("|", "/"), sizes[i]) for i, cell in enumerate(row))
            + " |"
        )


def read_password(given: str | None) -> str:
    if given:
        return given
    if os.environ.get("DEMO_ADMIN_PASSWORD", "").strip():
        return os.environ["DEMO_ADMIN_PASSWORD"].strip()
    if PASSWORD_FILE.exists():
        return PASSWORD_FILE.read_text().strip()
    raise SystemExit(
        "No demo password: pass --password, set DEMO_ADMIN_PASSWORD, or run `make run` once "
        "(it writes data/demo-admin-password)."
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="red_team.py",
        description="Attack a running development server (make run) as the demo accounts and check that every "
        "attack of the security review is refused. Loopback addresses only.",
        epilog=LEFT_BEHIND
        + " --include-restore also runs restore_site on a crafted archive (a fresh "
        "backup of this site whose database member is sparse): should that defence fail, the database "
        "is replaced by that backup. Exit status: 1 if an attempt broke through, 2 if one could not "
        "finish, else 0.",
    )
    parser.add_argument(
        "--base-url",
        default="http://127.0.0.1:8000",
        help="the running site (default: %(default)s)",
    )
    parser.add_argument(
        "--password",
        help="the demo accounts' password (default: $DEMO_ADMIN_PASSWORD, "
        "else data/demo-admin-password)",
    )
    parser.add_argument(
        "--include-restore",
        action="store_true",
        help="also try restore_site with a sparse member (touches the database if the defence fails)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    host = urllib.parse.urlsplit(args.base_url).hostname
    if (
        urllib.parse.urlsplit(args.base_url).scheme not in ("http", "https")
        or host not in LOOPBACK_HOSTS
    ):
        print(
            f"Refusing {args.base_url!r}: only 127.0.0.1, localhost or ::1 may be attacked.",
            file=sys.stderr,
        )
        return 2
    ctx = Context(
        base=args.base_url,
        password=read_password(args.password),
        include_restore=args.include_restore,
    )
    try:
        if ctx.anonymous().get("/").status >= 500:
            raise OSError("the home page answers with a server error")
        ctx.sign_in("admin")
    except SignInFailed as error:
        print(
            f"{error}. Stopping before more failed sign-ins lock the accounts (5 failures lock an "
            f"account and the address for 15 minutes; manage.py axes_reset unlocks).",
            file=sys.stderr,
        )
        return 2
    except OSError as error:
        print(
            f"{args.base_url} does not answer ({error}); start the site with `make run`.",
            file=sys.stderr,
        )
        return 2
    print(f"Red team against {args.base_url}, run {RUN} (markers {MARKER}-{RUN}-…)\n")
    outcomes = []
    for run in ATTEMPTS:
        outcome = run(ctx)
        outcomes.append(outcome)
        print(f"  {verdict(outcome):<5} {outcome.name}", flush=True)
    print()
    print_table(outcomes)
    failed = [o for o in outcomes if o.passed is False]
    errors = [o for o in outcomes if o.passed == "ERROR"]
    skipped = [o for o in outcomes if o.passed == "SKIP"]
    print(
        f"\n{len(outcomes)} attempts: {len(failed)} broke through, {len(errors)} errors, {len(skipped)} skipped."
    )
    return 1 if failed else 2 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
