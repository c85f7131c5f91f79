"""One pass over a mention's text: every phrase found, sorted by what it stands for."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from bot.domain import NormalizedMention
from bot.rules.compiler import BRAND, COMPETITOR, ENTITY, EXECUTIVE, LEXICON, RULE_ALL, RULE_ANY, CompiledPlaybook
from bot.rules.lexicon import CONTEXT_KINDS, Kind
from bot.rules.text import Hit, PhraseMatcher, fold, match_text

__all__ = ["ENTITY_CATEGORIES", "Entity", "Scan", "scan"]

ENTITY_CATEGORIES = frozenset({BRAND, COMPETITOR, Kind.OTHER_PROVIDER.value})


_OTHER = Kind.OTHER_PROVIDER.value
_NONE: list[Hit] = []  # what `hits` returns for a kind not found; never appended to


class Entity(NamedTuple):
    """A brand, a competitor (ref = its index) or an unnamed "other carrier", where it was named."""

    hit: Hit
    category: str
    ref: int


@dataclass
class Scan:
    text: str
    folded: str
    by_kind: dict[str, list[Hit]] = field(default_factory=dict)
    entities: list[Entity] = field(default_factory=list)
    executives: list[Hit] = field(default_factory=list)
    rule_any: dict[int, list[Hit]] = field(default_factory=dict)
    rule_all: dict[int, set[int]] = field(default_factory=dict)
    rule_none: set[int] = field(default_factory=set)
    source: str = field(init=False, default="")  # what `evidence` quotes from
    context_matcher: PhraseMatcher | None = None
    others_named: bool = False  # an unnamed "other carrier" is among the entities
    _context: dict[str, list[Hit]] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.source = self.text if len(self.text) == len(self.folded) else self.folded

    def hits(self, kind: Kind) -> list[Hit]:
        return self.by_kind.get(kind._value_, _NONE)  # `_value_`: `.value` goes through a slow descriptor

    def context(self, kind: Kind) -> list[Hit]:
        """Hits of a kind in `CONTEXT_KINDS`, found on the first call (most mentions never need them)."""
        if self._context is None:
            self._context = {}
            if self.context_matcher is not None:
                for hit in self.context_matcher.scan(match_text(self.folded)):
                    for index in hit.terms:
                        self._context.setdefault(CONTEXT_KINDS[index], []).append(hit)
        return self._context.get(kind._value_, _NONE)

    def evidence(self, start: int, end: int) -> str:
        """The original words for a span of the folded text (folded words when folding changed lengths)."""
        return " ".join(self.source[start:end].split())

    def competitors_named(self) -> list[Entity]:
        return [e for e in self.entities if e.category == COMPETITOR]

    def brand_named(self) -> bool:
        return any(e.category == BRAND for e in self.entities)


def scan(mention: NormalizedMention, compiled: CompiledPlaybook) -> Scan:
    folded = fold(mention.text)
    result = Scan(text=mention.text, folded=folded, context_matcher=compiled.context)
    plan = compiled.term_plan
    by_kind, entities, rule_any = result.by_kind, result.entities, result.rule_any
    matcher = compiled.matcher
    matches, exact = matcher.matches(match_text(folded))
    terms_of = matcher.terms_of
    for m in matches:  # `matcher.scan`, inlined: one loop per mention instead of two
        found = m[0]
        hit = Hit(found, *m.span(), exact.get(found) or terms_of(found))
        for tid in hit.terms:
            what, key, ref, part = plan[tid]
            if what is LEXICON:
                if key in by_kind:
                    by_kind[key].append(hit)
                else:
                    by_kind[key] = [hit]
            elif what is ENTITY:
                entities.append(Entity(hit, key, ref))
                if key == _OTHER:
                    result.others_named = True
            elif what is RULE_ANY:
                rule_any.setdefault(ref, []).append(hit)
            elif what is EXECUTIVE:
                result.executives.append(hit)
            elif what is RULE_ALL:
                result.rule_all.setdefault(ref, set()).add(part)
            else:
                result.rule_none.add(ref)
    return result
