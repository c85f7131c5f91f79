"""The regex prefilter only narrows candidates: a rule's regexes match exactly when they did without it."""

from __future__ import annotations

import random
import re
import sys

import pytest

from bot.rules.prefilter import _CASE_TWINS, RegexPrefilter, required_words

PATTERNS = [
    r"\b(c[oó]digo|code)\b.{0,30}\b(portabilidad|port(ing)?[ -]out|PAC)\b",
    r"\bpedido\s+\d+\b",
    r"(?i)colou?r",
    r"ref-\d+",
    r"[a-z]+\d",  # nothing to read: always run
    r"(?x) tar ifa \s+ \d+",
    r"\bkilo\b",
    r"\bstatus\b",
]


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (PATTERNS[0], [{"digo", "ode"}, {"portabilidad", "port", "pac"}]),
        (PATTERNS[1], [{"pedido"}]),
        (PATTERNS[2], [{"colo"}]),
        (PATTERNS[3], [{"ref-"}]),
        (PATTERNS[4], []),
        (PATTERNS[5], [{"tarifa"}]),
        (r"(ab)?cd", []),
        (r"x{3}yz", []),
    ],
)
def test_required_words(pattern: str, words: list[set[str]]) -> None:
    assert [set(g) for g in required_words(pattern)] == words


def test_only_the_listed_characters_beyond_ascii_match_ascii_ignoring_case() -> None:
    printable = re.compile("[ -~]", re.IGNORECASE)
    twins = [c for c in range(0x80, sys.maxunicode + 1) if printable.fullmatch(chr(c))]
    assert twins == [ord(c) for c in "\u0130\u0131\u017f\u212a"]
    assert all(_CASE_TWINS.search(chr(c)) for c in twins)


def test_candidates_never_miss_a_rule_that_matches() -> None:
    rules = [(i, [p]) for i, p in enumerate(PATTERNS)] + [(len(PATTERNS), [PATTERNS[1], PATTERNS[3]])]
    prefilter = RegexPrefilter(rules)
    compiled = {i: [re.compile(p, re.IGNORECASE) for p in ps] for i, ps in rules}
    rng = random.Random(3)
    pieces = [
        "Código de portabilidad",
        "CODE for PORT-OUT",
        "pac",
        "PEDIDO  123",
        "Colour",
        "REF-9",
        "x9",
        "tarifa 20",
        "\u212ailo",  # Kelvin sign: matches "kilo" ignoring case
        "\u017ftatus",  # long s: matches "status"
        "hola",
        "qué tal",
        "🔥",
        "port",
    ]
    for _ in range(3000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 5)))
        matching = {i for i, regexes in compiled.items() if all(r.search(text) for r in regexes)}
        assert matching <= prefilter.candidates(text), text


def test_no_regex_rules_no_candidates() -> None:
    assert RegexPrefilter([]).candidates("anything") == set()
