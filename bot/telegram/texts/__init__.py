"""The bot's words, in Spanish and English. Every text the bot sends comes from here, by key.

The catalogue is split by subject (one module each, one dict `CATALOGUE` each); keys must not repeat.
"""

from __future__ import annotations

from bot.telegram.texts import card, core, oncall, team

__all__ = ["LANGUAGES", "t"]

LANGUAGES = ("es", "en")


def _merge(*parts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for part in parts:
        clash = merged.keys() & part.keys()
        if clash:
            raise RuntimeError(f"message keys defined twice: {sorted(clash)}")
        merged.update(part)
    return merged


_CATALOGUE = _merge(core.CATALOGUE, oncall.CATALOGUE, card.CATALOGUE, team.CATALOGUE)


def t(key: str, language: str, /, **values: object) -> str:
    """The text for `key` in `language` (English when missing), with `values` filled in."""
    entry = _CATALOGUE[key]
    text = entry.get(language) or entry["en"]
    return text.format(**values) if values else text
