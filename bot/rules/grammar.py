"""A little grammar over the words found: negation scope, plain questions, and which way a churn points."""

from __future__ import annotations

import re
from enum import StrEnum

from bot.rules.compiler import BRAND, COMPETITOR
from bot.rules.lexicon import (
    ACQUIRE_VERBS,
    AFTER_PLACE,
    CARRY_VERBS,
    CLAUSE_WORDS,
    CONDITIONALS,
    CUSTOMER_OF,
    DEVICES,
    FROM_WORDS,
    HEARSAY,
    MOVE_VERBS,
    NEGATORS,
    NOT_NEGATING_NEXT,
    ONWARD_WORDS,
    OWNED_THINGS,
    PEOPLE,
    PLACE_WORDS,
    PRESENCE_VERBS,
    QUESTION_STARTS,
    RHETORICAL_BEFORE,
    SERVICE_OBJECTS,
    SHOP_WORDS,
    SIM_ARRIVES,
    SWAP_VERBS,
    SWAP_WORDS,
    THIRD_PARTY,
    TO_WORDS,
    WHEN_WORDS,
    WITH_WORDS,
    WORK_WORDS,
    Kind,
)
from bot.rules.scan import Entity, Scan
from bot.rules.text import Hit, words_before, words_between

_WORD = re.compile(r"[\w']+")

__all__ = [
    "Direction",
    "churn_direction",
    "closing_praise",
    "in_question",
    "is_hearsay",
    "is_negated",
    "is_plain_question",
    "is_third_party",
    "near_in_sentence",
    "nearest_entity",
    "quoted_in_report",
    "service_failure",
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
    "never again|bye|cancel|so long|farewell|chau|chao|bail|me quiero ir|nos queremos ir|me voy a ir|hasta luego|"
    "hasta siempre|ditch|dump"
)
_AWAY = frozenset({"away", "lejos", "out"})  # "porting my number away from Movilia": the origin, not an owner
_ARTICLES = frozenset({"el", "la", "los", "las", "the", "my", "mi", "mis", "our", "nuestra", "nuestro"})
_RHETORICAL = _phrases("que hago en|que hago con")
_FIRST_SENTENCE = re.compile(r"^[\s¿¡\"'“(]*([\w']+)")
_SENTENCE_MARK = re.compile("[.!?¿\n]")  # one of these between two spans: they are in different sentences
_NAMED = (BRAND, COMPETITOR)
_SIM_LINK = frozenset(("de", "del", "d", "from", "of", "'s"))  # "la SIM de Vozzia", "a SIM from Vozzia"
_CLOSED_AFTER = frozenset(("it is", "it's"))  # arrivals that must end their sentence: "Vozzia it is."
# Going with nowhere said, closing a sentence of a condition: "Si Vozzia me ofrece lo mismo, me voy."
_FAREWELL = _phrases("adios|chau|chao|bye|goodbye|farewell|so long|hasta luego|hasta siempre|hasta nunca|me despid")
_COURTING = frozenset(("me", "nos", "offered", "offers", "gave", "gives"))  # "Vozzia me ofrece", "Vozzia offered"
_GONE = frozenset(("me voy", "nos vamos", "me largo", "me piro", "i'm off", "im off", "i'm gone", "im gone"))


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
        if not RHETORICAL_BEFORE.isdisjoint(before):
            continue  # "one reason not to cancel", "una razón para no darme de baja": asking, not negating
        if (before and before[-1] in CONDITIONALS) or before[-1:] == ["why"] or before == ["por", "que"]:
            continue
        return True
    return False


def is_hearsay(folded: str, start: int) -> bool:
    """Somebody else says so: "dicen que me cambie a Vozzia", "people tell me to switch"."""
    # The same call as `is_negated`'s (cached), cut to the scope: churn asks both about the same phrase.
    return not HEARSAY.isdisjoint(words_before(folded, start, limit=NEGATION_SCOPE + 2)[-NEGATION_SCOPE:])


def is_third_party(folded: str, start: int) -> bool:
    """Somebody else did it, right before the verb: "alguien ha portado mi número", "someone ported my line"."""
    return not THIRD_PARTY.isdisjoint(words_before(folded, start, limit=NEGATION_SCOPE + 2)[-2:])


