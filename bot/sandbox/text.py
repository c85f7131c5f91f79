"""Message text as Telegram stores it: parse mode applied, whitespace trimmed, limits checked."""

from __future__ import annotations

import re
from typing import Any

from .errors import bad_request
from .html import HtmlParseError, parse_html, utf16_len

__all__ = ["MAX_TEXT_UTF16", "command_entities", "prepare_text"]

MAX_TEXT_UTF16 = 4096
_COMMAND = re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![\w/])")


def prepare_text(
    text: str | None,
    *,
    parse_mode: str | None,
    entities: Any,
    strict_ampersand: bool,
    too_long: str = "message is too long",
) -> tuple[str, list[dict[str, Any]]]:
    """The text and entities of a message to send or edit, or Telegram's 400."""
    if not text:
        raise bad_request("message text is empty")
    mode = (parse_mode or "").lower()
    if mode == "html":
        try:
            text, parsed = parse_html(text, strict_ampersand=strict_ampersand)
        except HtmlParseError as error:
            raise bad_request(f"can't parse entities: {error}") from None
    elif mode == "":
        parsed = _explicit_entities(entities)
    else:
        raise bad_request("unsupported parse_mode")
    text, parsed = _trim(text, parsed)
    if not text:
        raise bad_request("message text is empty")
    if utf16_len(text) > MAX_TEXT_UTF16:
        raise bad_request(too_long)
    return text, parsed


def _explicit_entities(entities: Any) -> list[dict[str, Any]]:
    if entities is None:
        return []
    if not isinstance(entities, list) or not all(isinstance(e, dict) for e in entities):
        raise bad_request("can't parse entities JSON object")
    return [dict(e) for e in entities]


def _trim(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Strip leading and trailing whitespace as Telegram does, keeping entities on their characters."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    shift = utf16_len(text[: len(text) - len(text.lstrip())])
    end = utf16_len(stripped)
    kept = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        stop = min(entity["offset"] + entity["length"] - shift, end)
        if stop > start:
            kept.append({**entity, "offset": start, "length": stop - start})
    return stripped, kept


def command_entities(text: str) -> list[dict[str, Any]]:
    """The ``bot_command`` entities Telegram adds to a user's message text."""
    entities = []
    for match in _COMMAND.finditer(text):
        offset = utf16_len(text[: match.start()])
        entities.append({"type": "bot_command", "offset": offset, "length": utf16_len(match.group())})
    return entities
