"""One pass over a mention's text: every phrase found, sorted by what it stands for."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.domain import NormalizedMention
from bot.rules.compiler import BRAND, COMPETITOR, EXECUTIVE, RULE_ALL, RULE_ANY, RULE_NONE, CompiledPlaybook
from bot.rules.lexicon import Kind
from bot.rules.text import Hit, fold, match_text

__all__ = ["ENTITY_CATEGORIES", "Entity", "Scan", "scan"]

ENTITY_CATEGORIES = frozenset({BRAND, COMPETITOR, Kind.OTHER_PROVIDER.value})


@dataclass(frozen=True, slots=True)
class Entity:
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

    def hits(self, kind: Kind) -> list[Hit]:
        return self.by_kind.get(kind.value, [])

    def evidence(self, start: int, end: int) -> str:
        """The original words for a span of the folded text (folded words when folding changed lengths)."""
        source = self.text if len(self.text) == len(self.folded) else self.folded
        return " ".join(source[start:end].split())

    def competitors_named(self) -> list[Entity]:
        return [e for e in self.entities if e.category == COMPETITOR]

    def brand_named(self) -> bool:
        return any(e.category == BRAND for e in self.entities)


def scan(mention: NormalizedMention, compiled: CompiledPlaybook) -> Scan:
    folded = fold(mention.text)
    result = Scan(text=mention.text, folded=folded)
    terms = compiled.terms
    for hit in compiled.matcher.scan(match_text(folded)):
        for tid in hit.terms:
            term = terms[tid]
            cat = term.category
            if cat in ENTITY_CATEGORIES:
                result.entities.append(Entity(hit, cat, term.ref))
            elif cat == EXECUTIVE:
                result.executives.append(hit)
            elif cat == RULE_ANY:
                result.rule_any.setdefault(term.ref, []).append(hit)
            elif cat == RULE_ALL:
                result.rule_all.setdefault(term.ref, set()).add(term.part)
            elif cat == RULE_NONE:
                result.rule_none.add(term.ref)
            else:
                result.by_kind.setdefault(cat, []).append(hit)
    return result