def in_question(folded: str, start: int, end: int) -> bool:
    """The phrase sits inside a question: between ¿ and ?, or in a sentence that ends with ?."""
    closing = _SENTENCE_END.search(folded, end)  # one search instead of a find per mark
    if closing is None or closing[0] != "?":
        return False
    stop = closing.start()
    sentence = _sentence_start(folded, start)
    body = folded[sentence:stop]
    if "why" in body or "por que" in body or "porque" in body:
        return False  # "¿por qué me habéis subido la tarifa?" complains
    opening = folded.find("¿", sentence, stop)
    return opening < 0 or opening < start


def _sentence_start(folded: str, start: int) -> int:
    """Where the sentence holding `start` begins (after the last . ! ? or newline before it)."""
    return (
        max(
            folded.rfind(".", 0, start),
            folded.rfind("!", 0, start),
            folded.rfind("?", 0, start),
            folded.rfind("\n", 0, start),
        )
        + 1
    )


def is_plain_question(folded: str) -> bool:
    """A question and nothing else: it starts like one (or with ¿) and asks ("¿cómo activo el roaming?")."""
    if "?" not in folded:
        return False
    first = _FIRST_SENTENCE.match(folded)
    return folded.lstrip().startswith("¿") or (first is not None and first.group(1) in QUESTION_STARTS)


NEAR = 8  # words allowed between a thing and its state ("la batería del móvil de Movilia se ha abombado")
REPORT_REACH = 4  # words between a report word and the body it quotes ("según la OCU", "la OCU publica su ranking")
# Words that may stand between a failure and the service it is about: "logging me out of the app".
_SERVICE_LINK = frozenset(
    ("of", "the", "my", "a", "an", "de", "del", "la", "el", "mi", "los", "las", "in", "on", "from", "en", "con", "with")
)
_SENTENCE_END = re.compile("[.!?\n]")
_CLOSING_TAIL = 40  # characters a closing praise may have after it ("Genial, de verdad.")


def near_in_sentence(s: Scan, a: Hit, b: Hit, reach: int = NEAR) -> bool:
    """Two hits in the same sentence with at most `reach` words between them."""
    low, high = (a.end, b.start) if a.start < b.start else (b.end, a.start)
    if low > high:
        return True  # they overlap
    return _SENTENCE_MARK.search(s.folded, low, high) is None and len(words_between(s.folded, low, high)) <= reach


def quoted_in_report(s: Scan, hit: Hit) -> bool:
    """A legal body quoted in a ranking or a survey ("según la OCU", "according to Ofcom's report")."""
    return any(near_in_sentence(s, r, hit, REPORT_REACH) for r in s.context(Kind.REPORT))


def service_failure(s: Scan) -> list[Hit]:
    """Failures of a service with no negative word: "the Movilia app logs me out", "se me va la fibra"."""
    failures = s.hits(Kind.FAILURE)
    services = s.context(Kind.SERVICE) if failures else []
    if not services:
        return []
    out = []
    for hit in failures:
        for service in services:
            if service.end <= hit.start:
                ok = near_in_sentence(s, service, hit, 3)  # "my broadband drops", "la app de Movilia me echa"
            else:  # "se me va la fibra", "logging me out of the app", not "drops prices on the 5G plans"
                linking = words_between(s.folded, hit.end, service.start)
                ok = service.start >= hit.end and len(linking) <= 3 and _SERVICE_LINK.issuperset(linking)
            if ok and not is_negated(s.folded, hit.start):
                out.append(hit)
                break
    return out


