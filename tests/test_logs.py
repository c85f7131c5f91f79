"""Logs: one JSON event per line with extra fields, and secrets never written."""

from __future__ import annotations

import io
import json
import logging

from bot.logs import JsonFormatter, RedactSecrets

TOKEN = "123456789:AAH-very-secret-token-value"


def _logger(fmt: logging.Formatter) -> tuple[logging.Logger, io.StringIO]:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(fmt)
    handler.addFilter(RedactSecrets([TOKEN]))
    logger = logging.getLogger(f"test-logs-{id(out)}")
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.setLevel(logging.INFO)
    return logger, out


def test_json_event_per_line_with_escalation_id() -> None:
    logger, out = _logger(JsonFormatter())
    logger.info("paged %s", "ana", extra={"escalation_id": 42})
    event = json.loads(out.getvalue())
    assert event["msg"] == "paged ana"
    assert event["escalation_id"] == 42
    assert event["level"] == "info"


def test_token_is_redacted_in_messages_and_arguments() -> None:
    logger, out = _logger(logging.Formatter("%(message)s"))
    logger.warning("POST https://api.telegram.org/bot%s/sendMessage failed", TOKEN)
    assert TOKEN not in out.getvalue()
    assert "[REDACTED]" in out.getvalue()


def test_token_is_redacted_in_tracebacks() -> None:
    logger, out = _logger(JsonFormatter())
    try:
        raise RuntimeError(f"bad url /bot{TOKEN}/getMe")
    except RuntimeError:
        logger.exception("start failed")
    assert TOKEN not in out.getvalue()
