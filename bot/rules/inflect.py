"""Verb inflection for the lexicons: a word written `verb~` stands for the verb's forms, so a lexicon lists
"portar~ a" once instead of "porto a, portamos a, porté a, portaré a, …", and "transfer~ my" once instead of
"transfer my, transfers my, transferred my, transferring my".

Spanish: regular -ar/-er/-ir verbs in the present, preterite, future, conditional, imperfect, subjunctive and
imperative, participle (four endings) and gerund, and the infinitive with an object pronoun ("portarla",
"cambiarme"); forms are folded (no accents), as the matcher sees them. Stem-changing verbs list their changed
stem in `_ES_STEMS` ("mover" → "muev-": muevo, mueve, mueven). English: base, -s, -ed, -ing (with the usual
spelling changes: "move" → "moving", "swap" → "swapped", "transfer" → "transferred") and the irregular forms
in `_EN_IRREGULAR`, and the -ing written without its g, as posts often do ("portin", "movin"). Only the word marked with `~` is inflected; the rest of the phrase stays as written.
"""

from __future__ import annotations

from functools import cache

__all__ = ["expand", "inflect"]

_ES_ENDINGS = {
    "ar": "o as a amos ais an e aste o asteis aron are aras ara aremos areis aran aria arias ariamos arian aba abas "
    "abamos aban e es emos eis en ad ado ada ados adas ando",
    "er": "o es e emos eis en i iste io imos isteis ieron ere eras era eremos ereis eran eria erias eriamos erian ia "
    "ias iamos ian a as amos ais an ed ido ida idos idas iendo",
    "ir": "o es e imos is en i iste io imos isteis ieron ire iras ira iremos ireis iran iria irias iriamos irian ia "
    "ias iamos ian a as amos ais an id ido ida idos idas iendo",
}
_ES_PRONOUNS = ("me", "nos", "lo", "la", "los", "las", "le", "les")
# Stem-changing verbs: the changed stem takes the present and subjunctive endings of the stressed persons.
_ES_STEMS = {"mover": "muev", "volver": "vuelv", "transferir": "transfier", "despedir": "despid"}
_ES_STRESSED = {"ar": ("o", "as", "a", "an", "e", "es", "en"), "er": ("o", "es", "e", "en", "a", "as", "an")}
_ES_STRESSED["ir"] = _ES_STRESSED["er"]

# Irregular past forms (they replace "-ed"); -s and -ing are still built by the rules below.
_EN_IRREGULAR = {
    "take": "took taken",
    "bring": "brought",
    "go": "went gone",
    "leave": "left",
    "get": "got gotten",
    "quit": "quit",
    "cut": "cut",
    "blow": "blew blown",
    "do": "did done",
    "say": "said",
    "beat": "beaten",
}
_EN_DOUBLE = frozenset({"transfer", "refer", "cancel", "patrol", "compel"})  # stressed last syllable, or UK spelling
_VOWELS = frozenset("aeiou")


def _spanish(verb: str) -> list[str]:
    stem, group = verb[:-2], verb[-2:]
    if group not in _ES_ENDINGS:
        return [verb]
    forms = [verb, *(stem + e for e in _ES_ENDINGS[group].split())]
    forms += [verb + p for p in _ES_PRONOUNS]
    if changed := _ES_STEMS.get(verb):
        forms += [changed + e for e in _ES_STRESSED[group]]
    return forms


def _syllables(word: str) -> int:
    groups, previous = 0, False
    for ch in word:
        vowel = ch in _VOWELS
        groups += vowel and not previous
        previous = vowel
    return groups


def _english(verb: str) -> list[str]:
    irregular = _EN_IRREGULAR.get(verb)
    forms = [verb, *(irregular or "").split()]
    consonant_y = verb.endswith("y") and verb[-2:-1] not in ("a", "e", "o", "u")
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms.append(verb + "es")
    else:
        forms.append(verb[:-1] + "ies" if consonant_y else verb + "s")
    cvc = len(verb) >= 3 and verb[-1] not in _VOWELS | {"w", "x", "y"} and verb[-2] in _VOWELS
    cvc = cvc and verb[-3] not in _VOWELS
    if cvc and (verb in _EN_DOUBLE or _syllables(verb) == 1):
        past, present = [verb + verb[-1] + "ed"], [verb + verb[-1] + "ing"]
        if verb in _EN_DOUBLE:
            past, present = [*past, verb + "ed"], [*present, verb + "ing"]  # US spelling: canceled, canceling
    elif verb.endswith("e") and not verb.endswith("ee"):
        past, present = [verb + "d"], [verb[:-1] + "ing"]
    elif consonant_y:
        past, present = [verb[:-1] + "ied"], [verb + "ing"]
    else:
        past, present = [verb + "ed"], [verb + "ing"]
    dropped = [form[:-1] for form in present]  # "movin", "portin", "leavin": the -ing with its g dropped
    return forms + present + dropped + ([] if irregular is not None else past)


@cache
def inflect(verb: str, language: str) -> tuple[str, ...]:
    """The forms of a verb given in its infinitive (Spanish) or base form (English), folded, without repeats."""
    forms = _spanish(verb) if language == "es" else _english(verb)
    return tuple(dict.fromkeys(forms))


def expand(phrase: str, language: str) -> list[str]:
    """A phrase with a `verb~` word → one phrase per form of that verb; other phrases are returned as they are."""
    if "~" not in phrase:
        return [phrase]
    out = [""]
    for word in phrase.split(" "):
        options = inflect(word[:-1], language) if word.endswith("~") else (word,)
        out = [f"{head} {form}".strip() for head in out for form in options]
    return out
