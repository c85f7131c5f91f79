"""Team chats: Telegram groups (or forum supergroups) that mirror every escalation for the whole team.

```yaml
team_chats:
  - id: crisis-room          # a short name, for logs and docs
    chat_id: -1001234567890  # the group's id (negative); the bot leaves any group not listed here
    forum: true              # a forum supergroup: one topic per escalation
    language: es             # the language of the cards and posts there
```
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from bot.rules.sections import Strict

__all__ = ["TeamChat", "team_chat_ids"]


class TeamChat(Strict):
    id: str = Field(min_length=1, max_length=100, pattern=r"^[a-z0-9][a-z0-9_-]*$")
    chat_id: int = Field(lt=0)  # groups, supergroups and forums have negative ids
    forum: bool = False
    language: Literal["es", "en"] = "en"


def team_chat_ids(team_chats: list[TeamChat]) -> frozenset[int]:
    return frozenset(chat.chat_id for chat in team_chats)
