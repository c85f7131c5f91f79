"""Triage: the playbook model and the pure rules engine."""

from bot.rules.engine import CompiledPlaybook, compile_playbook, evaluate
from bot.rules.playbook import Playbook, load_playbook, parse_playbook

__all__ = ["CompiledPlaybook", "Playbook", "compile_playbook", "evaluate", "load_playbook", "parse_playbook"]