def closing_praise(s: Scan) -> Hit | None:
    """A praise word that closes the mention on its own after something else ("… third month running.
    Brilliant.", "… en la final. Genial, de verdad."): said of a complaint, it is sarcasm."""
    hit = s.hits(Kind.PRAISE)[-1]
    if len(s.folded) - hit.end > _CLOSING_TAIL:
        return None  # too much after it to close the mention
    opening = _sentence_start(s.folded, hit.start) - 1
    if opening <= 0 or len(words_between(s.folded, opening, hit.start)) > 1:
        return None
    closing = _SENTENCE_END.search(s.folded, hit.end)
    rest = s.folded[hit.end : closing.start() if closing else len(s.folded)]
    after = s.folded[closing.end() :] if closing else ""
    if len(words_between(rest, 0, len(rest))) > 2 or words_between(after, 0, len(after)):
        return None
    return hit


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
    to_us: tuple[Direction, int, int] | None = None
    strong = s.hits(Kind.CHURN)
    shopping = s.context(Kind.SHOPPING) if s.others_named else []
    for hit in sorted(strong + s.hits(Kind.CHURN_WEAK) + shopping, key=lambda h: h.start):
        if hit in shopping and hit not in strong:
            found = _shopping(s, hit)
        else:
            found = _direction_of(s, hit, strong=hit in strong)
        if found is None or (
            best is not None and _RANK[found[0]] <= _RANK[best[0]] and found[0] is not Direction.TO_US
        ):
            continue  # the direction first: most hits point nowhere, and then their negation does not matter
        if (
            is_negated(s.folded, hit.start)
            or is_hearsay(s.folded, hit.start)
            or is_third_party(s.folded, hit.start)
            or _not_a_threat(s.folded, hit)
        ):
            continue
        if found[0] is Direction.TO_US:
            to_us = to_us or found
            if best is not None:
                continue
        best = found
    for hit in s.hits(Kind.ARRIVAL):
        found = _arrival(s, hit)
        if found is not None and (best is None or _RANK[found[0]] > _RANK[best[0]]):
            best = found
    for hit in s.hits(Kind.SIM):
        found = _new_sim(s, hit)
        if found is None or is_negated(s.folded, hit.start):
            continue
        if found[0] is Direction.TO_US and best is not None and best[0] is Direction.FROM_COMPETITOR:
            best = found  # "Got my PAC from Vozzia, Movilia SIM arrives tomorrow": leaving them for us
        elif to_us is not None:
            continue  # "my SIM from Vozzia arrived but I'm going with Movilia": the move is to us
        elif best is None or _RANK[found[0]] > _RANK[best[0]]:
            best = found
    if best is not None and best[0] is Direction.FROM_COMPETITOR and to_us is not None:
        return to_us  # "portabilidad a Movilia … adiós Vozzia": one move, to us
    return best


# Others who move, not the author: "everyone at work is moving to Vozzia. Not me", "mis amigos se cambian a Vozzia".
_OTHERS = frozenset(
    [
        "everyone",
        "everybody",
        "friends",
        "mates",
        "colleagues",
        "coworkers",
        "brother",
        "sister",
        "amigos",
        "amigas",
        "companeros",
        "hermano",
        "hermana",
        "mundo",
    ]
)
_RATHER = frozenset(["sooner", "rather", "antes", "prefer", "prefiero"])  # "I'd sooner quit coffee than leave Movilia"
_FREE = frozenset(["free", "gratis"])


def _not_a_threat(folded: str, hit: Hit) -> bool:
    """A move that is somebody else's, one the author would rather not make, or one the competitor does for free
    ("their number transfer was free": the competitor-does-it-free complaint, not churn)."""
    before = words_before(folded, hit.start, limit=6)
    if not _OTHERS.isdisjoint(before) or "todos" in before[-2:]:  # "todos se pasan", not "todos los días sin línea"
        return True
    if before[-1:] in (["than"], ["que"]) and not _RATHER.isdisjoint(before):
        return True
    return not _FREE.isdisjoint(words_between(folded, hit.end, min(len(folded), hit.end + 30))[:4])


def _shopping(s: Scan, hit: Hit) -> tuple[Direction, int, int] | None:
    """Looking around is churn only when what is looked at is "other carriers": "mirando otras compañías"."""
    target = _next_entity(s, hit.end, hit.phrase)
    if target is None or target[0].category == BRAND or target[0].category == COMPETITOR:
        return None
    return Direction.UNKNOWN, hit.start, target[0].hit.end


def _arrival(s: Scan, hit: Hit) -> tuple[Direction, int, int] | None:
    """ "Vozzia, here I come", "Vozzia gets my business": the name right before says where the customer goes."""
    if hit.phrase in _CLOSED_AFTER and words_between(s.folded, hit.end, _sentence_end(s.folded, hit.end)):
        return None  # "Vozzia it is." arrives; "Vozzia it is cheaper" compares
    if s.folded.startswith(" back", hit.end):
        return None  # "Vozzia's getting my money back for me" is a refund
    for entity in reversed(s.entities):
        if entity.hit.end > hit.start:
            continue
        after = _after_possessive(s.folded, entity.hit.end)  # "Vozzia's getting my money"
        if words_between(s.folded, after, hit.start) or _SENTENCE_MARK.search(s.folded, entity.hit.end, hit.start):
            return None
        if entity.category == COMPETITOR:
            return Direction.TO_COMPETITOR, entity.hit.start, hit.end
        return (Direction.TO_US if entity.category == BRAND else Direction.UNKNOWN), entity.hit.start, hit.end
    return None


