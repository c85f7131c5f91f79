"""A little grammar over the words found: negation scope, plain questions, and which way a churn points."""

from __future__ import annotations

import re
from enum import StrEnum

from bot.rules.compiler import BRAND, COMPETITOR
from bot.rules.lexicon import (
    CARRY_VERBS,
    CLAUSE_WORDS,
    CONDITIONALS,
    FROM_WORDS,
    HEARSAY,
    NEGATORS,
    NOT_NEGATING_NEXT,
    ONWARD_WORDS,
    PEOPLE,
    QUESTION_STARTS,
    SERVICE_OBJECTS,
    TO_WORDS,
    WITH_WORDS,
    Kind,
)
from bot.rules.scan import Entity, Scan
from bot.rules.text import Hit, words_before, words_between

__all__ = [
    "Direction",
    "churn_direction",
    "in_question",
    "is_hearsay",
    "is_negated",
    "is_plain_question",
    "nearest_entity",
]

NEGATION_SCOPE = 4  # words before a phrase that a negator reaches ("no pienso cambiarme", "I'm not switching")
ENTITY_GAP = 4  # words allowed between a move verb and where it goes ("me paso mañana mismo a Vozzia")
# A longer gap is allowed when it names what is moved and ends in "to"/"a": "moving all three household lines
# to Vozzia", "me llevo las cuatro líneas de casa a Vozzia".
OBJECT_GAP = 10


def _phrases(text: str) -> tuple[str, ...]:
    return tuple(text.split("|"))


_LEAVING = _phrases(
    "leav|left|dej|cancel|baja|quit|drop|done with|adios|goodbye|hasta nunca|que hago|what am i|why am i|why do i|"
    "por que sigo|para que sigo|que pinto|me largo|me piro|me borro|me marcho|ultimo mes|last month|se acabo|"
    "never again"
)
_ARTICLES = frozenset({"el", "la", "los", "las", "the", "my", "mi", "mis", "our", "nuestra", "nuestro"})
_RHETORICAL = _phrases("que hago en|que hago con")
_FIRST_SENTENCE = re.compile(r"^[\s¿¡\"'“(]*([\w']+)")
_SENTENCE_MARK = re.compile("[.!?¿\n]")  # one of these between two spans: they are in different sentences
_NAMED = (BRAND, COMPETITOR)


class Direction(StrEnum):
    UNKNOWN = "unknown"  # leaving, destination not said
    AWAY_FROM_US = "away_from_us"
    TO_COMPETITOR = "to_competitor"
    FROM_COMPETITOR = "from_competitor"  # a competitor's customer leaving them: a poaching chance
    TO_US = "to_us"  # leaving a competitor for us: good news


def is_negated(folded: str, start: int) -> bool:
    """A negator within reach before `start`, in the same clause, that is not a condition ("si no …")
    nor a suggestion ("¿por qué no …?", "why not …")."""
    words = words_before(folded, start, limit=NEGATION_SCOPE + 2)
    for i in range(max(0, len(words) - NEGATION_SCOPE), len(words)):
        if words[i] not in NEGATORS or (i + 1 < len(words) and words[i + 1] in NOT_NEGATING_NEXT):
            continue  # "no idea why I'm still with …", "no wonder I'm leaving" do not negate
        before = words[max(0, i - 2) : i]
        if (before and before[-1] in CONDITIONALS) or before[-1:] == ["why"] or before == ["por", "que"]:
            continue
        return True
    return False


def is_hearsay(folded: str, start: int) -> bool:
    """Somebody else says so: "dicen que me cambie a Vozzia", "people tell me to switch"."""
    # The same call as `is_negated`'s (cached), cut to the scope: churn asks both about the same phrase.
    return not HEARSAY.isdisjoint(words_before(folded, start, limit=NEGATION_SCOPE + 2)[-NEGATION_SCOPE:])


def in_question(folded: str, start: int, end: int) -> bool:
    """The phrase sits inside a question: between ¿ and ?, or in a sentence that ends with ?."""
    ends = [e for e in (folded.find(mark, end) for mark in ".!?\n") if e >= 0]
    if not ends or folded[min(ends)] != "?":
        return False
    sentence = max(folded.rfind(mark, 0, start) for mark in ".!?\n") + 1
    if any(why in folded[sentence : min(ends)] for why in ("why", "por que", "porque")):
        return False  # "¿por qué me habéis subido la tarifa?" complains
    opening = folded.find("¿", sentence, min(ends))
    return opening < 0 or opening < start


def is_plain_question(folded: str) -> bool:
    """A question and nothing else: it starts like one (or with ¿) and asks ("¿cómo activo el roaming?")."""
    if "?" not in folded:
        return False
    first = _FIRST_SENTENCE.match(folded)
    return folded.lstrip().startswith("¿") or (first is not None and first.group(1) in QUESTION_STARTS)


