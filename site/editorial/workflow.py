"""The review workflows every page goes through before it is public.

Two workflows, each one `ReviewTask`:

- "审核发布", assigned to the reviewers, on the Chinese home page: news,
  notices, campaign pages and provincial sections start in it when an editor
  presses "Submit for review";
- "英文译文审核", assigned to the English reviewers, on the English home page:
  every English translation starts in it, whether the translator submits from
  Wagtail's editor or from the translation editor (lifelong_site.translation.review).

Approval publishes the page, at once or, when it has a go-live time, at that
minute (the scheduler does it). Rejection returns the page to its author with
the reviewer's comment and an email.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Page, Workflow, WorkflowPage, WorkflowTask

from .models import ReviewTask

WORKFLOW_NAME = "审核发布"
TASK_NAME = "内容审核"
ENGLISH_WORKFLOW_NAME = "英文译文审核"
ENGLISH_TASK_NAME = "英文审核"


@transaction.atomic
def ensure_workflow(name: str, task_name: str, reviewers: Group, homes: Iterable[Page]) -> Workflow:
    workflow, _created = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    task = ReviewTask.objects.filter(name=task_name).first() or ReviewTask.objects.create(
        name=task_name
    )
    task.groups.add(reviewers)
    if not task.active:
        task.active = True
        task.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for home in homes:
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow


def ensure_review_workflows(groups: dict[str, Group]) -> tuple[Workflow, Workflow]:
    """Both workflows on their home pages; returns (Chinese, English)."""
    from .roles import ENGLISH_REVIEWERS, REVIEWERS, find_sections

    sections = find_sections()
    source = ensure_workflow(WORKFLOW_NAME, TASK_NAME, groups[REVIEWERS], sections.source_homes)
    english = ensure_workflow(
        ENGLISH_WORKFLOW_NAME, ENGLISH_TASK_NAME, groups[ENGLISH_REVIEWERS], sections.english_homes
    )
    return source, english
