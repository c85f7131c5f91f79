"""Signals about who speaks and how far it travels: reach tiers, VIPs, journalists and outlets, our own
accounts, and engagement velocity since `created_at`."""

from __future__ import annotations

from datetime import datetime

from bot.domain import Lane, NormalizedMention, Severity
from bot.rules.compiler import CompiledPlaybook
from bot.rules.lexicon import Kind
from bot.rules.scan import Scan
from bot.rules.signals import PROBLEM_LANES, Findings
from bot.rules.text import Hit, fold, match_text, words_between

__all__ = ["read_audience", "read_media", "read_velocity", "velocity_per_hour"]

MIN_AGE_HOURS = 5 / 60  # a post younger than five minutes counts as five minutes old
VIRAL_CRITICAL_FACTOR = 3  # a complaint this many times over the viral rate is critical on its own
# A reporter saying who they are, with no story, outlet or request in the words themselves.
IDENTITY = frozenset(
    [
        "soy periodista",
        "periodista aqui",
        "aqui periodista",
        "soy redactora",
        "soy redactor",
        "soy reportera",
        "soy reportero",
        "i'm a journalist",
        "im a journalist",
        "i am a journalist",
        "i'm a reporter",
        "im a reporter",
        "i am a reporter",
        "journalist here",
        "reporter here",
        "producer here",
    ]
)
# Substrings of a request to us that turn a reporter's "who I am" into a request for comment.
ASKS_OF_US = (
    *("comment", "comentar", "statement", "declaraci", "version", "respond", "respuesta", "valora", "gabinete"),
    *("prensa", "press", "llamar", "call me", "hablar", "speak", "contact", "entrevista", "interview", "portavoz"),
    "spokes",
)
# Words of a story in the making (a piece, a report, an investigation): a reporter who has one is not only asking.
STORY_MARKS = (
    *(
        "story",
        "piece",
        "a report",
        "our report",
        "segment",
        "article",
        "investig",
        "bulletin",
        "prepar",
        "publica",
        "publish",
    ),
    *("reportaje", "articulo", "noticia", "pieza", "informacion", "escrib", "writing", "covering", "spoke", "hablado"),
)
LEAD_REACH = 3  # words after "escribo para" / "writing for" where the outlet's word may be
# What follows the brand's name in the handles of its own service, regional and press accounts ("@movilia_ayuda",
# "@MoviliaUK", "@movilia_es"); "@movilia_sucks" or "@movilia_fan" are somebody else.
_SUFFIXES = (
    "ayuda help support soporte care atencion cliente clientes oficial official es uk us mx ar co cl news noticias"
)
OWN_SUFFIXES = frozenset(f"{_SUFFIXES} prensa press team equipo info".split())


def read_audience(mention: NormalizedMention, compiled: CompiledPlaybook, out: Findings) -> None:
    """Reach adds points only to a problem (a celebrity's praise is news, not a page); the lane is always set."""
    author = mention.author
    handle = fold(author.handle).lstrip("@") if author.handle else ""
    if handle and (handle in compiled.own_handles or _own_style(handle, compiled.own_stem)):
        out.own_account = True
        return
    reach = compiled.playbook.reach
    tier = None  # the tier with the most followers that the author reaches
    for candidate in compiled.reach_tiers:
        if author.followers >= candidate.followers:
            tier = candidate
            break
    if tier is None and not (handle and handle in compiled.vips):
        return  # no reach to weigh (`verified` counts only with a tier)
    problem = out.has_problem()
    if tier is not None:
        lane = Lane.INFLUENCER if tier.influencer else None
        out.add(f"reach:{tier.name}", lane, f"{author.followers:,} followers", tier.points if problem else 0)
    if author.verified and tier is not None:
        out.add("reach:verified", None, "verified account", reach.verified_points if problem else 0)
    if handle and handle in compiled.vips:
        out.add("vip", Lane.INFLUENCER, f"@{handle} is on the VIP list", reach.vip_points if problem else 0)


def _own_style(handle: str, stem: str) -> bool:
    """A handle made of the brand's name and a service, region or press suffix: one of the brand's accounts."""
    return bool(stem) and handle.startswith(stem) and handle[len(stem) :].strip("_.-") in OWN_SUFFIXES


