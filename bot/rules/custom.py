"""The playbook's own rules, checked after the built-in signals (so `requires: [complaint]` can see them)."""

from __future__ import annotations

from bot.rules.compiler import CompiledPlaybook, CompiledRule
from bot.rules.grammar import is_negated
from bot.rules.scan import Scan
from bot.rules.signals import Findings

__all__ = ["apply_rules"]


def apply_rules(s: Scan, compiled: CompiledPlaybook, out: Findings) -> None:
    candidates = s.rule_any.keys() | s.rule_all.keys()  # rules whose words were found by the one scan
    candidates |= compiled.regex_rules.candidates(s.text, s.folded if s.text.isascii() else None)  # same as lower()
    if not candidates:
        return
    rules = compiled.rules
    for index in sorted(candidates - s.rule_none):
        item = rules[index]
        evidence = _evidence(item, s, out)
        if evidence is None:
            continue
        out.add(item.name, item.lane, evidence, item.score, item.severity)
        if item.topic is not None and item.topic not in out.topics:
            out.topics.append(item.topic)


def _evidence(item: CompiledRule, s: Scan, out: Findings) -> str | None:
    """The words that make the rule hold, or None when it does not."""
    if item.requires and not out.lanes.issuperset(item.requires):
        return None
    if item.all_count and len(s.rule_all.get(item.index, ())) < item.all_count:
        return None
    found: list[str] = []
    if item.has_any:
        hits = s.rule_any.get(item.index, ())
        if item.negatable:
            hits = [h for h in hits if not is_negated(s.folded, h.start)]
        if not hits:
            return None
        if len(hits) == 1:
            found.append(s.evidence(hits[0].start, hits[0].end))
        else:
            found += dict.fromkeys(s.evidence(h.start, h.end) for h in hits)
    found += item.all_words
    for regex in item.regexes:
        match = regex.search(s.text)
        if match is None:
            return None
        found.append(match[0])
    return ", ".join(found)
