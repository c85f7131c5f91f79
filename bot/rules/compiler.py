"""`compile_playbook`: everything the engine looks for, built once per playbook load.

Every phrase (built-in lexicon, playbook additions, brand, competitor and executive names and handles, rule
keywords) becomes a term of one `PhraseMatcher`, so evaluating a mention scans its text once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.domain import Role
from bot.rules.lexicon import Kind, builtin_lexicon
from bot.rules.playbook import Playbook, Rule
from bot.rules.routing import Router, compile_routes
from bot.rules.text import PhraseMatcher, fold

__all__ = ["CompiledPlaybook", "CompiledRule", "Term", "compile_playbook"]

# Term categories besides the lexicon kinds.
BRAND = "brand"
COMPETITOR = "competitor"
EXECUTIVE = "executive"
RULE_ANY = "rule_any"
RULE_ALL = "rule_all"
RULE_NONE = "rule_none"


@dataclass(frozen=True, slots=True)
class Term:
    """What a phrase stands for: a lexicon kind or an entity, and which one (rule, competitor, person index)."""

    category: str
    ref: int = 0
    part: int = 0


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    index: int
    all_count: int
    regexes: tuple[re.Pattern[str], ...]

    @property
    def needs_regex_only(self) -> bool:
        return not self.rule.match.any and not self.rule.match.all


@dataclass(frozen=True)
class CompiledPlaybook:
    playbook: Playbook
    matcher: PhraseMatcher
    terms: tuple[Term, ...]
    rules: tuple[CompiledRule, ...]
    regex_only_rules: tuple[int, ...]
    regex_gate: re.Pattern[str] | None
    competitor_names: tuple[str, ...]
    executive_names: tuple[str, ...]
    own_handles: frozenset[str]
    vips: frozenset[str]
    outlets: frozenset[str]
    media_author_words: PhraseMatcher
    router: Router
    spike_lanes: frozenset[str] = field(default_factory=frozenset)


class _Terms:
    def __init__(self) -> None:
        self.terms: list[Term] = []
        self.index: dict[Term, int] = {}
        self.phrases: dict[str, set[int]] = {}

    def add(self, phrases: list[str], term: Term) -> None:
        tid = self.index.setdefault(term, len(self.terms))
        if tid == len(self.terms):
            self.terms.append(term)
        for phrase in phrases:
            self.phrases.setdefault(phrase, set()).add(tid)


def compile_playbook(playbook: Playbook) -> CompiledPlaybook:
    """Compile once per playbook load; evaluation then builds no regex."""
    lexicon = builtin_lexicon(playbook.brand.languages, extend=playbook.lexicon.extend, remove=playbook.lexicon.remove)
    terms = _Terms()
    for kind in Kind:
        if kind is not Kind.MEDIA_AUTHOR:
            terms.add(lexicon[kind], Term(kind.value))
    brand = playbook.brand
    terms.add(_names(brand.name, brand.aliases, brand.handles), Term(BRAND))
    for i, comp in enumerate(playbook.competitors):
        terms.add(_names(comp.name, comp.aliases, comp.handles), Term(COMPETITOR, i))
    executives = [p for p in playbook.people if p.role is Role.EXECUTIVE]
    for i, person in enumerate(executives):
        terms.add([person.name, *person.handles], Term(EXECUTIVE, i))
    rules = tuple(_compile_rule(i, rule, terms) for i, rule in enumerate(playbook.rules))
    return CompiledPlaybook(
        playbook=playbook,
        matcher=PhraseMatcher(terms.phrases, shields=lexicon[Kind.SHIELD]),
        terms=tuple(terms.terms),
        rules=rules,
        regex_only_rules=tuple(r.index for r in rules if r.needs_regex_only),
        regex_gate=_gate([p for r in rules if r.needs_regex_only for p in r.rule.match.regex]),
        competitor_names=tuple(c.name for c in playbook.competitors),
        executive_names=tuple(p.name for p in executives),
        own_handles=frozenset(_handle(h) for h in brand.handles),
        vips=frozenset(_handle(h) for h in playbook.reach.vips),
        outlets=frozenset(_handle(h) for h in [*playbook.media.outlets, *playbook.media.journalists]),
        media_author_words=PhraseMatcher({p: (0,) for p in lexicon[Kind.MEDIA_AUTHOR]}),
        router=compile_routes(playbook),
        spike_lanes=frozenset(lane.value for lane in playbook.spike.lanes) if playbook.spike.enabled else frozenset(),
    )


def _names(name: str, aliases: list[str], handles: list[str]) -> list[str]:
    """A name, its aliases and handles, and their #hashtag and @handle spellings without spaces."""
    words = [name, *aliases]
    tags = ["#" + w.replace(" ", "") for w in words] + ["@" + w.replace(" ", "") for w in words]
    return [*words, *tags, *handles]


def _compile_rule(index: int, rule: Rule, terms: _Terms) -> CompiledRule:
    if rule.match.any:
        terms.add(rule.match.any, Term(RULE_ANY, index))
    for part, word in enumerate(rule.match.all):
        terms.add([word], Term(RULE_ALL, index, part))
    if rule.match.none:
        terms.add(rule.match.none, Term(RULE_NONE, index))
    regexes = tuple(re.compile(p, re.IGNORECASE) for p in rule.match.regex)
    return CompiledRule(rule=rule, index=index, all_count=len(rule.match.all), regexes=regexes)


def _gate(patterns: list[str]) -> re.Pattern[str] | None:
    """One search that says whether any regex-only rule can match, so most mentions skip them all."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None


def _handle(handle: str) -> str:
    return fold(handle).lstrip("@")
