"""Signals read from the words: complaint, churn and its direction, competitor, poaching, legal, safety, media,
executive. Each signal is a `Reason` carrying its points, so the score explains itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from operator import attrgetter

from bot.domain import Lane, Reason, Severity
from bot.rules.compiler import BRAND, COMPETITOR, CompiledPlaybook
from bot.rules.grammar import (
    Direction,
    churn_direction,
    closing_praise,
    in_question,
    is_negated,
    is_plain_question,
    is_third_party,
    near_in_sentence,
    nearest_entity,
    quoted_in_report,
    service_failure,
)
from bot.rules.lexicon import Kind
from bot.rules.scan import Scan
from bot.rules.text import Hit, words_before, words_between
from bot.rules.trusted import trusted_reason

__all__ = ["PROBLEM_LANES", "Findings", "read_text"]

_START = attrgetter("start")
_SENTENCE_BREAK = re.compile("[.!?:;\n]")
_CHURN, _CHURN_WEAK, _ARRIVAL = Kind.CHURN.value, Kind.CHURN_WEAK.value, Kind.ARRIVAL.value
# The kinds that may describe a danger (see `_described_danger`): most mentions have none of them.
_DANGER_KINDS = frozenset(
    k.value
    for k in (
        *(Kind.DEVICE_STATE, Kind.CABLE_STATE, Kind.LIFELINE, Kind.CHURN_WEAK, Kind.HARM),
        *(Kind.STAFF_THREAT, Kind.EXPOSED, Kind.FRAUD),
    )
)
_TOPIC = Kind.TOPIC.value
_SIM, _BUSINESS, _DISCLAIM = Kind.SIM.value, Kind.BUSINESS.value, Kind.DISCLAIM.value
# Things of ours that may hurt somebody, besides the `device` and `cable` words.
THINGS = frozenset(
    [
        "phone",
        "phones",
        "handset",
        "mobile",
        "screen",
        "pantalla",
        "telefono",
        "movil",
        "box",
        "caja",
        "socket",
        "plug",
        "enchufe",
        "tienda",
        "shop",
        "store",
        "floor",
        "suelo",
        "panel",
        "shelf",
        "estanteria",
    ]
)
# Moving house: a line that moves with the customer is no churn unless a competitor is where it goes.
MOVING_HOME = (
    *("me voy a vivir", "nos vamos a vivir", "me mudo", "nos mudamos", "mudanza", "piso nuevo", "casa nueva"),
    *("moving house", "moving flat", "moving home", "relocating", "new address", "new flat", "new house"),
)
OPENING_TOPICS = frozenset(["news", "noticias"])  # topics only when they open the mention
# Disclaimers said right after the brand's name.
AFTER_THE_NAME = frozenset(
    ["no tiene nada que ver", "no tuvo nada que ver", "had nothing to do with it", "has nothing to do with it"]
)
# Places and services of care: a safety word only outside praise ("la cobertura del hospital, perfecta", "the
# ambulance crew used Movilia radios, great to see").
CARE_PLACES = frozenset(
    ["hospital", "ambulance", "ambulancia", "al 112", "112", "999", "911", "urgencias", "emergency room", "a&e"]
)
PAIR_REACH = 12  # words between our staff and a threat, or data and its exposure, in one sentence
HARM_REACH = 5  # words between a harm and the body part after it ("se ha quemado la mano", "a blister on his leg")
_NO_HITS: list[Hit] = []
_FAILURE = Kind.FAILURE.value
# Generic severe-harm markers (see `_generic_harm`): the kinds that start the check; the others are looked up then.
_MARKER_KINDS = frozenset(
    k.value
    for k in (Kind.MONEY_LOSS, Kind.HARM_BODY, Kind.HARM_EMERGENCY, Kind.DANGER, Kind.OTHERS_DATA, Kind.IMPOSTOR)
)
_PAIRED = frozenset({"vulnerable person", "someone else's data", "impostor"})  # markers made of two words
_CONSENT_WORDS = ("sin ", "without", "unauthori", "autoriz", "never authori")  # a charge nobody agreed to
IMPOSTOR_REACH = 25  # words between an impostor and the card, PIN or cash they were after, in one sentence
_ABOUT_US = frozenset({Lane.COMPLAINT, Lane.CHURN, Lane.LEGAL})  # a problem told about us
# An amount with its currency: "600 €", "€600", "$11k", "£1,200", "300 euros", "900 quid", "2.000 pavos".
_AMOUNT = re.compile(
    r"(?:[$£€]\s?\d[\d.,]*\s?(?:k|mil|grand)?\b|\d[\d.,]*\s?(?:k|mil|grand)?\s?(?:€|\$|£|eur(?:os?)?\b|pounds?\b|quid\b|"
    r"dollars?\b|bucks\b|libras?\b|dolares\b|pavos\b|grand\b))"
)
_AMOUNT_REACH = 60  # characters either side of a loss verb
_AMOUNT_GAP = 3  # words at most between a loss verb and its amount
_CONJUNCTIONS = frozenset(["and", "y", "e", "or", "o", "but", "pero", "then", "luego"])
_DISCOUNT = (
    "descuento",
    "off my bill",
    "off the bill",
    "off our bill",
    "off the price",
    "discount",
    "rebaja",
    "de menos",
)
# A joke is no harm: "my kids are scared of the Movilia mascot lol", "mi abuela dice que es un peligro jaja".
_JOKE = re.compile(r"\b(?:lol|lmao|rofl|haha\w*|jaja\w*|jeje\w*|xd)\b|😂|🤣")
PROBLEM_LANES = frozenset({Lane.COMPLAINT, Lane.CHURN, Lane.LEGAL, Lane.SAFETY, Lane.POACHING})


@dataclass
class Findings:
    """What evaluation has found so far: reasons (with points), severity floors, topics, and flags."""

    reasons: list[Reason] = field(default_factory=list)
    floor: Severity = Severity.IGNORE
    topics: list[str] = field(default_factory=list)
    spam: str | None = None
    own_account: bool = False
    unrelated: str | None = None  # another business that shares the brand's name (what names it)
    lanes: set[Lane] = field(default_factory=set)  # the lanes of `reasons`, kept as they are added; read only

    def add(self, rule: str, lane: Lane | None, evidence: str, points: float, floor: Severity | None = None) -> None:
        self.reasons.append(trusted_reason(rule, lane, evidence, points))
        if lane is not None:
            self.lanes.add(lane)
        if floor is not None:
            self.floor = self.floor.at_least(floor)

    def has_problem(self) -> bool:
        return not self.lanes.isdisjoint(PROBLEM_LANES)


def read_text(s: Scan, compiled: CompiledPlaybook, out: Findings) -> None:
    w = compiled.playbook.weights
    if spam := s.hits(Kind.SPAM):
        out.spam = s.evidence(spam[0].start, spam[0].end)
    by_kind = s.by_kind
    moving = _CHURN in by_kind or _CHURN_WEAK in by_kind or _ARRIVAL in by_kind or _SIM in by_kind or s.others_named
    direction = _churn(s, compiled, out) if moving else None
    _complaint(s, compiled, out, direction)
    _competitor(s, compiled, out)
    legal = [h for h in s.hits(Kind.LEGAL) if not is_negated(s.folded, h.start)]
    if legal and Lane.COMPLAINT not in out.lanes:  # "según la OCU, Movilia es la mejor": a ranking, not a threat
        legal = [h for h in legal if not quoted_in_report(s, h)]
    if legal:
        out.add("legal", Lane.LEGAL, _words(s, legal), w.legal, Severity.HIGH)
    # never negated: "no puedo llamar a emergencias" is the danger itself
    danger = _described_danger(s, out) if not _DANGER_KINDS.isdisjoint(by_kind) else _NO_HITS
    if (safety := s.hits(Kind.SAFETY) + danger) and is_plain_question(s.folded):
        # "¿hay cobertura en el hospital?" asks; "¿es normal que huela a gas?" still reports a danger outside it
        safety = [h for h in safety if not in_question(s.folded, h.start, h.end)]
    if safety:
        safety = [h for h in safety if _ours(s, h)]
    if safety and (_DISCLAIM in by_kind or "'s fault" in s.folded) and _disclaimed(s):
        safety = []  # "me di un calambre con la puerta del coche, nada que ver con Movilia"
    if safety and s.hits(Kind.PRAISE) and not (s.hits(Kind.COMPLAINT) or s.hits(Kind.SARCASM)):
        safety = [h for h in safety if h.phrase not in CARE_PLACES]  # "great coverage at the hospital, thanks"
    if safety:
        out.add("safety", Lane.SAFETY, _words(s, safety), w.safety, Severity.CRITICAL)
    if Lane.SAFETY not in out.lanes and not _MARKER_KINDS.isdisjoint(by_kind):
        _generic_harm(s, compiled, out)
    executive = s.executives + s.hits(Kind.EXECUTIVE_TITLE)
    if executive:
        out.add("executive", Lane.EXECUTIVE, _words(s, executive), w.executive)
    if _BUSINESS in by_kind and not out.has_problem():
        out.unrelated = _other_business(s)


def _by_a_thing(s: Scan, harm: Hit) -> bool:
    """An injury is ours when one of our things is in its sentence (a device, a cable, a phone, a socket): "se ha
    quemado la mano con el móvil", not "se rompió el brazo jugando al fútbol"."""
    start = max(s.folded.rfind(mark, 0, harm.start) for mark in ".!?\n") + 1
    found = _SENTENCE_BREAK.search(s.folded, harm.end)
    end = found.start() if found is not None else len(s.folded)
    things = s.context(Kind.DEVICE) + s.context(Kind.CABLE)
    return any(start <= t.start < end for t in things) or not THINGS.isdisjoint(words_between(s.folded, start, end))


