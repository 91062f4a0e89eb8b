"""Demo content of the editorial workflow: the roles, the review workflow, one
account per role, and a press release under embargo that goes live a few
minutes after `make run` starts, in both languages, so a newcomer sees the
scheduler at work. Running `load_demo` again schedules it afresh."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from demo.report import DemoReport
from demo.site import admin_password
from demo.tools import Strings, find_or_add_child, paragraph, source_home
from lifelong_site.blocks.stream_data import raw_stream
from lifelong_site.editorial.roles import (
    ENGLISH_REVIEWERS,
    NEWS_EDITORS,
    REVIEWERS,
    TRANSLATORS,
    provincial_group_name,
    setup_roles,
)
from lifelong_site.editorial.workflow import ensure_review_workflows
from lifelong_site.translation.tools import translate_instance

SCHEDULED_SLUG = "embargoed-release-demo"
MINUTES_UNTIL_GO_LIVE = 3

# username → (group, full name); they share the demo admin's password.
DEMO_ACCOUNTS = {
    "editor": (NEWS_EDITORS, "王编辑"),
    "reviewer": (REVIEWERS, "李审核"),
    "reviewer2": (REVIEWERS, "张审核"),
    "translator": (TRANSLATORS, "Translator Chen"),
    "english_reviewer": (ENGLISH_REVIEWERS, "Reviewer Liu"),
    "liaoning": (provincial_group_name("辽宁省"), "辽宁省教育厅 宣传员"),
}

SCHEDULED_TITLE = (
    "（定时发布示例）全民终身学习活动周宣传片今日上线",
    "(Scheduled example) Promotional film of the Lifelong Learning Activity Week released today",
)
SCHEDULED_TEXT = (
    "本稿件由编辑撰写、审核员批准，并设定了发布时间。到点之前网站上看不到它；到点后一分钟内，调度程序自动将其发布，无需任何人操作。",
    "This release was written by an editor, approved by a reviewer and given a go-live time. It is not on the site "
    "before that minute; within a minute after it, the scheduler publishes it with no one at a keyboard.",
)


def ensure_accounts(report: DemoReport) -> dict[str, User]:
    password = admin_password()
    users = {}
    for username, (group_name, full_name) in DEMO_ACCOUNTS.items():
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@lifelong-learning.example"}
        )
        first, _space, last = full_name.partition(" ")
        user.first_name, user.last_name = (first, last) if last else (full_name, "")
        if created or not user.check_password(password):
            user.set_password(password)
        user.save()
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            user.groups.add(group)
        users[username] = user
        report.record(f"账号 {username}", created)
    report.notes.append(
        "Editorial accounts (same password as admin): "
        + ", ".join(f"{name} ({group})" for name, (group, _n) in DEMO_ACCOUNTS.items())
    )
    return users


def schedule(page: Page, go_live_at: dt.datetime, author, reviewer) -> None:
    """Take the page off the site if an earlier run published it, then send
    it through review as the site does: the author submits a version with a
    go-live time and the reviewer approves it, so Wagtail keeps it as a
    scheduled revision that the scheduler publishes at that minute."""
    page = Page.objects.get(pk=page.pk).specific
    if page.live:
        page.unpublish(log_action=False)
    if page.current_workflow_state is not None:
        page.current_workflow_state.cancel(user=author)
    page.go_live_at = go_live_at
    page.save_revision(user=author, log_action=False)
    page.get_workflow().start(page, author)
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    task_state.task.specific.on_action(task_state, reviewer, "approve", comment="")


def ensure_scheduled_release(report: DemoReport, users: dict[str, User]) -> Page | None:
    from news.models import NewsIndexPage, PressReleasePage

    home, _zh, english = source_home()
    news = NewsIndexPage.objects.child_of(home).first()
    if news is None:
        return None
    go_live_at = (timezone.now() + dt.timedelta(minutes=MINUTES_UNTIL_GO_LIVE)).replace(
        second=0, microsecond=0
    )
    s = Strings()
    fields = {
        "title": s(*SCHEDULED_TITLE),
        "published_at": go_live_at,
        "owner": users["editor"],
        "body": raw_stream("embargoed-release-demo", [paragraph(s(*SCHEDULED_TEXT))]),
    }
    created = not PressReleasePage.objects.child_of(news).filter(slug=SCHEDULED_SLUG).exists()
    page, _created = find_or_add_child(
        news, PressReleasePage, SCHEDULED_SLUG, fields | ({"live": False} if created else {})
    )
    schedule(page, go_live_at, users["editor"], users["reviewer"])
    report.record("定时发布示例 (zh-hans)", created)
    existed = page.has_translation(english)
    target = translate_instance(PressReleasePage.objects.get(pk=page.pk), english, s, publish=False)
    schedule(target, go_live_at, users["translator"], users["english_reviewer"])
    report.record("Scheduled release (en)", not existed)
    report.notes.append(
        f"Scheduled release goes live at {timezone.localtime(go_live_at):%H:%M} (Asia/Shanghai): {page.get_url() or page.url_path}"
    )
    return page


@transaction.atomic
def load(report: DemoReport) -> None:
    groups = setup_roles()
    ensure_review_workflows(groups)
    users = ensure_accounts(report)
    ensure_scheduled_release(report, users)
