"""Template tags of the translation app: the public side (hreflang
alternates, the link to the Chinese original) and the translation editor's
review bar."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template
from wagtail.models import Page, TaskState, WorkflowState

from lifelong_site.editorial.four_eyes import review_blockers
from lifelong_site.translation import public

register = template.Library()


@dataclass(frozen=True)
class ReviewAction:
    name: str
    label: str


@dataclass(frozen=True)
class ReviewBar:
    page: Page
    can_publish: bool
    state: WorkflowState | None
    workflow_name: str
    task_state: TaskState | None = None
    # What this user may do to the task in progress (approve, reject…).
    actions: list[ReviewAction] = field(default_factory=list)
    # Why approval is held, if it is (editorial/four_eyes.py review blockers).
    held_because: list[str] = field(default_factory=list)

    @property
    def in_review(self) -> bool:
        return self.state is not None and self.state.status == WorkflowState.STATUS_IN_PROGRESS

    @property
    def needs_changes(self) -> bool:
        return self.state is not None and self.state.status == WorkflowState.STATUS_NEEDS_CHANGES


@register.simple_tag(takes_context=True)
def translation_review_bar(context, instance) -> ReviewBar | None:
    """What the bar under the translation editor shows for this page and user:
    the translator's "submit", and the reviewer's "approve" / "request changes"
    (the translation editor replaces Wagtail's page editor, and with it the
    workflow buttons reviewers would otherwise find there)."""
    if not isinstance(instance, Page):
        return None
    user = context["request"].user
    workflow = instance.get_workflow()
    state = instance.current_workflow_state
    task_state = (
        state.current_task_state
        if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
        else None
    )
    actions = []
    held_because: list[str] = []
    if task_state is not None:
        held_because = review_blockers(instance, task_state)
        task = task_state.task.specific
        # Wagtail offers "approve" twice (with and without a comment dialog);
        # the bar has its own comment box, so one button per action.
        seen: set[str] = set()
        for name, label, _modal in task.get_actions(instance, user):
            if name not in seen:
                seen.add(name)
                actions.append(ReviewAction(name, str(label)))
    return ReviewBar(
        page=instance,
        can_publish=instance.permissions_for_user(user).can_publish(),
        state=state,
        workflow_name=workflow.name if workflow is not None else "",
        task_state=task_state,
        actions=actions,
        held_because=held_because,
    )


# --- The public side -----------------------------------------------------------


@register.simple_tag(takes_context=True)
def hreflang_alternates(context) -> list[public.Alternate]:
    request = context.get("request")
    if request is None:
        return []
    return public.alternates(request, context.get("page"))


@register.simple_tag(takes_context=True)
def translation_origin(context) -> public.TranslationOrigin | None:
    request = context.get("request")
    if request is None:
        return None
    return public.translation_origin(request, context.get("page"))
