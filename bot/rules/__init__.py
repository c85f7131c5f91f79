"""Triage: the playbook model and the pure rules engine (no I/O, no database, no clock of its own)."""

from bot.rules.compiler import CompiledPlaybook, compile_playbook
from bot.rules.engine import evaluate
from bot.rules.playbook import Playbook, load_playbook, parse_playbook
from bot.rules.spike import SpikeVerdict, WindowStats

__all__ = [
    "CompiledPlaybook",
    "Playbook",
    "SpikeVerdict",
    "WindowStats",
    "compile_playbook",
    "evaluate",
    "load_playbook",
    "parse_playbook",
]
