"""The playbook's `replies` section: reply templates per intent, lane and language, platform limits, what the
lint forbids, who may act on cards, and an optional outbound webhook for chosen replies.

Drafts are suggestions: Directo never publishes on anyone's behalf. Templates use `{slots}`:

- `{first_name}`: the author's first name, or their handle when the name is unknown
- `{handle}`: the author's handle (`@rooney`)
- `{competitor}`: the competitor the mention names
- `{topic}`: the topic words that fired (`roaming`)
- `{brand}`: the brand's name
- `{sign_off}`: the executive's sign-off (`sign_offs` below, or "— <first name>, <title>")
- `{offer}`: the first thing the executive may offer (`people[].decides.may_offer`, else their maximum discount)
- `{exec_name}`, `{exec_title}`: the executive's name and title
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Literal

from pydantic import Field, field_validator, model_validator

from bot.domain import Lane, Role
from bot.rules.sections import Key, Strict

__all__ = [
    "DEFAULT_LIMITS",
    "SLOTS",
    "Intent",
    "Replies",
    "ReplyTemplate",
    "ReplyWebhook",
    "default_templates",
]

SLOTS = frozenset(
    {"first_name", "handle", "competitor", "topic", "brand", "sign_off", "offer", "exec_name", "exec_title"}
)
_SLOT = re.compile(r"\{([a-z_]+)\}")

# Characters a reply may have on each platform (X counts 280; LinkedIn comments 1250; Instagram and
# Facebook comments 2200). Other platforms get `default`.
DEFAULT_LIMITS: dict[str, int] = {"x": 280, "twitter": 280, "linkedin": 1250, "instagram": 2200, "facebook": 2200}


class Intent(StrEnum):
    """The three kinds of draft: acknowledge and move to a private conversation; a decisive offer within the
    executive's scope; a public apology with the fix."""

    ACKNOWLEDGE = "acknowledge"
    OFFER = "offer"
    APOLOGY = "apology"


class ReplyTemplate(Strict):
    intent: Intent
    language: Literal["es", "en"]
    lanes: list[Lane] = Field(default_factory=list)  # empty: any lane
    text: str = Field(min_length=1, max_length=4000)

    @field_validator("text")
    @classmethod
    def _known_slots(cls, value: str) -> str:
        unknown = sorted(set(_SLOT.findall(value)) - SLOTS)
        if unknown:
            raise ValueError(f"unknown slot(s) {unknown}; known: {sorted(SLOTS)}")
        return value


class ReplyWebhook(Strict):
    """Chosen replies are also POSTed here, signed with Standard Webhooks (`webhook-id`, `-timestamp`,
    `-signature`), e.g. to a social-media suite that publishes from the executive's own account."""

    url: str = Field(pattern=r"^https?://")
    secret_env: str = Field(min_length=1)
    max_attempts: int = Field(default=3, ge=1, le=10)
    timeout_seconds: float = Field(default=5.0, gt=0, le=60)


class Replies(Strict):
    templates: list[ReplyTemplate] = Field(default_factory=list)
    limits: dict[str, int] = Field(default_factory=dict)
    default_limit: int = Field(default=2000, ge=1)
    forbid_competitor_names: bool = True
    profanity: list[str] = Field(default_factory=list)
    sign_offs: dict[Key, str] = Field(default_factory=dict)
    may_act: list[Role] = Field(default_factory=lambda: [Role.ADMIN, Role.EXECUTIVE])
    webhook: ReplyWebhook | None = None

    @model_validator(mode="after")
    def _positive_limits(self) -> Replies:
        for platform, limit in self.limits.items():
            if limit < 1:
                raise ValueError(f"limits.{platform} must be at least 1")
        return self

    def limit_for(self, platform: str) -> int:
        key = platform.lower()
        return self.limits.get(key) or DEFAULT_LIMITS.get(key) or self.default_limit

    def template(self, intent: Intent, language: str, lanes: list[str]) -> ReplyTemplate:
        """The most specific template: the playbook's for one of these lanes, then the playbook's for any
        lane, then the built-in one (English when the language has none)."""
        pool = [t for t in self.templates if t.intent is intent]
        for candidates in (
            [t for t in pool if t.language == language and set(t.lanes) & set(lanes)],
            [t for t in pool if t.language == language and not t.lanes],
            [t for t in default_templates() if t.intent is intent and t.language == language],
            [t for t in default_templates() if t.intent is intent and t.language == "en"],
        ):
            if candidates:
                return candidates[0]
        raise LookupError(intent)  # pragma: no cover - the built-ins cover every intent in English


def default_templates() -> list[ReplyTemplate]:
    return [
        ReplyTemplate(
            intent=Intent.ACKNOWLEDGE,
            language="es",
            text="Hola {first_name}, soy {exec_name}. Te he leído y me ocupo yo. "
            "¿Me escribes por privado y lo resolvemos hoy? {sign_off}",
        ),
        ReplyTemplate(
            intent=Intent.OFFER,
            language="es",
            text="{first_name}, tienes razón con {topic}. Te ofrezco {offer} desde hoy. "
            "Escríbeme por privado y lo dejo hecho. {sign_off}",
        ),
        ReplyTemplate(
            intent=Intent.APOLOGY,
            language="es",
            text="{first_name}, lo sentimos: con {topic} no hemos estado a la altura. "
            "Ya lo estamos corrigiendo y te cuento en persona cómo queda. {sign_off}",
        ),
        ReplyTemplate(
            intent=Intent.ACKNOWLEDGE,
            language="en",
            text="Hi {first_name}, {exec_name} here. I read you and I'm on it myself. "
            "Could you DM me so we fix it today? {sign_off}",
        ),
        ReplyTemplate(
            intent=Intent.OFFER,
            language="en",
            text="{first_name}, you're right about {topic}. I'm offering you {offer} from today. "
            "DM me and I'll get it done. {sign_off}",
        ),
        ReplyTemplate(
            intent=Intent.APOLOGY,
            language="en",
            text="{first_name}, we're sorry: we fell short on {topic}. "
            "We're fixing it now and I'll tell you personally how it ends. {sign_off}",
        ),
    ]
