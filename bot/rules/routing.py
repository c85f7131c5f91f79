"""The routing tree, Alertmanager style: depth-first, first matching child wins unless it says `continue`;
children inherit what they do not set. The deepest matching node gives the route; nodes matched after a
`continue` are listed in the policy as `also_notify`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from bot.domain import Lane, NormalizedMention, Route, Severity
from bot.rules.playbook import Playbook
from bot.rules.routes import GroupBy, RouteMatch, RouteSpec
from bot.rules.text import KeywordMatcher, fold
from bot.rules.trusted import trusted_route

__all__ = ["Facts", "Router", "compile_routes"]


class Facts(NamedTuple):
    """What the router may look at: the verdict and the mention it is about (a named tuple: one is built
    per mention, and a tuple is the cheapest immutable record)."""

    mention: NormalizedMention
    folded: str
    severity: Severity
    lanes: Sequence[Lane]
    topics: Sequence[str]
    source: str | None


@dataclass(frozen=True)
class _Node:
    path: str
    match: RouteMatch
    keywords: KeywordMatcher | None
    regexes: tuple[re.Pattern[str], ...]
    target: str
    policy_name: str
    policy: dict[str, Any]
    group_by: tuple[GroupBy, ...]
    continue_: bool
    children: tuple[_Node, ...] = field(default_factory=tuple)

    def matches(self, facts: Facts) -> bool:
        m = self.match
        checks = (
            not m.lanes or any(lane in facts.lanes for lane in m.lanes),
            all(lane in facts.lanes for lane in m.lanes_all),
            not m.severity or facts.severity in m.severity,
            m.min_severity is None or facts.severity.rank >= m.min_severity.rank,
            not m.sources or facts.source in m.sources,
            not m.authors or _author(facts.mention) in {fold(a).lstrip("@") for a in m.authors},
            not m.topics or any(t in facts.topics for t in m.topics),
            self.keywords is None or bool(self.keywords.find_all(facts.folded)),
            all(r.search(facts.mention.text) for r in self.regexes),
        )
        return all(checks)


class Router:
    """Walks the tree per mention. When no node reads the mention itself (authors, keywords, regex), the
    walk depends only on (severity, lanes, topics, source), so its outcome is remembered per combination."""

    def __init__(self, root: _Node) -> None:
        self._root = root
        self._cacheable = not _reads_mention(root)
        self._decided: dict[tuple[object, ...], tuple[_Node, tuple[str, ...]]] = {}

    def route(self, facts: Facts) -> Route:
        if self._cacheable:
            key = (facts.severity, tuple(facts.lanes), tuple(facts.topics), facts.source)
            decided = self._decided.get(key)
            if decided is None:
                decided = self._decide(facts)
                if len(self._decided) < _DECIDED_LIMIT:
                    self._decided[key] = decided
        else:
            decided = self._decide(facts)
        first, also_notify = decided
        policy = {**first.policy, "name": first.policy_name, "route": first.path, "also_notify": list(also_notify)}
        return trusted_route(first.target, _group_key(first.group_by, facts), policy)

    def _decide(self, facts: Facts) -> tuple[_Node, tuple[str, ...]]:
        matched = _walk(self._root, facts) or [self._root]
        first, rest = matched[0], matched[1:]
        return first, tuple(sorted({n.target for n in rest} - {first.target}))


_DECIDED_LIMIT = 4096  # (severity, lanes, topics, source) combinations remembered; all of them, in practice


def _reads_mention(node: _Node) -> bool:
    m = node.match
    return bool(m.authors or m.keywords or m.regex) or any(_reads_mention(child) for child in node.children)


def _walk(node: _Node, facts: Facts) -> list[_Node]:
    """The nodes that take this mention under `node` (which already matched), in order."""
    found: list[_Node] = []
    for child in node.children:
        if not child.matches(facts):
            continue
        found.extend(_walk(child, facts) or [child])
        if not child.continue_:
            break
    return found


def compile_routes(playbook: Playbook) -> Router:
    esc = playbook.escalation
    default = {"ack_timeout_minutes": esc.ack_timeout_minutes, "respond_timeout_minutes": esc.respond_timeout_minutes}
    base = _Node("root", RouteMatch(), None, (), esc.on_call, "default", default, ("thread",), False)
    return Router(_compile(playbook.routing, base, playbook, "root"))


def _compile(spec: RouteSpec, parent: _Node, playbook: Playbook, path: str) -> _Node:
    target = parent.target
    if spec.person is not None:
        target = spec.person
    elif spec.role is not None:
        target = next(p.id for p in playbook.people if p.role is spec.role)
    policy_name, policy = parent.policy_name, parent.policy
    if spec.policy is not None:
        policy_name, policy = spec.policy, playbook.escalation.policies[spec.policy].model_dump()
    node = _Node(
        path=path,
        match=spec.match,
        keywords=KeywordMatcher(spec.match.keywords) if spec.match.keywords else None,
        regexes=tuple(re.compile(p, re.IGNORECASE) for p in spec.match.regex),
        target=target,
        policy_name=policy_name,
        policy=policy,
        group_by=tuple(spec.group_by) if spec.group_by is not None else parent.group_by,
        continue_=spec.continue_,
    )
    children = tuple(
        _compile(child, node, playbook, f"{path}/{child.name or i}") for i, child in enumerate(spec.routes)
    )
    return replace(node, children=children)


def _author(mention: NormalizedMention) -> str:
    return fold(mention.author.handle or "").lstrip("@")


def _group_key(group_by: Sequence[GroupBy], facts: Facts) -> str:
    """Mentions with the same key join one open escalation. The default groups by thread."""
    m = facts.mention
    parts = []
    for what in group_by:
        if what == "topic" and facts.topics:
            parts.append(f"topic:{facts.topics[0]}")
        elif what == "lane" and facts.lanes:
            parts.append(f"lane:{facts.lanes[0].value}")
        elif what == "author" and m.author.handle:
            parts.append(f"author:{m.platform}:{_author(m)}")
        elif what == "source" and facts.source:
            parts.append(f"source:{facts.source}")
        elif what == "thread":
            parts.append(f"thread:{m.platform}:{m.thread_id or m.in_reply_to or m.id}")
    return "|".join(parts) or f"thread:{m.platform}:{m.thread_id or m.in_reply_to or m.id}"
