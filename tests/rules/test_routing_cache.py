"""The router remembers its walk per (severity, lanes, topics, source) only when no node reads the text."""

from __future__ import annotations

from bot.domain import NormalizedMention
from bot.rules import CompiledPlaybook, compile_playbook, evaluate, load_playbook
from bot.rules.playbook import Playbook
from tests.rules.conftest import EXAMPLE, NOW


def test_remembered_routes_still_group_per_mention_and_never_share_a_policy(example: CompiledPlaybook) -> None:
    first = evaluate(NormalizedMention(id="1", text="Movilia no funciona", thread_id="a"), example, NOW)
    second = evaluate(NormalizedMention(id="2", text="Movilia no funciona", thread_id="b"), example, NOW)
    assert first.route is not None
    assert second.route is not None
    assert (first.route.group_key, second.route.group_key) == ("thread:unknown:a", "thread:unknown:b")
    assert first.route.policy == second.route.policy
    assert first.route.policy is not second.route.policy
    assert first.route.policy["also_notify"] is not second.route.policy["also_notify"]


def test_a_tree_that_reads_the_text_routes_every_mention_afresh() -> None:
    data = load_playbook(EXAMPLE).model_dump(mode="json", by_alias=True, exclude_none=True)
    data["routing"]["routes"].insert(0, {"name": "fibre", "match": {"keywords": ["fibra"]}, "person": "marc"})
    compiled = compile_playbook(Playbook.model_validate(data))
    fibre = evaluate(NormalizedMention(id="1", text="Movilia, la fibra no funciona"), compiled, NOW)
    other = evaluate(NormalizedMention(id="2", text="Movilia, el móvil no funciona"), compiled, NOW)
    assert fibre.lanes == other.lanes
    assert fibre.severity is other.severity
    assert fibre.route is not None
    assert fibre.route.policy["route"] == "root/fibre"
    assert other.route is not None
    assert other.route.policy["route"] != "root/fibre"