def _ours(s: Scan, hit: Hit) -> bool:
    """A danger told as ours: not a competitor's ("Vozzia had a data breach"), nor the subject of a film, a course,
    a warning or the news ("a film about bank fraud", "un curso sobre brechas de datos", "warn about scam calls")."""
    if _TOPIC in s.by_kind and any(
        (t.end <= hit.start or near_in_sentence(s, hit, t, 3)) and _topic_applies(s, t) for t in s.hits(Kind.TOPIC)
    ):
        return False
    entity = nearest_entity(s, hit)
    return entity is None or entity.category != COMPETITOR or not near_in_sentence(s, entity.hit, hit, 12)


def _topic_applies(s: Scan, topic: Hit) -> bool:
    """ "News" makes a topic only as the mention's heading ("News: a factory fire in Leeds"), not in "Movilia in the
    news again: a battery fire at the Leeds shop"."""
    return topic.phrase not in OPENING_TOPICS or not s.folded[: topic.start].strip(" #¿¡\"'")


def _disclaimed(s: Scan) -> bool:
    """The author clears the brand right before its name: "nada que ver con Movilia", "nothing to do with
    Movilia", "not Movilia's fault"."""
    for entity in s.entities if "'s fault" in s.folded else ():
        if (
            entity.category == BRAND
            and s.folded.startswith("'s fault", entity.hit.end)
            and words_before(s.folded, entity.hit.start, limit=1) in (["not"], ["no"])
        ):
            return True
    for hit in s.hits(Kind.DISCLAIM):
        for entity in s.entities:
            if entity.category == BRAND and entity.hit.end <= hit.start and hit.phrase in AFTER_THE_NAME:
                if not words_between(s.folded, entity.hit.end, hit.start):
                    return True  # "pero Movilia no tiene nada que ver", "Movilia had nothing to do with it"
            elif entity.category == BRAND and entity.hit.start >= hit.end:
                if len(words_between(s.folded, hit.end, entity.hit.start)) <= 1:
                    return True
                break
    return False


