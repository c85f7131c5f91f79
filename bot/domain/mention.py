"""The normalized mention every source adapter produces (the generic JSON form of PRODUCT.md)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = ["EXTRA_FIELDS", "Author", "Metrics", "NormalizedMention"]


class Author(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    handle: str | None = Field(default=None, max_length=200)
    name: str | None = Field(default=None, max_length=400)
    followers: int = Field(default=0, ge=0)
    verified: bool = False


class Metrics(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    reposts: int = Field(default=0, ge=0)
    likes: int = Field(default=0, ge=0)
    replies: int = Field(default=0, ge=0)
    quotes: int = Field(default=0, ge=0)


class NormalizedMention(BaseModel):
    """One post or comment about the brand. `id` and `text` are required; everything else helps triage."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str = Field(min_length=1, max_length=200)
    text: str = Field(max_length=100_000)
    platform: str = Field(default="unknown", max_length=50)
    url: str | None = Field(default=None, max_length=2000)
    language: str | None = Field(default=None, max_length=20)
    created_at: datetime | None = None
    author: Author = Field(default_factory=Author)
    thread_id: str | None = Field(default=None, max_length=200)
    in_reply_to: str | None = Field(default=None, max_length=200)
    metrics: Metrics = Field(default_factory=Metrics)
    # Optional extras the platform adapters fill in (the generic JSON may carry them too; none is required).
    author_id: str | None = Field(default=None, max_length=400)
    """The platform's id of the author (X user id, LinkedIn person URN, Meta user id)."""
    hashtags: tuple[str, ...] = ()
    user_mentions: tuple[str, ...] = ()
    """Accounts the post @mentions, without the @."""
    text_unavailable: bool = False
    """Only ids arrived (Instagram `mentions`, some LinkedIn notifications): the text is to be fetched."""
    author_blocked: bool | None = None
    """X `user_has_blocked`: the brand's account has blocked the author."""
    labels: tuple[str, ...] = ()
    """What the platform or listening tool tagged it with (X rule tags, YouScan / Octolens tags, keywords)."""

    @field_validator("id", "thread_id", "in_reply_to", "author_id", mode="before")
    @classmethod
    def _ids_as_strings(cls, value: object) -> object:
        # Integrations (Zapier and friends) send numeric ids; ids are opaque strings to us.
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("created_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("must be an RFC 3339 time with a time-zone offset")
        return value


EXTRA_FIELDS = ("author_id", "hashtags", "user_mentions", "text_unavailable", "author_blocked", "labels")
"""Optional fields beyond the generic JSON of PRODUCT.md; left out of the stored payload while empty."""
