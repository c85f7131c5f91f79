"""Telegram's HTML parse mode: what it accepts, what it refuses, and the error texts."""

from __future__ import annotations

import pytest

from bot.sandbox import HtmlParseError, parse_html, utf16_len


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("<div>x</div>", 'Unsupported start tag "div" at byte offset 0'),
        ("🏟 🏟&lt;<abacaba", "Unclosed start tag at byte offset 13"),
        ("🏟 🏟&lt;<i   =aba>", 'Empty attribute name in the tag "i" at byte offset 13'),
        (
            "🏟 🏟&lt;<i    aba>",
            'Expected equal sign in declaration of an attribute of the tag "i" at byte offset 13',
        ),
        ("🏟 🏟&lt;<i    aba  =  190azAz-.,", "Unexpected end of name token at byte offset 27"),
        ("🏟 🏟&lt;<b></b></", "Unexpected end tag at byte offset 20"),
        ("🏟 🏟&lt;<i>a</i   ", "Unclosed end tag at byte offset 17"),
        ("🏟 🏟&lt;<i>a</em   >", 'Unmatched end tag at byte offset 17, expected "</i>", found "</em>"'),
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        (
            "&#xDFDF;",
            "Text contains invalid Unicode characters after decoding HTML entities, check for "
            "unmatched surrogate code units",
        ),
    ],
)
def test_parse_html_refuses_what_telegram_refuses(source: str, error: str) -> None:
    with pytest.raises(HtmlParseError) as raised:
        parse_html(source)
    assert str(raised.value) == error


def test_parse_html_refuses_a_bare_ampersand_in_strict_mode_only() -> None:
    with pytest.raises(HtmlParseError, match="byte offset 2"):
        parse_html("AT&T")
    assert parse_html("AT&T", strict_ampersand=False) == ("AT&T", [])


def test_parse_html_decodes_entities_and_counts_offsets_in_utf16_units() -> None:
    text, entities = parse_html("🏟 &lt;<b>x &amp; y</b> &#128512;&quot;")
    assert text == '🏟 <x & y 😀"'
    assert entities == [{"type": "bold", "offset": 4, "length": 5}]


@pytest.mark.parametrize(
    ("source", "text", "entities"),
    [
        (
            "<strong>a</strong><em>b</em><ins>c</ins><del>d</del>",
            "abcd",
            [
                {"type": "bold", "offset": 0, "length": 1},
                {"type": "italic", "offset": 1, "length": 1},
                {"type": "underline", "offset": 2, "length": 1},
                {"type": "strikethrough", "offset": 3, "length": 1},
            ],
        ),
        (
            '<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>',
            "st",
            [{"type": "spoiler", "offset": 0, "length": 1}, {"type": "spoiler", "offset": 1, "length": 1}],
        ),
        (
            '<a href="https://example.com/?a=1&amp;b=2">link</a>',
            "link",
            [{"type": "text_url", "offset": 0, "length": 4, "url": "https://example.com/?a=1&b=2"}],
        ),
        (
            '<pre><code class="language-python">x = 1</code></pre>',
            "x = 1",
            [{"type": "pre", "offset": 0, "length": 5, "language": "python"}],
        ),
        (
            "<blockquote expandable>quote</blockquote><blockquote>q</blockquote>",
            "quoteq",
            [
                {"type": "expandable_blockquote", "offset": 0, "length": 5},
                {"type": "blockquote", "offset": 5, "length": 1},
            ],
        ),
        (
            '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
            "👍",
            [{"type": "custom_emoji", "offset": 0, "length": 2, "custom_emoji_id": "5368324170671202286"}],
        ),
        (
            "<b>a<i>b</i></b>",
            "ab",
            [{"type": "bold", "offset": 0, "length": 2}, {"type": "italic", "offset": 1, "length": 1}],
        ),
    ],
)
def test_parse_html_turns_supported_tags_into_entities(source: str, text: str, entities: list[object]) -> None:
    assert parse_html(source) == (text, entities)


def test_utf16_len_counts_astral_characters_twice() -> None:
    assert utf16_len("a😀") == 3