_RANK = {
    Direction.TO_US: 0,
    Direction.FROM_COMPETITOR: 1,
    Direction.UNKNOWN: 2,
    Direction.AWAY_FROM_US: 3,
    Direction.TO_COMPETITOR: 4,
}


def _sentence_end(folded: str, start: int) -> int:
    found = _SENTENCE_MARK.search(folded, start)
    return found.start() if found is not None else len(folded)


def _thanked(s: Scan) -> bool:
    """Praise or thanks that is not sarcasm, and no complaint: the mention is a thank-you."""
    sarcasm = s.hits(Kind.SARCASM)
    praise = [h for h in s.hits(Kind.PRAISE) if h not in sarcasm]
    return bool(praise) and not s.hits(Kind.COMPLAINT) and not sarcasm


def _gone_if(s: Scan, hit: Hit) -> bool:
    """ "me voy" closing its sentence after a condition or after the competitor ("si Vozzia me ofrece lo mismo, me
    voy.", "Vozzia me hizo una oferta que no pude rechazar, me voy")."""
    end = _sentence_end(s.folded, hit.end)
    if words_between(s.folded, hit.end, end):
        return False
    start = _sentence_start(s.folded, hit.start)
    for entity in s.entities:  # "Vozzia me hizo una oferta …, me voy": the competitor did something for me
        if entity.category == COMPETITOR and start <= entity.hit.start < hit.start:
            following = _WORD.match(s.folded, _after_possessive(s.folded, entity.hit.end))
            if following is not None and following[0] in _COURTING:
                return True
    return not CONDITIONALS.isdisjoint(words_between(s.folded, start, hit.start))


def _presence(s: Scan, hit: Hit) -> tuple[Direction, int, int] | None:
    """ "el sábado estoy en la tienda de Vozzia firmando", "Monday I'm walking into Vozzia": being at a competitor's
    shop is churn when the sentence sets a day or a condition (a threat), not "estoy en Vozzia desde 2019"."""
    for entity in s.entities:
        if entity.hit.start < hit.end:
            continue
        between = words_between(s.folded, hit.end, entity.hit.start)
        if entity.category != COMPETITOR or len(between) > 4 or not PLACE_WORDS.issuperset(between):
            return None
        if _SENTENCE_MARK.search(s.folded, hit.end, entity.hit.start) is not None:
            return None
        rest = s.folded[entity.hit.end : _sentence_end(s.folded, entity.hit.end)]
        following = _WORD.match(rest, len(rest) - len(rest.lstrip(" ")))  # the next word, if it is right there
        if following is not None and SHOP_WORDS.isdisjoint(between) and following[0] not in AFTER_PLACE:
            return None  # "tomorrow I'm at the Vozzia arena", "I'm in Vozzia's home town"
        start = _sentence_start(s.folded, hit.start)
        sentence = words_between(s.folded, start, _sentence_end(s.folded, entity.hit.end))
        if WHEN_WORDS.isdisjoint(sentence) or not WORK_WORDS.isdisjoint(sentence):
            return None  # no day or condition, or there for work ("el lunes estoy en Vozzia para una reunión")
        return Direction.TO_COMPETITOR, hit.start, entity.hit.end
    return None


def _new_sim(s: Scan, hit: Hit) -> tuple[Direction, int, int] | None:
    """A SIM named with a carrier, in a sentence where it arrives or goes live: "me llega mañana la SIM de
    Vozzia", "my Vozzia SIM arrived", "the Vozzia SIM goes live on Tuesday" (Movilia's SIM: to us)."""
    owner = None
    for entity in s.entities:
        if entity.category not in _NAMED:
            continue
        if entity.hit.end <= hit.start:
            gap = s.folded[entity.hit.end : hit.start]
            if not gap.strip() or gap.strip() == "'s":
                owner = entity  # "my Vozzia SIM", "Vozzia's eSIM"
        elif entity.hit.start >= hit.end:
            between = words_between(s.folded, hit.end, entity.hit.start)
            if 1 <= len(between) <= 2 and _SIM_LINK.issuperset(between):
                owner = entity  # "la SIM de Vozzia", "a SIM from Vozzia"
            break
    if owner is None:
        return None
    start = _sentence_start(s.folded, min(hit.start, owner.hit.start))
    sentence = words_between(s.folded, start, _sentence_end(s.folded, max(hit.end, owner.hit.end)))
    if not any(w.startswith(SIM_ARRIVES) for w in sentence) or not PEOPLE.isdisjoint(sentence):
        return None  # nothing arrives, or it is somebody else's ("la SIM de Vozzia de mi hermano")
    return _arriving_at(owner), min(hit.start, owner.hit.start), max(hit.end, owner.hit.end)


