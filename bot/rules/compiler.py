"""`compile_playbook`: everything the engine looks for, built once per playbook load.

Every phrase (built-in lexicon, playbook additions, brand, competitor and executive names and handles, rule
keywords) becomes a term of one `PhraseMatcher`, so evaluating a mention scans its text once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.domain import Lane, Role, Severity
from bot.rules.lexicon import CONTEXT_KINDS, Kind, builtin_lexicon
from bot.rules.playbook import Playbook, Rule
from bot.rules.prefilter import RegexPrefilter
from bot.rules.routing import Router, compile_routes
from bot.rules.sections import ReachTier
from bot.rules.text import PhraseMatcher, fold

__all__ = ["CompiledPlaybook", "CompiledRule", "Term", "compile_playbook"]

# Term categories besides the lexicon kinds.
BRAND = "brand"
COMPETITOR = "competitor"
EXECUTIVE = "executive"
RULE_ANY = "rule_any"
RULE_ALL = "rule_all"
RULE_NONE = "rule_none"
# What `scan` does with a term (see `TermPlan`): file it under its lexicon kind, or as an entity.
LEXICON = "lexicon"
ENTITY = "entity"
_ENTITY_CATEGORIES = frozenset({BRAND, COMPETITOR, Kind.OTHER_PROVIDER.value})


@dataclass(frozen=True, slots=True)
class Term:
    """What a phrase stands for: a lexicon kind or an entity, and which one (rule, competitor, person index)."""

    category: str
    ref: int = 0
    part: int = 0


# Per term id, precomputed for `scan`: (what: LEXICON, ENTITY or the rule/executive category, key: the
# kind or entity category, ref, part). Interned strings, so `scan` compares them with `is`.
TermPlan = tuple[str, str, int, int]


def _plan(term: Term) -> TermPlan:
    if term.category in _ENTITY_CATEGORIES:
        return ENTITY, term.category, term.ref, term.part
    if term.category in (EXECUTIVE, RULE_ANY, RULE_ALL, RULE_NONE):
        return term.category, term.category, term.ref, term.part
    return LEXICON, term.category, term.ref, term.part


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    index: int
    all_count: int
    regexes: tuple[re.Pattern[str], ...]
    # The rule's fields that evaluation reads, copied out of the pydantic model once.
    requires: frozenset[Lane] = frozenset()
    has_any: bool = False
    all_words: tuple[str, ...] = ()
    negatable: bool = False
    name: str = ""
    lane: Lane | None = None
    score: float = 0.0
    severity: Severity | None = None
    topic: str | None = None

    @property
    def needs_regex_only(self) -> bool:
        return not self.rule.match.any and not self.rule.match.all


@dataclass(frozen=True)
class CompiledPlaybook:
    playbook: Playbook
    matcher: PhraseMatcher
    terms: tuple[Term, ...]
    rules: tuple[CompiledRule, ...]
    regex_rules: RegexPrefilter  # the rules with only `regex`: which of them may match a text
    competitor_names: tuple[str, ...]
    executive_names: tuple[str, ...]
    own_handles: frozenset[str]
    vips: frozenset[str]
    outlets: frozenset[str]
    media_author_words: PhraseMatcher
    router: Router
    spike_lanes: frozenset[str] = field(default_factory=frozenset)
    term_plan: tuple[TermPlan, ...] = ()
    severity_steps: tuple[tuple[float, Severity], ...] = ()  # (threshold, severity), most urgent first
    reach_tiers: tuple[ReachTier, ...] = ()  # most followers first; equal ones in the playbook's order
    context: PhraseMatcher | None = None  # the `CONTEXT_KINDS`, scanned only when a signal asks (term = kind index)
    own_stem: str = ""  # the brand's name as a handle starts ("movilia"): "@movilia_help", "@MoviliaUK" are ours


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
        if kind is not Kind.MEDIA_AUTHOR and kind.value not in CONTEXT_KINDS:
            terms.add(lexicon[kind], Term(kind.value))
    context: dict[str, set[int]] = {}
    for index, name in enumerate(CONTEXT_KINDS):
        for phrase in lexicon[Kind(name)]:
            context.setdefault(phrase, set()).add(index)
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
        term_plan=tuple(_plan(t) for t in terms.terms),
        severity_steps=_severity_steps(playbook),
        reach_tiers=tuple(sorted(playbook.reach.tiers, key=lambda t: -t.followers)),
        rules=rules,
        regex_rules=RegexPrefilter([(r.index, r.rule.match.regex) for r in rules if r.needs_regex_only]),
        competitor_names=tuple(c.name for c in playbook.competitors),
        executive_names=tuple(p.name for p in executives),
        own_handles=frozenset(_handle(h) for h in brand.handles),
        own_stem="".join(fold(brand.name).split()),
        vips=frozenset(_handle(h) for h in playbook.reach.vips),
        outlets=frozenset(_handle(h) for h in [*playbook.media.outlets, *playbook.media.journalists]),
        media_author_words=PhraseMatcher({p: (0,) for p in lexicon[Kind.MEDIA_AUTHOR]}),
        context=PhraseMatcher(context),
        router=compile_routes(playbook),
        spike_lanes=frozenset(lane.value for lane in playbook.spike.lanes) if playbook.spike.enabled else frozenset(),
    )


def _severity_steps(playbook: Playbook) -> tuple[tuple[float, Severity], ...]:
    t = playbook.thresholds
    return (
        (t.critical, Severity.CRITICAL),
        (t.high, Severity.HIGH),
        (t.medium, Severity.MEDIUM),
        (t.low, Severity.LOW),
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
    return CompiledRule(
        rule=rule,
        index=index,
        all_count=len(rule.match.all),
        regexes=regexes,
        requires=frozenset(rule.requires),
        has_any=bool(rule.match.any),
        all_words=tuple(rule.match.all),
        negatable=rule.negatable,
        name=rule.name,
        lane=rule.lane,
        score=rule.score,
        severity=rule.severity,
        topic=rule.topic,
    )


def _handle(handle: str) -> str:
    return fold(handle).lstrip("@")
