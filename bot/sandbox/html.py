"""Telegram's HTML parse mode: plain text plus entities, or the error text Telegram gives.

The scanner follows the rules of Telegram's own parser (tdlib `parse_html`): it walks the UTF-8 bytes, so
error offsets are byte offsets, while entity offsets and lengths are UTF-16 code units, as in the Bot API.
Supported tags: b strong i em u ins s strike del span class="tg-spoiler" tg-spoiler a href tg-emoji
emoji-id code (class="language-…") pre blockquote (expandable). Entities: &lt; &gt; &amp; &quot; &apos;
and numeric ones.

One deliberate difference: Telegram keeps a bare ``&`` that starts no entity as a literal character. The
sandbox refuses it when ``strict_ampersand`` is true (the default), because a bot that forgets to escape
``&`` will sooner or later send ``&lt`` by accident and Telegram will then eat the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["HtmlParseError", "parse_html", "utf16_len"]

_TAGS = frozenset(
    {"a", "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "tg-emoji"}
    | {"code", "pre", "blockquote"}
)
_SIMPLE_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "code": "code",
}
_NAMED_ENTITIES = {b"lt": "<", b"gt": ">", b"amp": "&", b"quot": '"', b"apos": "'"}
_SPACES = frozenset(b" \t\r\n\x0b\x00")
_SCHEME = re.compile(r"^(https?|tg|ton)://", re.IGNORECASE)
_DOMAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2,}(?P<rest>[:/?#].*)?$")
_SURROGATES_TEXT = (
    "Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units"
)


class HtmlParseError(ValueError):
    """The HTML cannot be parsed; ``str(error)`` is Telegram's text after `can't parse entities: `."""


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit of every Telegram offset and limit."""
    return len(text.encode("utf-16-le")) // 2


def parse_html(source: str, *, strict_ampersand: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """Return the plain text and the Bot API entities of ``source``, or raise :class:`HtmlParseError`."""
    scanner = _Scanner(source.encode("utf-8"), strict_ampersand)
    scanner.run()
    # Outer entities first, as Telegram orders them: by offset, longest first, then by nesting depth.
    ordered = sorted(scanner.entities, key=lambda d_e: (d_e[1]["offset"], -d_e[1]["length"], d_e[0]))
    return scanner.out.decode("utf-8"), [entity for _, entity in ordered]


@dataclass
class _Open:
    tag: str
    argument: str
    utf16_start: int
    byte_start: int


@dataclass
class _Scanner:
    data: bytes
    strict_ampersand: bool
    pos: int = 0
    utf16: int = 0
    out: bytearray = field(default_factory=bytearray)
    stack: list[_Open] = field(default_factory=list)
    entities: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (nesting depth, entity)

    def at(self, index: int) -> int:
        return self.data[index] if index < len(self.data) else 0

    def emit(self, chunk: bytes) -> None:
        for byte in chunk:
            if byte & 0xC0 != 0x80:
                self.utf16 += 2 if byte >= 0xF0 else 1
        self.out.extend(chunk)

    def run(self) -> None:
        while self.pos < len(self.data):
            byte = self.data[self.pos]
            if byte == ord("&"):
                self.ampersand()
            elif byte == ord("<"):
                if self.at(self.pos + 1) == ord("/"):
                    self.end_tag()
                else:
                    self.start_tag()
            else:
                self.emit(bytes([byte]))
                self.pos += 1
        if self.stack:
            raise HtmlParseError(f'Can\'t find end tag corresponding to start tag "{self.stack[-1].tag}"')

    def ampersand(self) -> None:
        decoded, end = decode_entity(self.data, self.pos)
        if decoded is None:
            if self.strict_ampersand:
                raise HtmlParseError(
                    f'Character "&" at byte offset {self.pos} must be escaped as "&amp;" '
                    "(the sandbox is stricter than Telegram here)"
                )
            decoded, end = "&", self.pos + 1
        self.emit(decoded.encode("utf-8"))
        self.pos = end

    def start_tag(self) -> None:
        begin = self.pos
        self.pos += 1
        while self.at(self.pos) not in _SPACES and self.at(self.pos) != ord(">"):
            self.pos += 1
        if self.pos >= len(self.data):
            raise HtmlParseError(f"Unclosed start tag at byte offset {begin}")
        tag = self.data[begin + 1 : self.pos].decode("utf-8", "replace").lower()
        if tag not in _TAGS:
            raise HtmlParseError(f'Unsupported start tag "{tag}" at byte offset {begin}')
        argument = self.attributes(tag, begin)
        self.pos += 1  # the ">"
        if tag == "span" and argument != "spoiler":
            raise HtmlParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {begin}')
        self.stack.append(_Open(tag, argument, self.utf16, len(self.out)))

    def skip_spaces(self) -> None:
        while self.pos < len(self.data) and self.data[self.pos] in _SPACES:
            self.pos += 1

    def attributes(self, tag: str, begin: int) -> str:
        argument = ""
        while self.at(self.pos) != ord(">"):
            self.skip_spaces()
            if self.at(self.pos) == ord(">"):
                break
            name_start = self.pos
            while self.at(self.pos) not in _SPACES and self.at(self.pos) not in b"=>":
                self.pos += 1
            name = self.data[name_start : self.pos].decode("utf-8", "replace").lower()
            if not name:
                raise HtmlParseError(f'Empty attribute name in the tag "{tag}" at byte offset {begin}')
            self.skip_spaces()
            if self.at(self.pos) != ord("="):
                if tag == "blockquote" and name == "expandable":
                    argument = "expandable"
                    continue
                raise HtmlParseError(
                    f'Expected equal sign in declaration of an attribute of the tag "{tag}" at byte offset {begin}'
                )
            self.pos += 1
            self.skip_spaces()
            if self.pos >= len(self.data):
                raise HtmlParseError(f'Unclosed start tag "{tag}" at byte offset {begin}')
            value = self.attribute_value()
            if self.pos >= len(self.data):
                raise HtmlParseError(f"Unclosed start tag at byte offset {begin}")
            argument = _argument(tag, name, value, argument)
        return argument

    def attribute_value(self) -> str:
        quote = self.at(self.pos)
        if quote not in (ord('"'), ord("'")):
            start = self.pos
            while chr(self.at(self.pos)).isascii() and (chr(self.at(self.pos)).isalnum() or self.at(self.pos) in b".-"):
                self.pos += 1
            if self.at(self.pos) not in _SPACES and self.at(self.pos) != ord(">"):
                raise HtmlParseError(f"Unexpected end of name token at byte offset {start}")
            return self.data[start : self.pos].decode("utf-8").lower()
        self.pos += 1
        value = bytearray()
        while self.pos < len(self.data) and self.data[self.pos] != quote:
            decoded, end = decode_entity(self.data, self.pos)
            if decoded is None:
                value.append(self.data[self.pos])
                self.pos += 1
            else:
                value.extend(decoded.encode("utf-8"))
                self.pos = end
        if self.pos < len(self.data):
            self.pos += 1
        return value.decode("utf-8", "replace")

    def end_tag(self) -> None:
        begin = self.pos
        if not self.stack:
            raise HtmlParseError(f"Unexpected end tag at byte offset {begin}")
        self.pos += 2
        while self.at(self.pos) not in _SPACES and self.at(self.pos) != ord(">"):
            self.pos += 1
        name = self.data[begin + 2 : self.pos].decode("utf-8", "replace").lower()
        self.skip_spaces()
        if self.at(self.pos) != ord(">"):
            raise HtmlParseError(f"Unclosed end tag at byte offset {begin}")
        self.pos += 1
        opened = self.stack.pop()
        if name and name != opened.tag:
            raise HtmlParseError(
                f'Unmatched end tag at byte offset {begin}, expected "</{opened.tag}>", found "</{name}>"'
            )
        if self.utf16 > opened.utf16_start:
            self.close(opened)

    def close(self, opened: _Open) -> None:
        entity: dict[str, Any] = {"offset": opened.utf16_start, "length": self.utf16 - opened.utf16_start}
        tag = opened.tag
        previous = self.entities[-1][1] if self.entities else None
        same_span = previous is not None and (previous["offset"], previous["length"]) == (
            entity["offset"],
            entity["length"],
        )
        if tag == "a":
            url = _check_link(opened.argument or self.out[opened.byte_start :].decode("utf-8"))
            if url is None:
                return
            entity.update(type="text_url", url=url)
        elif tag == "tg-emoji":
            entity.update(type="custom_emoji", custom_emoji_id=opened.argument)
        elif tag == "blockquote":
            entity["type"] = "expandable_blockquote" if opened.argument else "blockquote"
        elif tag == "pre":
            entity["type"] = "pre"
            if same_span and previous is not None and previous["type"] == "code" and "language" in previous:
                self.entities.pop()
                entity["language"] = previous["language"]
        elif tag == "code" and opened.argument:
            if same_span and previous is not None and previous["type"] == "pre":
                self.entities.pop()
                entity.update(type="pre", language=opened.argument)
            else:
                entity.update(type="code", language=opened.argument)
        else:
            entity["type"] = _SIMPLE_TYPES[tag]
        self.entities.append((len(self.stack), entity))


def decode_entity(data: bytes, pos: int) -> tuple[str | None, int]:
    """Decode the HTML entity at ``data[pos]`` (an ``&``); ``(None, pos)`` if there is none."""
    end = pos + 1
    if data[end : end + 1] == b"#":
        hexadecimal = data[end + 1 : end + 2] in (b"x", b"X")
        end += 2 if hexadecimal else 1
        digits = "0123456789abcdefABCDEF" if hexadecimal else "0123456789"
        start = end
        while end < len(data) and chr(data[end]) in digits:
            end += 1
        if start == end or end - pos >= 10:
            return None, pos
        code = int(data[start:end], 16 if hexadecimal else 10)
        if code == 0 or code >= 0x10FFFF:
            return None, pos
        if 0xD800 <= code <= 0xDFFF:
            raise HtmlParseError(_SURROGATES_TEXT)
        decoded = chr(code)
    else:
        while end < len(data) and chr(data[end]).isascii() and chr(data[end]).isalpha():
            end += 1
        named = _NAMED_ENTITIES.get(data[pos + 1 : end])
        if named is None:
            return None, pos
        decoded = named
    if data[end : end + 1] == b";":
        end += 1
    return decoded, end


def _argument(tag: str, name: str, value: str, current: str) -> str:
    if tag == "a" and name == "href":
        return value
    if tag == "code" and name == "class" and value.startswith("language-"):
        return value.removeprefix("language-")
    if tag == "span" and name == "class" and value.startswith("tg-"):
        return value.removeprefix("tg-")
    if tag == "tg-emoji" and name == "emoji-id":
        return value
    return current


def _check_link(url: str) -> str | None:
    url = url.strip()
    if _SCHEME.match(url):
        return url
    domain = _DOMAIN.match(url)
    if domain is None:
        return None
    return f"http://{url}" if domain.group("rest") else f"http://{url}/"