def _direction_of(s: Scan, hit: Hit, *, strong: bool) -> tuple[Direction, int, int] | None:
    phrase = hit.phrase
    if not strong and phrase.startswith(PRESENCE_VERBS):
        return _presence(s, hit)
    if phrase.startswith(_FAREWELL) and not phrase.startswith("hasta nunca") and _thanked(s):
        return None  # "Gracias por la ayuda, hasta luego Movilia": signing off a thank-you, not leaving
    if phrase == "shopping around" and s.folded.startswith(" for ", hit.end):
        return None  # what is shopped for decides: "for a new phone case" is not leaving ("for another carrier" is)
    if phrase == "dejo" and s.source[hit.start : hit.end].endswith("ó"):
        return None  # "el cable que dejó suelto el técnico de Movilia": somebody else left something
    leaving = strong or phrase.startswith(_LEAVING)
    acquire = phrase.startswith(ACQUIRE_VERBS)
    target = _next_entity(s, hit.end, phrase)
    while target is not None and not acquire and _owner_only(s, hit, target, leaving=leaving):
        target = _next_entity(s, target[0].hit.end, phrase)  # "my Movilia line to Vozzia": on to the next name
    if target is None:
        if not strong and not (phrase in _GONE and _gone_if(s, hit)):
            return None
        return (_named_competitor_elsewhere(s) or Direction.UNKNOWN), hit.start, hit.end
    entity, prep = target
    if prep is None and (last := phrase.rpartition(" ")[2]) in TO_WORDS:
        prep = last  # "porting to Vozzia": the phrase holds its own preposition
    if phrase.startswith(_RHETORICAL) and not _rhetorical(s, hit, entity):
        return None
    if phrase.startswith(SWAP_VERBS) and (swapped := _swapped_for(s, hit, entity)) is not None:
        return swapped
    if acquire:
        if prep in FROM_WORDS or words_before(s.folded, hit.start, limit=1)[-1:] in (["mi"], ["my"], ["el"], ["the"]):
            return None  # "el contrato de Movilia", "mi contrato con Vozzia acaba en marzo": a contract, not a move
        return _arriving_at(entity), hit.start, entity.hit.end
    if not strong and phrase.startswith(MOVE_VERBS) and prep not in ONWARD_WORDS and prep not in FROM_WORDS:
        return None  # a line moves *to* or *from* somewhere: "¿qué cambia con Vozzia?" moves nothing
    # "cancel my contract with Movilia" leaves; "me quedo con Vozzia", "go with Vozzia" arrive.
    toward = prep in TO_WORDS - WITH_WORDS or (not leaving and (prep is None or prep in WITH_WORDS))
    if toward and phrase.startswith(_FAREWELL):
        toward = False  # "adiós a Movilia", "goodbye to Vozzia": the name is left behind
    span = (hit.start, entity.hit.end)
    if entity.category == COMPETITOR:
        if toward:
            return Direction.TO_COMPETITOR, *span
        after = _next_entity(s, entity.hit.end, hit.phrase)
        if after is not None and after[0].category == BRAND and after[1] in TO_WORDS:
            return Direction.TO_US, hit.start, after[0].hit.end
        return Direction.FROM_COMPETITOR, *span
    if entity.category == BRAND:
        if toward:
            return Direction.TO_US, *span
        return (_named_competitor_elsewhere(s) or Direction.AWAY_FROM_US), *span
    return Direction.UNKNOWN, *span  # "me voy a otra compañía"


def _arriving_at(entity: Entity) -> Direction:
    if entity.category == COMPETITOR:
        return Direction.TO_COMPETITOR
    return Direction.TO_US if entity.category == BRAND else Direction.UNKNOWN


