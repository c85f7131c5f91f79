"""The quality floors, measured on the labelled corpus in tests/data/triage (see docs/triage-quality.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain import Lane, Severity
from bot.rules import CompiledPlaybook
from bot.rules.quality import Labelled, parse_corpus, score_corpus
from tests.rules.conftest import TRIAGE_DATA

TUNING = [
    *("tune_es.yaml", "tune_en.yaml", "tune2_es.yaml", "tune2_en.yaml"),
    *("tune3_es.yaml", "tune3_en.yaml", "tune4_es.yaml", "tune4_en.yaml"),
    *("tune5_es.yaml", "tune5_en.yaml", "tune6_es.yaml", "tune6_en.yaml"),
    *("tune7_es.yaml", "tune7_en.yaml"),
]
# v2 to v6 were held back, measured once, then their misses were described and new tuning cases written from the
# descriptions (tunings 3 to 7): they are no longer independent evidence, but none was tuned on directly. v4 to v7
# were written by authors who saw only the labelling guide, PRODUCT.md and the playbook (never the engine); v7, the
# held-back slice now, was committed before tuning 7 began and measured once after it ended.
HELD_BACK_V2 = ["heldout_es.yaml", "heldout_en.yaml"]
HELD_BACK_V3 = ["heldout3_es.yaml", "heldout3_en.yaml"]
HELD_BACK_V4 = ["heldout4_es.yaml", "heldout4_en.yaml"]
HELD_BACK_V5 = ["heldout5_es.yaml", "heldout5_en.yaml"]
HELD_BACK_V6 = ["heldout6_es.yaml", "heldout6_en.yaml"]
HELD_BACK = ["heldout7_es.yaml", "heldout7_en.yaml"]


def _corpus(names: list[str]) -> list[Labelled]:
    return [item for name in names for item in parse_corpus(Path(TRIAGE_DATA / name).read_text(encoding="utf-8"))]


def test_corpus_is_large_bilingual_and_covers_every_lane() -> None:
    names = TUNING + HELD_BACK_V2 + HELD_BACK_V3 + HELD_BACK_V4 + HELD_BACK_V5 + HELD_BACK_V6 + HELD_BACK
    spanish = _corpus([n for n in names if n.endswith("_es.yaml")])
    english = _corpus([n for n in names if n.endswith("_en.yaml")])
    assert len(spanish) + len(english) >= 400
    assert abs(len(spanish) - len(english)) <= 10
    seen = {lane for item in spanish + english for lane in item.l}
    assert seen >= set(Lane) - {Lane.SPIKE}  # spike needs database counts: tested in test_spike.py
    assert {item.s for item in spanish + english} == set(Severity)


def test_the_held_back_slice_is_large_bilingual_and_covers_every_lane() -> None:
    held = _corpus(HELD_BACK)
    assert len(held) >= 100
    assert all(len(_corpus([n])) >= 50 for n in HELD_BACK)
    assert {lane for item in held for lane in item.l} >= set(Lane) - {Lane.SPIKE}
    assert {item.s for item in held} == set(Severity)


@pytest.mark.parametrize(
    "names",
    [TUNING, HELD_BACK_V2, HELD_BACK_V3, HELD_BACK_V4, HELD_BACK_V5, HELD_BACK_V6, HELD_BACK],
    ids=["tuning", "held-back-v2", "held-back-v3", "held-back-v4", "held-back-v5", "held-back-v6", "held-back"],
)
def test_what_pages_an_executive_should_page(names: list[str], example: CompiledPlaybook) -> None:
    assert score_corpus(_corpus(names), example).paging_precision() >= 0.85


def test_critical_recall_on_the_tuning_slices(example: CompiledPlaybook) -> None:
    assert score_corpus(_corpus(TUNING), example).recall_of(Severity.CRITICAL) >= 0.95


@pytest.mark.xfail(
    strict=True,
    reason="held-back v7 measured once, blind, after tuning 7 (kind-free severe-harm markers): 0.795 (35 of 44 "
    "critical; docs/triage-quality.md); v4 0.789, v5 0.714, v6 0.667 before it. Misses: viral complaints whose "
    "complaint is not read, smishing warnings, news and exclusives about a problem, a vulnerable person's alarm cut",
)
def test_critical_recall_on_the_held_back_slice(example: CompiledPlaybook) -> None:
    assert score_corpus(_corpus(HELD_BACK), example).recall_of(Severity.CRITICAL) >= 0.95
