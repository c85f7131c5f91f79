"""The sections of a playbook: who we are, who they are, who decides, what to look for and how much it weighs."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.domain import Lane, Role, Severity
from bot.rules.lexicon import Kind

__all__ = [
    "Brand",
    "Competitor",
    "DecisionScope",
    "Key",
    "Leave",
    "Lexicon",
    "Match",
    "Media",
    "Person",
    "QuietHours",
    "Reach",
    "ReachTier",
    "Rule",
    "Source",
    "Spike",
    "Strict",
    "Thresholds",
    "Velocity",
    "Weights",
]

Key = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,62}$")]
_CLOCK = r"^([01]\d|2[0-3]):[0-5]\d$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Brand(Strict):
    name: str = Field(min_length=1)
    handles: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    languages: list[Literal["es", "en"]] = Field(default_factory=lambda: ["es", "en"], min_length=1)  # type: ignore[arg-type]


class Competitor(Strict):
    name: str = Field(min_length=1)
    handles: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)


class QuietHours(Strict):
    """Local times (the person's time zone) when only critical pages reach them."""

    start: str = Field(pattern=_CLOCK)
    end: str = Field(pattern=_CLOCK)

    def __str__(self) -> str:
        return f"{self.start}-{self.end}"


class Leave(Strict):
    """A period the person is away: they are skipped, at once, by every escalation level."""

    start: datetime = Field(alias="from")
    end: datetime = Field(alias="to")

    model_config = Strict.model_config | {"populate_by_name": True}

    @model_validator(mode="after")
    def _sane(self) -> Leave:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("leave times need an offset, e.g. 2026-08-01T00:00:00+02:00")
        if self.end <= self.start:
            raise ValueError("leave ends after it starts")
        return self


class DecisionScope(Strict):
    """What a person may decide on the spot; shown on their cards, used by the replies issue."""

    max_discount_percent: float = Field(default=0, ge=0, le=100)
    may_offer: list[str] = Field(default_factory=list)


class Person(Strict):
    id: Key
    name: str = Field(min_length=1)
    role: Role
    title: str | None = None
    language: Literal["es", "en"] = "en"
    languages: list[str] = Field(default_factory=list)
    timezone: str = "UTC"
    handles: list[str] = Field(default_factory=list)
    quiet_hours: QuietHours | None = None
    decides: DecisionScope = Field(default_factory=DecisionScope)
    manager: Key | None = None
    leave: list[Leave] = Field(default_factory=list)
    digest_at: str | None = Field(default=None, pattern=_CLOCK)  # local time of the daily digest of `low`

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (use an IANA name such as Europe/Madrid)") from None
        return value


SourceKind = Literal["generic", "x", "meta", "linkedin", "youscan", "octolens"]
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class Source(Strict):
    """Where mentions come from. The webhook URL of a source is `/webhooks/{id}`; docs/sources.md per kind.

    Secrets are never written here: `secret_env` (one name, or two while rotating) and `verify_token_env`
    (Meta only) name environment variables. `brand_account_ids` lists the brand's own accounts on that
    platform (ids, @handles or URNs); their posts are skipped. Left out, the brand's `handles` are used.
    """

    id: Key
    kind: SourceKind
    secret_env: list[str] = Field(min_length=1, max_length=2)
    verify_token_env: str | None = None
    brand_account_ids: list[str] | None = None

    @field_validator("secret_env", mode="before")
    @classmethod
    def _one_or_two(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("secret_env")
    @classmethod
    def _env_names(cls, value: list[str]) -> list[str]:
        for name in value:
            _check_env_name(name)
        if len(value) == 2 and value[0] == value[1]:
            raise ValueError(f"names {value[0]!r} twice; while rotating, name the new and the old variable")
        return value

    @field_validator("verify_token_env")
    @classmethod
    def _token_name(cls, value: str | None) -> str | None:
        return None if value is None else _check_env_name(value)

    @field_validator("brand_account_ids")
    @classmethod
    def _ids(cls, value: list[str] | None) -> list[str] | None:
        if value is not None and any(not i.strip() or i.strip() == "@" for i in value):
            raise ValueError("an account id is empty")
        return value

    @model_validator(mode="after")
    def _per_kind(self) -> Source:
        if self.kind == "meta" and self.verify_token_env is None:
            raise ValueError(
                "kind meta needs verify_token_env: the variable holding the verify token typed into the Meta app"
            )
        if self.kind != "meta" and self.verify_token_env is not None:
            raise ValueError(f"verify_token_env is only for kind meta, not {self.kind}")
        if self.kind == "generic" and self.brand_account_ids is not None:
            raise ValueError("brand_account_ids is not used by kind generic (send only mentions that are not yours)")
        return self


def _check_env_name(name: str) -> str:
    if not _ENV_NAME.fullmatch(name):
        raise ValueError(
            f"{name!r} is not an environment variable name (letters, digits and _; the secret itself "
            "never goes in the playbook)"
        )
    return name


def check_regexes(value: list[str]) -> list[str]:
    for pattern in value:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"regex {pattern!r} does not compile: {exc}") from None
    return value


class Match(Strict):
    """What a rule looks for. Words match whole words, ignoring case, accents and punctuation; `*` ends a prefix."""

    any: list[str] = Field(default_factory=list)
    all: list[str] = Field(default_factory=list)
    none: list[str] = Field(default_factory=list)
    regex: list[str] = Field(default_factory=list)

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        return check_regexes(value)

    @model_validator(mode="after")
    def _not_empty(self) -> Match:
        if not (self.any or self.all or self.regex):
            raise ValueError("a match needs at least one of any, all or regex")
        return self


class Rule(Strict):
    """A brand-specific rule: adds `score` points (and a severity floor) when `match` holds."""

    name: Key
    lane: Lane | None = None
    match: Match
    score: float = Field(default=1.0, ge=0)
    severity: Severity | None = None
    topic: Key | None = None
    requires: list[Lane] = Field(default_factory=list)
    negatable: bool = False


class Lexicon(Strict):
    """Additions to and removals from the built-in Spanish and English lexicons, by kind."""

    extend: dict[Kind, list[str]] = Field(default_factory=dict)
    remove: dict[Kind, list[str]] = Field(default_factory=dict)


class ReachTier(Strict):
    name: Key
    followers: int = Field(ge=0)
    points: float = Field(ge=0)
    influencer: bool = False


def _default_tiers() -> list[ReachTier]:
    return [
        ReachTier(name="notable", followers=10_000, points=1),
        ReachTier(name="influencer", followers=100_000, points=2, influencer=True),
        ReachTier(name="celebrity", followers=1_000_000, points=5, influencer=True),
    ]


class Reach(Strict):
    """Author reach: the highest tier the author's followers reach, plus points for verified and VIP authors."""

    tiers: list[ReachTier] = Field(default_factory=_default_tiers)
    verified_points: float = Field(default=1, ge=0)
    vips: list[str] = Field(default_factory=list)
    vip_points: float = Field(default=3, ge=0)


class Media(Strict):
    outlets: list[str] = Field(default_factory=list)
    journalists: list[str] = Field(default_factory=list)


class Velocity(Strict):
    """Engagement velocity: likes + 2×replies + 3×(reposts + quotes), per hour since `created_at`."""

    viral_per_hour: float = Field(default=1000, gt=0)
    min_interactions: int = Field(default=100, ge=0)


class Spike(Strict):
    """Volume over baseline, per lane and topic, in 5-minute buckets (see docs/playbook.md)."""

    enabled: bool = True
    floor: int = Field(default=10, ge=1)
    ratio: float = Field(default=3.0, ge=1)
    alpha: float = Field(default=0.001, gt=0, lt=1)
    cooldown_minutes: float = Field(default=30, ge=0)
    cold_start_per_bucket: float = Field(default=2.0, gt=0)
    lanes: list[Lane] = Field(
        default_factory=lambda: [Lane.COMPLAINT, Lane.CHURN, Lane.LEGAL, Lane.SAFETY, Lane.COMPETITOR]
    )


class Weights(Strict):
    """Points each built-in signal adds. Every point shows up in the reasons."""

    complaint: float = 3
    complaint_extra: float = 0.5
    churn: float = 4
    churn_to_competitor: float = 3
    competitor: float = 1
    comparison: float = 2
    poaching: float = 3
    ask_alternative: float = 2
    legal: float = 4
    safety: float = 8
    severe_harm: float = 5  # a generic severe-harm marker in a complaint about us (money taken, a body hurt, …)
    severe_harm_extra: float = 3  # each further kind of marker in the same mention
    severe_harm_alone: float = 1  # one marker with no complaint around it: a reason, not a page
    media: float = 1
    media_story: float = 4
    executive: float = 2
    viral: float = 4.5
    viral_quiet: float = 1
    spike: float = 3


class Thresholds(Strict):
    """Score needed for each severity; built-in floors (churn, legal: high; safety: critical) come on top."""

    critical: float = 8.0
    high: float = 5.0
    medium: float = 3.0
    low: float = 1.0
