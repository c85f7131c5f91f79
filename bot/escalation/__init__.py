"""Escalations: triage pending mentions, open or attach cases, queue their cards, keep their timeline."""
