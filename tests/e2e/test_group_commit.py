"""Group commit under concurrency, on each backend (on PostgreSQL: the one-statement path): every request gets
its own counts, duplicates across and within concurrent requests are stored once, and the stored rows are the
same as the session path writes them."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from bot.db.models import Mention
from tests.support.app_server import app_settings, running_app


async def test_concurrent_requests_share_commits_and_each_mention_is_stored_once(empty_db_url: str) -> None:
    async with running_app(app_settings(empty_db_url, pipeline_process=False)) as app:
        assert app.runtime.worker is not None
        await app.runtime.worker.stop()  # keep the rows as the writer stored them

        def body(i: int) -> dict[str, object]:
            return {
                "mentions": [
                    {"id": f"g{i}", "text": f"número {i} ✓", "author": {"handle": f"@a{i}"}, "thread_id": "t"},
                    {"id": f"g{i // 2}", "text": f"número {i // 2} ✓", "author": {"handle": f"@a{i // 2}"}},
                ]
            }

        responses = await asyncio.gather(*(app.post_mentions(body(i), msg_id=f"msg_g{i}") for i in range(40)))
        assert {r.status_code for r in responses} == {202}
        counts = [r.json() for r in responses]
        assert sum(c["accepted"] for c in counts) == 40
        assert sum(c["accepted"] + c["duplicates"] for c in counts) == 80
        assert app.runtime.sessions is not None
        async with app.runtime.sessions() as session:
            assert await session.scalar(select(func.count()).select_from(Mention)) == 40
            row = await session.scalar(select(Mention).where(Mention.external_id == "g7"))
        assert row is not None
        assert row.status == "pending"
        assert row.attempts == 0
        assert row.author_handle == "@a7"
        assert row.payload["text"] == "número 7 ✓"
        assert row.received_at.tzinfo is not None
