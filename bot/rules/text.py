"""Text normalization for matching: case- and accent-insensitive, on word boundaries."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["KeywordMatcher", "fold"]


def fold(text: str) -> str:
    """Lower-case and strip accents ("Cámbiame" → "cambiame"); keeps @, # and emoji."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class KeywordMatcher:
    """Many keywords compiled into one regex, so a mention is scanned once whatever the keyword count."""

    def __init__(self, keywords: Iterable[str]) -> None:
        folded = sorted({fold(k).strip() for k in keywords if k.strip()}, key=len, reverse=True)
        self._keywords = folded
        if folded:
            alternation = "|".join(re.escape(k) for k in folded)
            self._regex: re.Pattern[str] | None = re.compile(rf"(?<![\w@#])(?:{alternation})(?!\w)")
        else:
            self._regex = None

    def find_all(self, folded_text: str) -> list[str]:
        """The distinct keywords found in already-folded text, in order of appearance."""
        if self._regex is None:
            return []
        seen: dict[str, None] = {}
        for match in self._regex.finditer(folded_text):
            seen.setdefault(match.group(0), None)
        return list(seen)
