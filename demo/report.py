"""What the demo loaders did, for the summary `load_demo` prints."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class DemoReport:
    """What a loader did, for the command's summary."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def record(self, label: str, created: bool) -> None:
        (self.created if created else self.updated).append(label)