def read_media(mention: NormalizedMention, s: Scan, compiled: CompiledPlaybook, out: Findings) -> None:
    """A journalist or an outlet: by the words they use, their handle, or their name."""
    w = compiled.playbook.weights
    story = s.hits(Kind.MEDIA) + _outlet_leads(s, compiled) if s.hits(Kind.MEDIA_LEAD) else s.hits(Kind.MEDIA)
    if not (story or mention.author.handle or mention.author.name):
        return  # nobody named and no reporter's words: most mentions stop here
    handle = fold(mention.author.handle or "").lstrip("@")
    name = match_text(fold(f"{mention.author.name or ''} {handle.replace('_', ' ')}"))
    evidence = ""
    if handle and handle in compiled.outlets:
        evidence = f"@{handle} is a known outlet or journalist"
    elif author_hits := compiled.media_author_words.scan(name):
        evidence = f"author: {author_hits[0].phrase}"
    if story:
        evidence = ", ".join(dict.fromkeys(s.evidence(h.start, h.end) for h in story))
    if not evidence:
        return
    if story and "?" in s.folded and not s.hits(Kind.MEDIA_PROBLEM) and _asks_about(s, out, story):
        _drop_complaint(out)  # "¿tienen alguna declaración sobre la caída de ayer?": asking for comment is high
    problem = out.has_problem()
    if story and not problem and not s.hits(Kind.MEDIA_PROBLEM) and _only_who_they_are(s, story):
        story = []  # "Soy periodista y uso Movilia desde hace años": a reporter speaking as a customer
    points = w.media + (w.media_story if story or problem else 0)
    out.add("media", Lane.MEDIA, evidence, points)
    if story and not problem and (found := s.hits(Kind.MEDIA_PROBLEM)):
        # "preparing a story on Movilia's billing, keen to hear from customers who were affected": about a problem
        out.add("media-story-problem", Lane.MEDIA, s.evidence(found[0].start, found[0].end), w.complaint)


def _asks_about(s: Scan, out: Findings, story: list[Hit]) -> bool:
    """A reporter asks us about a problem (a statement, a comment, our version) with no story of theirs in the
    words: the problem is the topic of the question, not a complaint ("reporter at the Echo, do you have a
    statement on the outage?"); "working on a story about the outage, comment?" is a story about a problem."""
    if out.lanes & PROBLEM_LANES != {Lane.COMPLAINT} or any(m in h.phrase for h in story for m in STORY_MARKS):
        return False
    return any(word in s.folded for word in ASKS_OF_US)


def _drop_complaint(out: Findings) -> None:
    out.reasons = [r for r in out.reasons if r.lane is not Lane.COMPLAINT]
    out.lanes.discard(Lane.COMPLAINT)


def _only_who_they_are(s: Scan, story: list[Hit]) -> bool:
    """The reporter's words only say who they are ("soy periodista", "journalist here") and ask nothing of us (no
    comment, statement or version), or they praise without a question: a customer who happens to report."""
    if "?" not in s.folded and s.hits(Kind.PRAISE):
        return True  # "Journalist here, and honestly Movilia's app is the best"
    if any(h.phrase not in IDENTITY for h in story):
        return False
    return not any(word in s.folded for word in ASKS_OF_US)


def _outlet_leads(s: Scan, compiled: CompiledPlaybook) -> list[Hit]:
    """ "Escribo para Diario Levante", "writing for the Evening Chronicle": a lead and an outlet word right after."""
    found = []
    for lead in s.hits(Kind.MEDIA_LEAD):
        following = " ".join(words_between(s.folded, lead.end, len(s.folded))[:LEAD_REACH])
        if compiled.media_author_words.scan(match_text(following)):
            found.append(lead)
    return found


def velocity_per_hour(mention: NormalizedMention, now: datetime) -> tuple[float, int, float] | None:
    """(interactions per hour, interactions, age in minutes), or None without `created_at`."""
    if mention.created_at is None:
        return None
    m = mention.metrics
    interactions = m.likes + 2 * m.replies + 3 * (m.reposts + m.quotes)
    hours = max((now - mention.created_at).total_seconds() / 3600, MIN_AGE_HOURS)
    return interactions / hours, interactions, hours * 60


def read_velocity(mention: NormalizedMention, compiled: CompiledPlaybook, now: datetime, out: Findings) -> None:
    cfg = compiled.playbook.velocity
    m = mention.metrics
    if m.likes + 2 * m.replies + 3 * (m.reposts + m.quotes) < cfg.min_interactions:
        return  # too few interactions whatever the age: most mentions stop here, before any date arithmetic
    found = velocity_per_hour(mention, now)
    if found is None:
        return
    rate, interactions, minutes = found
    if rate < cfg.viral_per_hour or interactions < cfg.min_interactions:
        return
    w = compiled.playbook.weights
    evidence = f"{rate:,.0f} interactions/h ({interactions:,} in {minutes:,.0f} min)"
    # a complaint spreading well past the viral rate is critical (labelling guide), however few its words
    clearly = rate >= VIRAL_CRITICAL_FACTOR * cfg.viral_per_hour
    floor = Severity.CRITICAL if clearly and Lane.COMPLAINT in out.lanes else None
    out.add("viral", Lane.VIRAL, evidence, w.viral if out.has_problem() else w.viral_quiet, floor)
