"""What a card shows about its case's thread: the newest posts, how many distinct authors, their summed reach."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import FrozenClock
from bot.db.models import Card
from bot.escalation.cards import LATEST_REPLIES, load_card_view
from bot.escalation.people import sync_people
from bot.escalation.pipeline import process_pending
from bot.rules import Playbook, compile_playbook
from tests.support.factories import link, mention, store


async def test_card_counts_distinct_authors_and_their_reach_and_shows_the_newest_posts(
    db_session: AsyncSession, example_playbook: Playbook, clock: FrozenClock
) -> None:
    await sync_people(db_session, example_playbook, clock.now())
    await link(db_session, "ana", telegram_user_id=1001, now=clock.now())
    posts = [
        mention("m0", thread_id="t1", author={"handle": "@Lucia", "followers": 1200}),
        mention("m1", thread_id="t1", author={"handle": "@lucia", "followers": 1500}),  # same author, grown
        mention("m2", thread_id="t1", author={"name": "Pablo", "followers": 300}),
        mention("m3", thread_id="t1", author={"handle": "@nadie"}),  # no follower count
        mention("m4", thread_id="t1"),  # no author at all: counted on their own
        mention("m5", thread_id="t1", author={"handle": "@eva", "followers": 40}),
    ]
    await store(db_session, *posts, now=clock.now())
    await process_pending(db_session, compile_playbook(example_playbook), clock.now())
    card = await db_session.scalar(select(Card))
    assert card is not None

    loaded = await load_card_view(db_session, card.id, clock.now())

    assert loaded is not None
    _, view = loaded
    assert view.mention_count == 6
    assert view.authors == 5, "@Lucia and @lucia are one author"
    assert view.reach == 1500 + 300 + 40
    assert [p.author for p in view.latest] == ["@eva", "?", "@nadie"][:LATEST_REPLIES]


async def test_a_case_of_one_mention_shows_its_author_and_reach_without_counting(
    db_session: AsyncSession, example_playbook: Playbook, clock: FrozenClock
) -> None:
    await sync_people(db_session, example_playbook, clock.now())
    await link(db_session, "ana", telegram_user_id=1001, now=clock.now())
    await store(
        db_session, mention("solo", thread_id="t9", author={"handle": "@rooney", "followers": 15300}), now=clock.now()
    )
    await process_pending(db_session, compile_playbook(example_playbook), clock.now())
    card = await db_session.scalar(select(Card))
    assert card is not None

    loaded = await load_card_view(db_session, card.id, clock.now())

    assert loaded is not None
    _, view = loaded
    assert (view.mention_count, view.authors, view.reach, view.latest) == (1, 1, 15300, ())
