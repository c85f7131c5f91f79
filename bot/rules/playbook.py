"""The playbook: the YAML file an admin owns (brand, competitors, people, sources, rules), validated at load.

A bad playbook never gets half-used: `load_playbook` raises `PlaybookError` naming the file, the line and the
path inside the file of every problem.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import Field, ValidationError, model_validator

from bot.domain.oncall import Rotation
from bot.errors import PlaybookError
from bot.rules.replies import Replies
from bot.rules.routes import Escalating, Policy, RouteMatch, RouteSpec
from bot.rules.sections import (
    Brand,
    Competitor,
    Lexicon,
    Match,
    Media,
    Person,
    Reach,
    Rule,
    Source,
    Spike,
    Strict,
    Thresholds,
    Velocity,
    Weights,
)
from bot.rules.teams import TeamChat

__all__ = [
    "Brand",
    "Competitor",
    "Escalating",
    "Match",
    "Person",
    "Playbook",
    "Policy",
    "RouteMatch",
    "RouteSpec",
    "Rule",
    "Source",
    "load_playbook",
    "parse_playbook",
]


class Playbook(Strict):
    """The whole file. `replies` is a slot the replies issue fills; it is kept as given."""

    version: Literal[1] = 1
    brand: Brand
    competitors: list[Competitor] = Field(default_factory=list)
    people: list[Person] = Field(min_length=1)
    sources: list[Source] = Field(default_factory=list)
    lexicon: Lexicon = Field(default_factory=Lexicon)
    rules: list[Rule] = Field(default_factory=list)
    reach: Reach = Field(default_factory=Reach)
    media: Media = Field(default_factory=Media)
    velocity: Velocity = Field(default_factory=Velocity)
    spike: Spike = Field(default_factory=Spike)
    weights: Weights = Field(default_factory=Weights)
    thresholds: Thresholds = Field(default_factory=Thresholds)
    escalation: Escalating
    routing: RouteSpec = Field(default_factory=RouteSpec)
    rotations: list[Rotation] = Field(default_factory=list)
    replies: Replies = Field(default_factory=Replies)
    team_chats: list[TeamChat] = Field(default_factory=list)  # groups that mirror every escalation (issue 6)

    @model_validator(mode="after")
    def _references(self) -> Playbook:
        _unique("people", [p.id for p in self.people])
        _unique("sources", [s.id for s in self.sources])
        _unique("rules", [r.name for r in self.rules])
        if self.escalation.on_call not in {p.id for p in self.people}:
            raise ValueError(f"escalation.on_call names {self.escalation.on_call!r}, who is not in people")
        _check_route(self, self.routing, "routing")
        _check_escalation(self)
        return self

    def person(self, key: str) -> Person:
        return next(p for p in self.people if p.id == key)

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)


def _check_route(book: Playbook, route: RouteSpec, where: str) -> None:
    people = {p.id for p in book.people}
    if route.person is not None and route.person not in people:
        raise ValueError(f"{where}.person names {route.person!r}, who is not in people")
    if route.role is not None and not any(p.role == route.role for p in book.people):
        raise ValueError(f"{where}.role: nobody in people has the role {route.role.value!r}")
    if route.policy is not None and route.policy not in book.escalation.policies:
        raise ValueError(f"{where}.policy names {route.policy!r}, which is not in escalation.policies")
    for i, child in enumerate(route.routes):
        _check_route(book, child, f"{where}.routes[{i}]")


def _check_escalation(book: Playbook) -> None:
    """Every person, rotation and policy the escalation section names must exist."""
    people = {p.id for p in book.people}
    rotations = {r.id for r in book.rotations}
    _unique("rotations", [r.id for r in book.rotations])
    for rotation in book.rotations:
        for key in [*rotation.members, *rotation.secondary, *(o.person for o in rotation.overrides)]:
            if key not in people:
                raise ValueError(f"rotation {rotation.id!r} names {key!r}, who is not in people")
    for person in book.people:
        if person.manager is not None and person.manager not in people:
            raise ValueError(f"person {person.id!r} has manager {person.manager!r}, who is not in people")
    for name, policy in book.escalation.policies.items():
        for i, level in enumerate(policy.levels):
            for target in level.targets:
                if target.person is not None and target.person not in people:
                    raise ValueError(
                        f"escalation.policies.{name}.levels[{i}] names {target.person!r}, who is not in people"
                    )
                rotation_id = target.rotation or target.next_on_call
                if rotation_id is not None and rotation_id not in rotations:
                    raise ValueError(
                        f"escalation.policies.{name}.levels[{i}] names rotation {rotation_id!r}, which is not in rotations"
                    )
    for severity, name in book.escalation.severity_policies.items():
        if name not in book.escalation.policies:
            raise ValueError(
                f"escalation.severity_policies.{severity} names {name!r}, which is not in escalation.policies"
            )


def _unique(what: str, keys: list[str]) -> None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise ValueError(f"{what}: {key!r} appears twice")
        seen.add(key)


def load_playbook(path: Path) -> Playbook:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PlaybookError(str(path), [f"cannot read the file: {exc.strerror or exc}"]) from None
    return parse_playbook(text, file=str(path))


def parse_playbook(text: str, *, file: str = "<playbook>") -> Playbook:
    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise PlaybookError(file, [f"{where}not valid YAML: {getattr(exc, 'problem', exc)}"]) from None
    if not isinstance(data, dict):
        raise PlaybookError(file, ["line 1: the playbook must be a mapping (brand:, people:, …)"])
    try:
        return Playbook.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = [part for part in err["loc"] if not str(part).startswith("function-")]
            line = _line_of(root, loc)
            path = _dotted(loc) or "(top level)"
            msg = err["msg"].removeprefix("Value error, ")
            problems.append(f"line {line}: {path}: {msg}" if line else f"{path}: {msg}")
        raise PlaybookError(file, problems) from None


def _dotted(loc: list[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _line_of(node: yaml.Node | None, loc: list[Any]) -> int | None:
    """The line (1-based) of the deepest YAML node along `loc` that exists."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
        if child is None:
            break
        node, line = child, child.start_mark.line + 1
    return line