def _other_business(s: Scan) -> str | None:
    """Every time the brand is named it is part of another business's name ("Muebles Movilia", "Movilia Coffee
    Roasters", "Clínica dental Movilia"): a namesake, not us."""
    brands = [e for e in s.entities if e.category == BRAND]
    if not brands or s.competitors_named():
        return None
    business = s.hits(Kind.BUSINESS)
    for entity in brands:
        if not any(
            not words_between(s.folded, min(b.end, entity.hit.end), max(b.start, entity.hit.start))
            and not _SENTENCE_BREAK.search(s.folded, min(b.end, entity.hit.end), max(b.start, entity.hit.start))
            for b in business
        ):
            return None
    return s.evidence(business[0].start, business[0].end)


def _described_danger(s: Scan, out: Findings) -> list[Hit]:
    """Safety told as a thing and its state ("la batería se ha abombado", "cables dangling"), a lifeline that
    fails (teleasistencia without a line), or somebody else moving my number (fraud)."""
    found: list[Hit] = []
    for things, states in ((Kind.DEVICE, Kind.DEVICE_STATE), (Kind.CABLE, Kind.CABLE_STATE)):
        if (state_hits := s.hits(states)) and (thing_hits := s.context(things)):
            for state in state_hits:
                if not is_negated(s.folded, state.start) and any(near_in_sentence(s, t, state) for t in thing_hits):
                    found.append(state)
    if (harms := s.hits(Kind.HARM)) and (bodies := s.context(Kind.BODY)):
        for harm in harms:  # "le ha quemado la mano", "a blister on his leg", "broke her wrist"
            if any(b.start >= harm.end and near_in_sentence(s, harm, b, HARM_REACH) for b in bodies) and _by_a_thing(
                s, harm
            ):
                found.append(harm)
    # a person at risk from our staff, data that identifies or pays exposed, a fraud that cost money: each told
    # as two words anywhere in the mention ("the engineer … drunk", "DNI … expuestos", "scam text … lost £800")
    for threat, pair in ((Kind.STAFF_THREAT, Kind.STAFF), (Kind.EXPOSED, Kind.DATA)):
        if (threats := [h for h in s.hits(threat) if not is_negated(s.folded, h.start)]) and (pairs := s.context(pair)):
            found += [t for t in threats if any(near_in_sentence(s, t, p, PAIR_REACH) for p in pairs)][:1]
    if (fraud := s.hits(Kind.FRAUD)) and s.hits(Kind.LOSS):
        found += fraud[:1]
    if (lifeline := s.hits(Kind.LIFELINE)) and Lane.COMPLAINT in out.lanes:
        found += lifeline
    for hit in s.hits(Kind.CHURN_WEAK):
        if s.folded[hit.end : hit.end + 4].lstrip().startswith(("mi ", "my ")) and is_third_party(s.folded, hit.start):
            found.append(hit)  # "alguien ha portado mi número", "someone ported my number"
    return found


