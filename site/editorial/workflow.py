"""The review workflow every page of the site goes through before it is public.

One workflow, "审核发布", with one `ReviewTask` assigned to the reviewers, is
attached to both home pages, so news, notices, campaign pages and English
translations all start in it when an editor presses "Submit for review". The
reviewer's approval publishes the page, at once or, when the page has a
go-live time, at that minute (the scheduler does it). Rejection returns the
page to its author with the reviewer's comment and an email.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Page, Workflow, WorkflowPage, WorkflowTask

from .models import ReviewTask

WORKFLOW_NAME = "审核发布"
TASK_NAME = "内容审核"


@transaction.atomic
def ensure_review_workflow(reviewers: Group, homes: list[Page]) -> Workflow:
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = ReviewTask.objects.filter(name=TASK_NAME).first() or ReviewTask.objects.create(name=TASK_NAME)
    task.groups.add(reviewers)
    if not task.active:
        task.active = True
        task.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for home in homes:
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow
