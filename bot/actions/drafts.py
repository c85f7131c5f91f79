"""Drafts from the playbook's reply templates, and the lint every reply gets before it goes out.

Pure functions of (escalation facts, playbook): no database, no clock. Drafts are suggestions; the lint
only warns, the executive decides.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bot.rules.playbook import Playbook
from bot.rules.replies import SLOTS, Intent
from bot.rules.sections import Person

__all__ = ["Draft", "DraftFacts", "Lint", "LintWarning", "draft", "drafts", "facts_from", "lint", "slot_values"]

_SLOT = re.compile(r"\{([a-z_]+)\}")
_PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d+)?)\s*%")
_OFFER_WORDS = ("gratis", "descuento", "reembolso", "regalo", "free", "discount", "refund", "rebate", "voucher")
# A short built-in list; the playbook's `replies.profanity` adds to it. Matching ignores case and accents.
PROFANITY = (
    "mierda",
    "joder",
    "gilipollas",
    "cabron",
    "puta",
    "coño",
    "hostia",
    "idiota",
    "imbecil",
    "fuck",
    "shit",
    "bullshit",
    "asshole",
    "bastard",
    "damn",
    "crap",
    "idiot",
    "stupid",
)


@dataclass(frozen=True)
class DraftFacts:
    """What a draft and the lint need to know about the case and the person answering it."""

    language: str
    lanes: list[str]
    platform: str
    author_name: str | None
    author_handle: str | None
    text: str
    topics: list[str] = field(default_factory=list)
    person_key: str | None = None


class Lint(StrEnum):
    UNFILLED_SLOT = "unfilled_slot"
    OVER_LENGTH = "over_length"
    COMPETITOR = "competitor"
    OUT_OF_SCOPE = "out_of_scope"
    PROFANITY = "profanity"
    EMPTY = "empty"


@dataclass(frozen=True)
class LintWarning:
    kind: Lint
    detail: str

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind.value, "detail": self.detail}


@dataclass(frozen=True)
class Draft:
    intent: Intent
    text: str
    warnings: list[LintWarning]


def facts_from(
    playbook: Playbook,
    payload: dict[str, Any],
    *,
    lanes: list[str],
    assessments: list[dict[str, Any]],
    language: str,
    person_key: str,
) -> DraftFacts:
    """Facts from the first mention's stored payload and the assessments of the case's mentions (the
    topics are those of the playbook rules that fired)."""
    author = payload.get("author") or {}
    topic_of = {rule.name: rule.topic for rule in playbook.rules if rule.topic}
    topics: list[str] = []
    for assessment in assessments:
        for reason in assessment.get("reasons") or []:
            topic = topic_of.get(str(reason.get("rule"))) if isinstance(reason, dict) else None
            if topic and topic not in topics:
                topics.append(topic)
    return DraftFacts(
        language=language,
        lanes=list(lanes),
        platform=str(payload.get("platform") or "unknown"),
        author_name=author.get("name"),
        author_handle=author.get("handle"),
        text=str(payload.get("text") or ""),
        topics=topics,
        person_key=person_key,
    )


def drafts(playbook: Playbook, facts: DraftFacts) -> list[Draft]:
    """One draft per intent, in the intents' order."""
    return [draft(playbook, facts, intent) for intent in Intent]


def draft(playbook: Playbook, facts: DraftFacts, intent: Intent) -> Draft:
    template = playbook.replies.template(intent, facts.language, facts.lanes)
    values = slot_values(playbook, facts)
    text = _SLOT.sub(lambda m: values.get(m.group(1)) or m.group(0), template.text)
    text = re.sub(r"\s{2,}", " ", text).strip()
    return Draft(intent=intent, text=text, warnings=lint(playbook, facts, text))


def slot_values(playbook: Playbook, facts: DraftFacts) -> dict[str, str]:
    """Every slot that can be filled; a missing one stays `{slot}` in the text and the lint says so."""
    person = _person(playbook, facts.person_key)
    handle = (facts.author_handle or "").strip()
    if handle and not handle.startswith("@"):
        handle = "@" + handle
    first = (facts.author_name or "").strip().split(" ")[0] if facts.author_name else ""
    if first.rstrip(".").lower() in {"mr", "mrs", "ms", "sr", "sra", "dr", "dra", "don", "doña"}:
        first = (facts.author_name or "").strip()
    competitor = _named_competitor(playbook, facts.text)
    values = {
        "first_name": first or handle,
        "handle": handle,
        "competitor": competitor or "",
        "topic": facts.topics[0] if facts.topics else "",
        "brand": playbook.brand.name,
        "sign_off": _sign_off(playbook, person),
        "offer": _offer(person, facts.language),
        "exec_name": person.name if person else "",
        "exec_title": (person.title or "") if person else "",
    }
    assert set(values) == SLOTS
    return {k: v for k, v in values.items() if v}


def lint(playbook: Playbook, facts: DraftFacts, text: str) -> list[LintWarning]:
    """Warnings about a reply before it goes out: unfilled slot, over length, a competitor named where the
    playbook forbids it, an offer outside the executive's scope, profanity."""
    warnings: list[LintWarning] = []
    if not text.strip():
        return [LintWarning(Lint.EMPTY, "")]
    warnings += [LintWarning(Lint.UNFILLED_SLOT, "{" + slot + "}") for slot in dict.fromkeys(_SLOT.findall(text))]
    limit = playbook.replies.limit_for(facts.platform)
    if len(text) > limit:
        warnings.append(LintWarning(Lint.OVER_LENGTH, f"{len(text)}/{limit}"))
    if playbook.replies.forbid_competitor_names:
        named = _named_competitor(playbook, text)
        if named:
            warnings.append(LintWarning(Lint.COMPETITOR, named))
    warnings += _scope_warnings(_person(playbook, facts.person_key), text)
    words = set(_fold(text).split())
    for bad in (*PROFANITY, *playbook.replies.profanity):
        if _fold(bad) in words or (" " in bad and _fold(bad) in _fold(text)):
            warnings.append(LintWarning(Lint.PROFANITY, bad))
    return warnings


def _scope_warnings(person: Person | None, text: str) -> list[LintWarning]:
    scope_max = person.decides.max_discount_percent if person else 0
    may_offer = [set(_fold(o).split()) for o in person.decides.may_offer] if person else []
    out: list[LintWarning] = []
    for found in _PERCENT.findall(text):
        value = float(found.replace(",", "."))
        if value > scope_max:
            out.append(LintWarning(Lint.OUT_OF_SCOPE, f"{found}% > {scope_max:g}%"))
    words = set(_fold(text).split())
    offered = [word for word in _OFFER_WORDS if word in words]
    # An offer is covered when every word of one of the person's `may_offer` items is in the text (in any
    # order: "3 meses de roaming gratis" is "roaming gratis 3 meses"), or by a percentage within scope.
    covered = any(item <= words for item in may_offer) or (scope_max > 0 and _PERCENT.search(text))
    if offered and not covered and not out:
        out.append(LintWarning(Lint.OUT_OF_SCOPE, offered[0]))
    return out


def _person(playbook: Playbook, key: str | None) -> Person | None:
    return next((p for p in playbook.people if p.id == key), None) if key else None


def _sign_off(playbook: Playbook, person: Person | None) -> str:
    if person is None:
        return ""
    if person.id in playbook.replies.sign_offs:
        return playbook.replies.sign_offs[person.id]
    first = person.name.split(" ")[0]
    return f"— {first}, {person.title}" if person.title else f"— {first}"


def _offer(person: Person | None, language: str) -> str:
    if person is None:
        return ""
    if person.decides.may_offer:
        return person.decides.may_offer[0]
    if person.decides.max_discount_percent > 0:
        pct = f"{person.decides.max_discount_percent:g}%"
        return f"un {pct} de descuento" if language == "es" else f"a {pct} discount"
    return ""


def _named_competitor(playbook: Playbook, text: str) -> str | None:
    folded = f" {_fold(text)} "
    for competitor in playbook.competitors:
        for word in (competitor.name, *competitor.aliases, *competitor.handles):
            if f" {_fold(word.lstrip('@'))} " in folded:
                return competitor.name
    return None


def _fold(text: str) -> str:
    """Lower case, no accents, punctuation as spaces (so `@Vozzia,` reads `vozzia`)."""
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w%]+", " ", plain).split())