def nearest_entity(s: Scan, hit: Hit) -> Entity | None:
    """The brand or competitor named closest to a hit (the one a complaint is most likely about)."""
    best, gap = None, 10**9
    start, end = hit.start, hit.end
    for entity in s.entities:
        if entity.category not in _NAMED:
            continue
        _, named_start, named_end, _ = entity.hit
        distance = max(named_start - end, start - named_end, 0)
        if distance >= gap:
            continue  # cannot be nearer, whatever lies between
        low, high = min(start, named_start), max(end, named_end)
        if _SENTENCE_MARK.search(s.folded, low, high) is not None:
            distance += 1000  # another sentence: a weaker claim
        if distance < gap:
            best, gap = entity, distance
    return best


def churn_direction(s: Scan) -> tuple[Direction, int, int] | None:
    """The strongest churn in the text, its direction, and the span that shows it (for the reason)."""
    best: tuple[Direction, int, int] | None = None
    for hit in sorted(s.hits(Kind.CHURN) + s.hits(Kind.CHURN_WEAK), key=lambda h: h.start):
        if is_negated(s.folded, hit.start) or is_hearsay(s.folded, hit.start):
            continue
        found = _direction_of(s, hit, strong=hit in s.hits(Kind.CHURN))
        if found is not None and (best is None or _RANK[found[0]] > _RANK[best[0]]):
            best = found
    return best


_RANK = {
    Direction.TO_US: 0,
    Direction.FROM_COMPETITOR: 1,
    Direction.UNKNOWN: 2,
    Direction.AWAY_FROM_US: 3,
    Direction.TO_COMPETITOR: 4,
}


def _direction_of(s: Scan, hit: Hit, *, strong: bool) -> tuple[Direction, int, int] | None:
    target = _next_entity(s, hit)
    if target is None:
        if not strong:
            return None
        return (_named_competitor_elsewhere(s) or Direction.UNKNOWN), hit.start, hit.end
    entity, prep = target
    if hit.phrase.startswith(_RHETORICAL) and not _rhetorical(s, hit, entity):
        return None
    leaving = strong or hit.phrase.startswith(_LEAVING)
    # "cancel my contract with Movilia" leaves; "me quedo con Vozzia", "go with Vozzia" arrive.
    toward = prep in TO_WORDS - WITH_WORDS or (not leaving and (prep is None or prep in WITH_WORDS))
    span = (hit.start, entity.hit.end)
    if entity.category == COMPETITOR:
        if toward:
            return Direction.TO_COMPETITOR, *span
        after = _next_entity(s, entity.hit)
        if after is not None and after[0].category == BRAND and after[1] in TO_WORDS:
            return Direction.TO_US, hit.start, after[0].hit.end
        return Direction.FROM_COMPETITOR, *span
    if entity.category == BRAND:
        if toward:
            return Direction.TO_US, *span
        return (_named_competitor_elsewhere(s) or Direction.AWAY_FROM_US), *span
    return Direction.UNKNOWN, *span  # "me voy a otra compañía"


def _rhetorical(s: Scan, hit: Hit, entity: Entity) -> bool:
    """ "¿Qué hago en Movilia?" is churn; "¿qué hago en Movilia para cambiar el titular?" is a question."""
    adjacent = not words_between(s.folded, hit.end, entity.hit.start)
    rest = words_between(s.folded, entity.hit.end, len(s.folded))
    return adjacent and (not rest or s.folded[entity.hit.end : entity.hit.end + 2].strip()[:1] in ("?", ".", "!", ","))


def _named_competitor_elsewhere(s: Scan) -> Direction | None:
    return Direction.TO_COMPETITOR if s.competitors_named() else None


def _next_entity(s: Scan, hit: Hit) -> tuple[Entity, str | None] | None:
    """The entity named right after `hit` (within a few words) and the preposition in front of it."""
    for entity in s.entities:
        if entity.hit.start < hit.end:
            continue
        between = words_between(s.folded, hit.end, entity.hit.start)
        if len(between) > OBJECT_GAP or _SENTENCE_MARK.search(s.folded, hit.end, entity.hit.start) is not None:
            return None
        gap = len(between)
        while between and between[-1] in _ARTICLES:
            between.pop()
        prep = between[-1] if between and (between[-1] in TO_WORDS or between[-1] in FROM_WORDS) else None
        if between and prep is None:
            return None  # "moving to Leeds tomorrow, does Movilia …": the move is not about Movilia
        moved = between[:-1]
        if prep in FROM_WORDS and not TO_WORDS.isdisjoint(moved):
            return None  # "me voy a la tienda de Movilia": going to a place that belongs to it
        if hit.phrase.startswith(CARRY_VERBS) and (prep is None or not PEOPLE.isdisjoint(moved)):
            return None  # "taking Movilia to court", "taking my mum to Vozzia's shop": not a line moving
        if gap > ENTITY_GAP and (
            prep not in ONWARD_WORDS or SERVICE_OBJECTS.isdisjoint(moved) or not CLAUSE_WORDS.isdisjoint(moved)
        ):
            return None
        return entity, prep
    return None