def _generic_harm(s: Scan, compiled: CompiledPlaybook, out: Findings) -> None:
    """Kind-free severe harm: a complaint about us that carries a generic marker of serious harm (money taken, a
    body hurt, an emergency service failing, a vulnerable person in danger, someone else's data shown, an impostor
    in our colours taking cards or cash) is critical whatever the situation; every marker is a reason with points.
    Markers inside a question, negated, about a competitor or the subject of the news do not count."""
    w = compiled.playbook.weights
    markers: list[tuple[str, list[Hit]]] = []
    loss = [h for h in s.hits(Kind.MONEY_LOSS) if _amount_near(s.folded, h)]
    body = s.hits(Kind.HARM_BODY)
    problem = not _ABOUT_US.isdisjoint(out.lanes)
    if problem and s.hits(Kind.PRAISE) and not (s.hits(Kind.COMPLAINT) or s.hits(Kind.SARCASM)):
        problem = False  # "broke my wrist skiing, glad Movilia has roaming": a soft word in praise is no complaint
    # an emergency number or alarm is harm when it fails: in a complaint ("couldn't ring 999, no signal")
    emergency = s.hits(Kind.HARM_EMERGENCY) if problem else _NO_HITS
    for name, hits in (("money taken", loss), ("bodily harm", body), ("emergency service", emergency)):
        # never negated for an emergency service: "no emergency alert reached us" is the failure itself
        if hits := _counted(s, hits, negation=name != "emergency service"):
            markers.append((name, hits))
    danger = _counted(s, s.hits(Kind.DANGER) + body)
    vulnerable = s.context(Kind.VULNERABLE) if danger else _NO_HITS
    if pairs := [v for v in vulnerable if any(near_in_sentence(s, v, d, PAIR_REACH) for d in danger)]:
        markers.append(("vulnerable person", pairs[:1] + [h for h in danger if h not in body][:1]))
    for trigger, pair, name, reach in (
        (Kind.OTHERS_DATA, Kind.PRIVATE, "someone else's data", PAIR_REACH),
        (Kind.IMPOSTOR, Kind.IMPOSTOR_ACT, "impostor", IMPOSTOR_REACH),
    ):
        hits = _counted(s, s.hits(trigger))
        pairs = s.context(pair) if hits else _NO_HITS
        if found := [h for h in hits if any(near_in_sentence(s, h, p, reach) for p in pairs)]:
            markers.append((name, found[:1]))
    if markers and _JOKE.search(s.folded):
        name, hits = markers[0]
        out.add("severe-harm-marker", None, f"{name} (in a joke): {_words(s, hits)}", w.severe_harm_alone)
        return
    if not markers or ((_DISCLAIM in s.by_kind or "'s fault" in s.folded) and _disclaimed(s)):
        return  # "fell off my bike, nothing to do with Movilia"
    plain = not problem and s.brand_named() and not s.hits(Kind.PRAISE)
    if plain and len(markers) < 2 and not _paired(s, *markers[0]):
        plain = False
    if not problem and not plain:
        name, hits = markers[0]
        out.add("severe-harm-marker", None, f"{name}: {_words(s, hits)}", w.severe_harm_alone)
        return
    for i, (name, hits) in enumerate(markers):
        out.add(
            "severe-harm", Lane.SAFETY, f"{name}: {_words(s, hits)}", w.severe_harm if i == 0 else w.severe_harm_extra
        )
    if plain and len(markers) < 2:  # a paired marker is two words of harm already ("chalecos de Movilia … el PIN")
        out.add("severe-harm-plain", Lane.SAFETY, f"stated plainly: {_words(s, markers[0][1])}", w.severe_harm_extra)


