"""The playbook: the YAML file an admin owns (brand, competitors, people, sources, rules), validated at load.

A bad playbook never gets half-used: `load_playbook` raises `PlaybookError` naming the file, the line and the
path inside the file of every problem.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from bot.domain import Lane, Role, Severity
from bot.errors import PlaybookError

__all__ = [
    "Brand",
    "Competitor",
    "Match",
    "Person",
    "Playbook",
    "Rule",
    "Source",
    "load_playbook",
    "parse_playbook",
]

Key = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,62}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Brand(_Strict):
    name: str = Field(min_length=1)
    handles: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=lambda: ["es", "en"])


class Competitor(_Strict):
    name: str = Field(min_length=1)
    handles: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)


class Person(_Strict):
    id: Key
    name: str = Field(min_length=1)
    role: Role
    title: str | None = None
    language: Literal["es", "en"] = "en"
    timezone: str = "UTC"
    handles: list[str] = Field(default_factory=list)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (use an IANA name such as Europe/Madrid)") from None
        return value


class Source(_Strict):
    """Where mentions come from. The webhook URL of a source is `/webhooks/{id}`."""

    id: Key
    kind: Literal["generic"]
    secret_env: list[str] = Field(min_length=1, max_length=2)

    @field_validator("secret_env", mode="before")
    @classmethod
    def _one_or_two(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class Match(_Strict):
    """What a rule looks for. Keywords match whole words, ignoring case and accents."""

    any: list[str] = Field(default_factory=list)
    all: list[str] = Field(default_factory=list)
    regex: list[str] = Field(default_factory=list)

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"regex {pattern!r} does not compile: {exc}") from None
        return value

    @model_validator(mode="after")
    def _not_empty(self) -> Match:
        if not (self.any or self.all or self.regex):
            raise ValueError("a match needs at least one of any, all or regex")
        return self


class Rule(_Strict):
    name: Key
    lane: Lane | None = None
    match: Match
    score: float = Field(default=1.0, ge=0)
    severity: Severity | None = None


class Escalating(_Strict):
    """Who is paged and how long they have. (The full policies and rotations come with their own issue.)"""

    on_call: str
    ack_timeout_minutes: float = Field(default=5, gt=0)
    respond_timeout_minutes: float = Field(default=15, gt=0)


class Thresholds(_Strict):
    """Score needed for each severity; a rule's own `severity` is a floor on top."""

    critical: float = 8.0
    high: float = 5.0
    medium: float = 3.0
    low: float = 1.0


class Playbook(_Strict):
    version: Literal[1] = 1
    brand: Brand
    competitors: list[Competitor] = Field(default_factory=list)
    people: list[Person] = Field(min_length=1)
    sources: list[Source] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)
    thresholds: Thresholds = Field(default_factory=Thresholds)
    escalation: Escalating

    @model_validator(mode="after")
    def _references(self) -> Playbook:
        _unique("people", [p.id for p in self.people])
        _unique("sources", [s.id for s in self.sources])
        _unique("rules", [r.name for r in self.rules])
        if self.escalation.on_call not in {p.id for p in self.people}:
            raise ValueError(f"escalation.on_call names {self.escalation.on_call!r}, who is not in people")
        return self

    def person(self, key: str) -> Person:
        return next(p for p in self.people if p.id == key)

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)


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