def _swapped_for(s: Scan, hit: Hit, entity: Entity) -> tuple[Direction, int, int] | None:
    """ "swapped Movilia for Vozzia", "cambié Movilia por Vozzia": the second name is where the customer went."""
    for after in s.entities:
        if after.hit.start < entity.hit.end or after.category == entity.category:
            continue
        between = [w for w in words_between(s.folded, entity.hit.end, after.hit.start) if w not in _ARTICLES]
        if len(between) == 1 and between[0] in SWAP_WORDS:
            return _arriving_at(after), hit.start, after.hit.end
        return None
    return None


def _owner_only(s: Scan, hit: Hit, target: tuple[Entity, str | None], *, leaving: bool) -> bool:
    """The name owns the thing moved or left, it is not where the customer goes: "left my Movilia phone on the
    bus", "moving my Movilia line to the new flat", "traslado la fibra de Movilia al piso nuevo"."""
    entity, prep = target
    owned = DEVICES if leaving else OWNED_THINGS  # "leaving my Movilia contract" leaves; "my Movilia phone" stays
    if prep is None:
        following = _WORD.match(s.folded, _after_possessive(s.folded, entity.hit.end))
        return following is not None and following[0] in owned
    if prep in FROM_WORDS:
        moved = [w for w in words_between(s.folded, hit.end, entity.hit.start)[:-1] if w not in _ARTICLES]
        if not leaving and hit.phrase.startswith(MOVE_VERBS):  # "pasa la factura de Movilia a …": its owner
            return bool(moved) and moved[-1] not in _AWAY
        return not owned.isdisjoint(moved)
    return False


def _after_possessive(folded: str, end: int) -> int:
    """Where the next word starts after a name, past an English possessive and spaces."""
    if folded.startswith("'s", end):
        end += 2
    while end < len(folded) and folded[end] == " ":
        end += 1
    return end


def _rhetorical(s: Scan, hit: Hit, entity: Entity) -> bool:
    """ "¿Qué hago en Movilia?" is churn; "¿qué hago en Movilia para cambiar el titular?" is a question."""
    adjacent = not words_between(s.folded, hit.end, entity.hit.start)
    rest = words_between(s.folded, entity.hit.end, len(s.folded))
    return adjacent and (not rest or s.folded[entity.hit.end : entity.hit.end + 2].strip()[:1] in ("?", ".", "!", ","))


def _named_competitor_elsewhere(s: Scan) -> Direction | None:
    """A churn with no destination and a competitor named elsewhere goes there, unless the author is its customer
    ("Cliente de Vozzia: si Movilia me iguala la tarifa, me cambio")."""
    named = s.competitors_named()
    if not named:
        return None
    folded = s.folded  # substring tests first: `_customer_of` reads words, and most mentions have none of these
    hint = "client" in folded or "customer" in folded or "user" in folded
    if hint and all(_customer_of(s, e) for e in named):
        return Direction.FROM_COMPETITOR
    return Direction.TO_COMPETITOR


def _customer_of(s: Scan, entity: Entity) -> bool:
    before = words_before(s.folded, entity.hit.start, limit=2)
    following = _WORD.match(s.folded, _after_possessive(s.folded, entity.hit.end))
    return (len(before) == 2 and before[0] in CUSTOMER_OF and before[1] in FROM_WORDS) or (
        following is not None and following[0] in CUSTOMER_OF
    )


def _next_entity(s: Scan, end: int, phrase: str) -> tuple[Entity, str | None] | None:
    """The entity named right after `end` (within a few words of the verb `phrase`) and the preposition in front."""
    for entity in s.entities:
        if entity.hit.start < end:
            continue
        between = words_between(s.folded, end, entity.hit.start)
        if len(between) > OBJECT_GAP or _SENTENCE_MARK.search(s.folded, end, entity.hit.start) is not None:
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
        if phrase.startswith(CARRY_VERBS) and (prep is None or not PEOPLE.isdisjoint(moved)):
            return None  # "taking Movilia to court", "taking my mum to Vozzia's shop": not a line moving
        if gap > ENTITY_GAP and (
            prep not in ONWARD_WORDS or SERVICE_OBJECTS.isdisjoint(moved) or not CLAUSE_WORDS.isdisjoint(moved)
        ):
            return None
        return entity, prep
    return None