def _paired(s: Scan, name: str, hits: list[Hit]) -> bool:
    """A marker that is two words of harm already, so it is severe stated plainly: a vulnerable person and a danger,
    someone else's data and what it is, an impostor and what they took or asked for, money taken without consent
    ("1.200 € sin autorización"), a body hurt by our staff or one of our things ("the engineer's ladder … stitches")."""
    if name in _PAIRED:
        return True
    if name == "money taken":
        return any(word in h.phrase for h in hits for word in _CONSENT_WORDS)
    if name == "bodily harm":
        return bool(s.context(Kind.STAFF)) or any(_by_a_thing(s, h) for h in hits)
    return False


def _counted(s: Scan, hits: list[Hit], *, negation: bool = True) -> list[Hit]:
    """Markers told as ours and as a fact: not negated, not asked about, not a competitor's, not the news."""
    question = "?" in s.folded
    return [
        h
        for h in hits
        if not (negation and is_negated(s.folded, h.start))
        and not (question and in_question(s.folded, h.start, h.end))
        and _ours(s, h)
    ]


def _amount_near(folded: str, hit: Hit) -> bool:
    """An amount of money with its currency right by a loss verb, in its sentence, at most three words away and with
    no "and" between ("me sacaron 600 €", "£900 gone", "taking £35 a month without my consent"); money words of a
    bill have no loss verb ("pago 40 € al mes"), a loss verb with no amount is not money ("perdí la paciencia",
    "took 3 weeks and £60"), and an amount taken off a bill is a discount ("me quitaron 10 € de descuento"). A few
    strong forms need no amount ("drained my account", "vaciaron la cuenta")."""
    if "cuenta" in hit.phrase or "account" in hit.phrase:
        return True
    low, high = max(0, hit.start - _AMOUNT_REACH), min(len(folded), hit.end + _AMOUNT_REACH)
    for m in _AMOUNT.finditer(folded, low, high):
        gap = folded[hit.end : m.start()] if m.start() >= hit.end else folded[m.end() : hit.start]
        words = gap.split()
        if (
            len(words) <= _AMOUNT_GAP
            and not _SENTENCE_BREAK.search(gap)
            and _CONJUNCTIONS.isdisjoint(words)
            and not any(d in folded[m.end() : m.end() + 24] for d in _DISCOUNT)
        ):
            return True
    return False


def _words(s: Scan, hits: list[Hit], limit: int = 3) -> str:
    if len(hits) == 1:
        return s.evidence(hits[0].start, hits[0].end)
    seen: dict[str, None] = {}
    for hit in hits:
        seen.setdefault(s.evidence(hit.start, hit.end), None)
    return ", ".join(list(seen)[:limit])


