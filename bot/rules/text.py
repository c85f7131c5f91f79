"""Text for matching: case- and accent-insensitive, punctuation-blind, on word boundaries; one regex for all phrases.

`fold` lower-cases and strips accents keeping the length when it can, so a hit in the folded text points at the
same characters in the original. `PhraseMatcher` compiles every phrase of a playbook (built-in lexicons, rules,
names, handles, emoji) into one trie-shaped regular expression: a mention is scanned once, whatever the number
of phrases. A phrase ending in `*` matches any word that starts with it ("cancel*" matches "cancelo").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from functools import cache, lru_cache
from typing import NamedTuple

__all__ = ["Hit", "KeywordMatcher", "PhraseMatcher", "fold", "words_before"]

# Punctuation becomes a space (one for one, so positions stay put); words, @, #, ' and emoji stay.
_PUNCT = re.compile(r"[^\w\s@#'\u2600-\u27bf\U0001f000-\U0001faff]")
_ASCII_PUNCT = "".join(" " if _PUNCT.match(chr(c)) else chr(c) for c in range(128))  # `_PUNCT` as a table
_COMBINING = re.compile("[\u0300-\u036f]")
_WORD = re.compile(r"[\w@#']+")
_CLAUSE_END = re.compile(r"[.;:!?¡¿\n,()]|\s(?:pero|but|aunque|although|though|sino|y|and|so|asi que)\s")


@cache
def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFKD", ch.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)) or ch


_TRANSLATE = {
    **{ord(c): _fold_char(c) for c in map(chr, range(0xC0, 0x250)) if len(_fold_char(c)) == 1},
    ord("’"): "'",
    ord("‘"): "'",
}


def fold(text: str) -> str:
    """Lower-case and strip accents ("Cámbiame" → "cambiame"); keeps @, #, punctuation and emoji."""
    if text.isascii():
        return text.lower()  # nothing to translate: the table only has characters beyond ASCII
    lowered = text.lower().translate(_TRANSLATE)
    if len(lowered) == len(text) and (lowered.isascii() or _COMBINING.search(lowered) is None):
        return lowered
    return "".join(_fold_char(ch) for ch in text)


def match_text(folded: str) -> str:
    """Folded text with punctuation blanked out, the same length, for phrase matching."""
    if folded.isascii():
        return folded.translate(_ASCII_PUNCT)  # the same blanking, several times faster than the regex
    return _PUNCT.sub(" ", folded)


def words_before(folded: str, start: int, *, limit: int) -> list[str]:
    """Up to `limit` words right before `start`, within the same clause (punctuation and "but" end a clause)."""
    return list(_words_before(folded, start, limit))


@lru_cache(maxsize=64)  # negation and hearsay look at the same words of the same mention
def _words_before(folded: str, start: int, limit: int) -> tuple[str, ...]:
    window = folded[max(0, start - 80) : start]
    cut = 0
    for boundary in _CLAUSE_END.finditer(window):
        cut = boundary.end()
    return tuple(_WORD.findall(window[cut:])[-limit:])


def words_between(folded: str, start: int, end: int) -> list[str]:
    return _WORD.findall(folded[start:end])


class Hit(NamedTuple):
    """A phrase found at [start, end) of the folded text, and the terms it stands for (a named tuple: hits
    are built for every phrase of every mention, and a tuple is the cheapest immutable record)."""

    phrase: str
    start: int
    end: int
    terms: tuple[int, ...]


