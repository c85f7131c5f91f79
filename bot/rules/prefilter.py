"""Which regex-only rules can match a mention, without running their regexes on every mention.

A playbook regex such as `\\b(c[oó]digo|code)\\b.{0,30}\\b(portabilidad|port(ing)?[ -]out|PAC)\\b` can only
match text that contains "digo" or "ode", and "portabilidad", "port" or "pac". `RegexPrefilter` reads those
words from each pattern's parse tree once, at compile time. On ASCII text (most mentions) a case-insensitive
pattern can only match where its plain ASCII words are, in lower case, in the lower-cased text, so a few
substring tests decide which rules are worth running; a regex search costs several microseconds on a
mention, a substring test a few dozen nanoseconds. The same holds for any text without the four characters
beyond ASCII that match an ASCII letter when case is ignored. Text with them, and rules whose patterns yield
no usable word, go through one combined regex, as before. The result is only a candidate list: every
candidate's regexes are still run, so a rule matches exactly when it did without the prefilter.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from typing import Any

__all__ = ["RegexPrefilter", "required_words"]

# The only characters beyond ASCII that a case-insensitive regex matches with an ASCII character ("ſ" with
# "s", the Kelvin sign with "k", dotted and dotless i with "i"; tests/rules/test_prefilter.py checks every code
# point). Text without them matches an ASCII word, ignoring case, only where its lower-cased form has the word.
_CASE_TWINS = re.compile("[\u0130\u0131\u017f\u212a]")
MIN_WORD = 3  # shorter words are in too many texts to be worth testing
_sre: Any = importlib.import_module("re._parser")  # the stdlib's own regex parser (private; read defensively)
_ops: Any = importlib.import_module("re._constants")
_REPEATS = tuple(
    getattr(_ops, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_ops, name)
)


def required_words(pattern: str) -> list[frozenset[str]]:
    """Groups of lower-case ASCII words: any match of `pattern` contains at least one word of every group.
    Empty when nothing safe can be said (the pattern is then always run)."""
    try:
        return _needs(_sre.parse(pattern, re.IGNORECASE))
    except Exception:  # a parser detail we do not know: fall back to running the regex
        return []


def _needs(items: Any) -> list[frozenset[str]]:
    groups: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= MIN_WORD:
            groups.append(frozenset({"".join(run)}))
        run.clear()

    for op, av in items:
        if op is _ops.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        flush()
        if op is _ops.SUBPATTERN:
            groups += _needs(av[-1])
        elif op is _ops.BRANCH:
            best = [_best(_needs(branch)) for branch in av[1]]
            if all(b is not None for b in best):
                groups.append(frozenset().union(*best))  # type: ignore[arg-type]
        elif op in _REPEATS and av[0] >= 1:
            groups += _needs(av[2])
    flush()
    return groups


def _best(groups: list[frozenset[str]]) -> frozenset[str] | None:
    """The group with the longest shortest word (the most selective), or None."""
    return max(groups, key=lambda g: min(map(len, g)), default=None)


class RegexPrefilter:
    """Candidates among regex-only rules, given as (rule index, patterns); see the module docstring."""

    def __init__(self, rules: Sequence[tuple[int, Sequence[str]]]) -> None:
        self._all = tuple(index for index, _ in rules)
        self._gate = _gate([p for _, patterns in rules for p in patterns])
        self._needs: dict[int, tuple[frozenset[str], ...]] = {}
        by_word: dict[str, set[int]] = {}
        residual: list[tuple[int, Sequence[str]]] = []
        for index, patterns in rules:
            needs = tuple(g for p in patterns for g in required_words(p))
            if not needs:
                residual.append((index, patterns))
                continue
            self._needs[index] = needs
            for word in _best(list(needs)) or ():
                by_word.setdefault(word, set()).add(index)
        self._words = tuple(sorted(by_word))
        self._by_word = {w: tuple(sorted(r)) for w, r in by_word.items()}
        self._residual = tuple(index for index, _ in residual)
        self._residual_gate = _gate([p for _, patterns in residual for p in patterns])

    @property
    def words(self) -> tuple[str, ...]:
        return self._words

    def candidates(self, text: str, lowered: str | None = None) -> set[int]:
        """Rule indexes worth running on `text`; `lowered` is `text.lower()` when the caller has it already."""
        if self._gate is None:
            return set()
        if not text.isascii() and _CASE_TWINS.search(text) is not None:
            return set(self._all) if self._gate.search(text) else set()
        low = text.lower() if lowered is None else lowered
        found: set[int] = set()
        if any(map(low.__contains__, self._words)):  # usually none: one pass in C
            for word in self._words:
                if word in low:
                    found.update(self._by_word[word])
        if found:
            found = {i for i in found if all(any(w in low for w in group) for group in self._needs[i])}
        if self._residual_gate is not None and self._residual_gate.search(text):
            found.update(self._residual)
        return found


def _gate(patterns: list[str]) -> re.Pattern[str] | None:
    """One search that says whether any of these patterns can match."""
    return re.compile("|".join(f"(?:{_scoped(p)})" for p in patterns), re.IGNORECASE) if patterns else None


_GLOBAL_FLAGS = re.compile(r"^\(\?([aiLmsux]+)\)")


def _scoped(pattern: str) -> str:
    """ "(?i)colou?r" → "(?i:colou?r)": global flags are only allowed at the start of the whole expression."""
    flags = _GLOBAL_FLAGS.match(pattern)
    return f"(?{flags.group(1)}:{pattern[flags.end() :]})" if flags else pattern