def _churn(s: Scan, compiled: CompiledPlaybook, out: Findings) -> Direction | None:
    """Intent to leave, with its direction. Leaving a competitor for us is good news, not churn."""
    w = compiled.playbook.weights
    found = churn_direction(s)
    if found is None:
        return None
    direction, start, end = found
    if direction in (Direction.UNKNOWN, Direction.AWAY_FROM_US) and any(home in s.folded for home in MOVING_HOME):
        return None  # "me voy a vivir a Valencia, ¿cómo me llevo la fibra?": the line moves house with me
    evidence = s.evidence(start, end)
    if direction is Direction.TO_US:
        if s.competitors_named():  # "contraté Movilia" alone names no competitor
            out.add("switching-to-us", Lane.COMPETITOR, evidence, 0)
    elif direction is Direction.FROM_COMPETITOR:
        out.add("leaving-competitor", Lane.POACHING, evidence, w.poaching)
    elif direction is Direction.TO_COMPETITOR:
        out.add("churn-to-competitor", Lane.CHURN, evidence, w.churn + w.churn_to_competitor, Severity.HIGH)
    else:
        out.add("churn", Lane.CHURN, evidence, w.churn, Severity.HIGH)
    return direction


def _complaint(s: Scan, compiled: CompiledPlaybook, out: Findings, direction: Direction | None) -> None:
    """Complaints about us; complaints about a competitor are a poaching chance instead."""
    w = compiled.playbook.weights
    hits = s.hits(Kind.COMPLAINT) + s.hits(Kind.SARCASM)
    if _FAILURE in s.by_kind:
        hits += service_failure(s)
    soft = s.hits(Kind.COMPLAINT_SOFT)
    if not hits and not soft:
        return
    praise = s.hits(Kind.PRAISE)
    closing = closing_praise(s) if praise else None
    if not hits:
        # "¿cómo funciona el roaming?" asks, "roaming worked perfectly" praises; "me cobran el roaming" complains;
        # "Movilia sent my bill to my old address. Brilliant." is sarcasm: the praise closes a complaint
        soft = [] if praise and closing is None else [h for h in soft if not in_question(s.folded, h.start, h.end)]
    hits += soft
    if not hits:
        return
    if closing is not None:
        hits.append(closing)
    ours: list[Hit] = []
    theirs: list[Hit] = []
    for hit in sorted(hits, key=_START) if len(hits) > 1 else hits:
        entity = nearest_entity(s, hit)
        (theirs if entity is not None and entity.category == COMPETITOR else ours).append(hit)
    if Lane.CHURN in out.lanes or (s.hits(Kind.COMPARISON) and s.brand_named()):
        # "me voy a Vozzia, aquí no funciona nada", "en Vozzia me cobran la mitad": the complaint is about us
        ours, theirs = sorted(ours + theirs, key=_START), []
    if ours and direction not in (Direction.TO_US, Direction.FROM_COMPETITOR):
        sarcastic = [h for h in ours if h in s.hits(Kind.SARCASM) or h is closing]
        rule = "sarcasm" if sarcastic and (len(sarcastic) == len(ours) or closing is not None) else "complaint"
        ours += s.hits(Kind.WIDESPREAD)[:1]  # "across half of Birmingham": an outage over an area weighs more
        extra = min(len({h.phrase for h in ours}) - 1, 2) * w.complaint_extra
        out.add(rule, Lane.COMPLAINT, _words(s, ours), w.complaint + extra)
    elif theirs and not ours and Lane.POACHING not in out.lanes:
        out.add("competitor-complaint", Lane.POACHING, _words(s, theirs), w.poaching)


def _competitor(s: Scan, compiled: CompiledPlaybook, out: Findings) -> None:
    w = compiled.playbook.weights
    named = s.competitors_named()
    if not named:
        return
    out.add("competitor", Lane.COMPETITOR, _words(s, [e.hit for e in named]), w.competitor)
    if Lane.COMPLAINT in out.lanes and s.hits(Kind.COMPARISON):
        out.add("competitor-does-better", Lane.COMPETITOR, _words(s, s.hits(Kind.COMPARISON)), w.comparison)
    asks = s.hits(Kind.ASK_ALTERNATIVE)
    if asks and Lane.CHURN not in out.lanes:
        if Lane.POACHING not in out.lanes:
            out.add("competitor-customer", Lane.POACHING, _words(s, [e.hit for e in named]), w.poaching)
        out.add("asks-for-alternatives", Lane.POACHING, _words(s, asks), w.ask_alternative)


def brand_or_competitor_named(s: Scan) -> bool:
    return any(e.category in (BRAND, COMPETITOR) for e in s.entities) or bool(s.executives)