class PhraseMatcher:
    """Phrases → term ids, compiled into one regex. A hit also carries the terms of phrases inside it
    ("me paso a vozzia" also counts as "vozzia"), unless the outer phrase is marked as a `shield`."""

    def __init__(self, phrases: Mapping[str, Iterable[int]], *, shields: Iterable[str] = ()) -> None:
        self._seen: dict[str, tuple[int, ...]] = {}
        table: dict[str, set[int]] = {}
        for phrase, terms in phrases.items():
            key = _normal(phrase)
            if key and key != "*":
                table.setdefault(key, set()).update(terms)
        self._prefix = {k[:-1]: tuple(sorted(v)) for k, v in table.items() if k.endswith("*")}
        self._exact = {k: self._with_prefixes(k, v) for k, v in table.items() if not k.endswith("*")}
        shielded = {_normal(s) for s in shields}
        self._expanded: dict[str, tuple[int, ...]] = {}
        self._expanded = {k: self._with_inner(k, v, k in shielded) for k, v in self._exact.items()}
        self._regex = _compile(table) if table else None
        self._seen.clear()  # filled while expanding; only what mentions match belongs there

    def _with_prefixes(self, phrase: str, terms: set[int]) -> tuple[int, ...]:
        """An exact phrase also stands for every `prefix*` it matches ("outage" is also "outage*")."""
        out = set(terms)
        for prefix, more in self._prefix.items():
            if phrase.startswith(prefix) and " " not in phrase[len(prefix) :]:
                out.update(more)
        return tuple(sorted(out))

    def _with_inner(self, phrase: str, terms: tuple[int, ...], shielded: bool) -> tuple[int, ...]:
        if shielded or " " not in phrase:
            return terms
        words = phrase.split(" ")
        inner = set(terms)
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                if (i, j) != (0, len(words)):
                    inner.update(self.terms_of(" ".join(words[i:j])))
        return tuple(sorted(inner))

    @property
    def phrases(self) -> int:
        """How many distinct phrases were compiled."""
        return len(self._exact) + len(self._prefix)

    def terms_of(self, found: str) -> tuple[int, ...]:
        """The terms of a matched string (exact phrase first, then the longest `prefix*` it starts with)."""
        terms = self._expanded.get(found)  # the usual case: single spaces, an exact phrase
        if terms is not None:
            return terms
        cached = self._seen.get(found)
        if cached is not None:
            return cached
        normal = " ".join(found.split())
        terms = self._expanded.get(normal) or self._exact.get(normal)
        if terms is None:
            found_terms: set[int] = set()
            for cut in range(len(normal), 0, -1):
                found_terms.update(self._prefix.get(normal[:cut], ()))
            terms = tuple(sorted(found_terms))
        if len(self._seen) < _SEEN_LIMIT:
            self._seen[found] = terms  # words matched by a `prefix*`: looked up once per spelling
        return terms

    def matches(self, text: str) -> tuple[Iterator[re.Match[str]], Mapping[str, tuple[int, ...]]]:
        """The raw regex matches in `text` and the table of exact phrases, for callers that turn matches into
        hits themselves (`bot.rules.scan`, once per mention): `Hit(m[0], *m.span(), table.get(m[0]) or
        self.terms_of(m[0]))` is what `scan` builds."""
        if self._regex is None:
            return iter(()), self._expanded
        return self._regex.finditer(text), self._expanded

    def scan(self, text: str) -> list[Hit]:
        """Every phrase in `text` (as returned by `match_text`), leftmost-longest, without overlaps."""
        if self._regex is None:
            return []
        expanded, terms_of = self._expanded, self.terms_of
        return [
            Hit(found, *m.span(), expanded.get(found) or terms_of(found))
            for m in self._regex.finditer(text)
            for found in (m[0],)
        ]


def _normal(phrase: str) -> str:
    phrase = phrase.strip()
    star = "*" if phrase.endswith("*") else ""
    return " ".join(match_text(fold(phrase.rstrip("*"))).split()) + star


_SEEN_LIMIT = 50_000  # matched spellings remembered per matcher (a bound: mentions are untrusted text)
_WILD = "\x00"  # trie marker: "any word characters follow"
_END = ""


def _compile(phrases: Iterable[str]) -> re.Pattern[str]:
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for phrase in phrases:
        node = trie
        body = phrase[:-1] + _WILD if phrase.endswith("*") else phrase
        for ch in body:
            node = node.setdefault(ch, {})
        node[_END] = {}
    # A phrase ends at a word boundary; an English possessive may follow ("Vozzia's offer" names Vozzia).
    return re.compile(rf"(?<![\w@#'])(?:{_pattern(trie)})(?:(?![\w'])|(?='s(?![\w'])))")


def _pattern(node: dict) -> str:  # type: ignore[type-arg]
    branches = []
    optional = False
    for ch, child in sorted(node.items(), key=lambda item: (item[0] == _WILD, item[0])):  # longest first
        if ch == _END:
            optional = True
            continue
        head = r"\w*" if ch == _WILD else (r"\s+" if ch == " " else re.escape(ch))
        branches.append(head + _pattern(child))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if optional else body


class KeywordMatcher:
    """A set of keywords compiled into one regex (kept for simple callers and the benchmark baseline)."""

    def __init__(self, keywords: Iterable[str]) -> None:
        self._matcher = PhraseMatcher({k: (0,) for k in keywords})

    def find_all(self, folded_text: str) -> list[str]:
        """The distinct keywords found in already-folded text, in order of appearance."""
        seen: dict[str, None] = {}
        for hit in self._matcher.scan(match_text(folded_text)):
            seen.setdefault(" ".join(hit.phrase.split()), None)
        return list(seen)
