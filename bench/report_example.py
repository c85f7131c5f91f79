"""Build a realistic week of escalations with the real use-cases and a frozen clock, then write the
decision-speed report and its charts: `docs/img/report/*.png` and the Markdown printed on stdout.

    .venv/bin/python bench/report_example.py [OUT_DIR]

Seeded: the same week (and the same charts) every run.
"""

from __future__ import annotations

import asyncio
import random
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.actions.permissions import authorize
from bot.actions.replies import ConversationKind, open_conversation, record_reply
from bot.actions.service import Action, apply_action
from bot.db.engine import create_engine, create_session_factory
from bot.db.mentions import insert_new_mentions, mention_row
from bot.db.models import Escalation, Person, TelegramLink
from bot.domain import NormalizedMention
from bot.errors import ActionRefused
from bot.escalation.deadlines import sweep_due
from bot.escalation.directory import load_directory
from bot.escalation.people import sync_people
from bot.escalation.pipeline import process_pending
from bot.escalation.report import build_report
from bot.report_render import write_report
from bot.rules import compile_playbook, parse_playbook

MADRID = ZoneInfo("Europe/Madrid")
PLAYBOOK = """
brand: {name: Movilia}
people:
  - {id: ana, name: Ana Ruiz, role: executive, title: CEO, timezone: Europe/Madrid, manager: carmen}
  - {id: marc, name: Marc Vidal, role: executive, timezone: Europe/Madrid}
  - {id: sofia, name: Sofía Paz, role: executive, timezone: Europe/Madrid, quiet_hours: {start: "22:00", end: "07:00"}}
  - {id: pablo, name: Pablo Gil, role: executive, timezone: Europe/Madrid, quiet_hours: {start: "23:00", end: "07:00"}}
  - {id: carmen, name: Carmen Sol, role: admin, title: Chair, timezone: Europe/Madrid}
rotations:
  - {id: execs, timezone: Europe/Madrid, handoff: "09:00", shift: 1d, start: 2026-01-05, members: [sofia, pablo],
     secondary: [marc]}
rules:
  - {name: outage, lane: complaint, match: {any: [outage, "no service"]}, score: 10, severity: critical}
  - {name: lawsuit, lane: legal, match: {any: [lawsuit, lawyer]}, score: 10, severity: critical}
  - {name: price-rant, lane: complaint, match: {any: [price, expensive]}, score: 0, severity: high}
  - {name: switching, lane: churn, match: {any: [switching, leaving]}, score: 0, severity: high}
escalation:
  on_call: ana
  policies:
    standard:
      respond_timeout_minutes: 15
      levels:
        - {targets: [{rotation: execs}], ack_timeout: 5m}
        - {targets: [{rotation: execs, layer: secondary}], ack_timeout: 5m}
        - {targets: [{person: ana}], ack_timeout: 10m}
        - {targets: [{manager: true}], ack_timeout: 10m}
  severity_policies: {critical: standard, high: standard}
"""
CHATS = {"sofia": 2001, "pablo": 2002, "marc": 2003, "ana": 2004, "carmen": 2005}
TEXTS = [
    "outage: no service in Valencia since noon",
    "my lawyer will hear about this",
    "the new price is far too expensive",
    "I am switching to Vozzia, leaving Movilia",
    "no service again and a price rise, I am leaving",
    "outage, and a lawsuit is coming",
]


async def week(session: AsyncSession, rng: random.Random) -> tuple[datetime, datetime]:
    book = parse_playbook(PLAYBOOK)
    compiled = compile_playbook(book)
    start = datetime(2026, 1, 5, 9, 30, tzinfo=MADRID)
    await sync_people(session, book, start)
    people = {p.key: p.id for p in (await session.scalars(select(Person))).all()}
    for key, chat in CHATS.items():
        session.add(TelegramLink(person_id=people[key], telegram_user_id=chat, chat_id=chat, linked_at=start))
    await session.flush()
    when = start
    for n in range(42):
        when += timedelta(minutes=rng.randint(40, 330))
        text = rng.choice(TEXTS)
        mention = NormalizedMention.model_validate({"id": f"w{n}", "text": text, "platform": "x", "thread_id": f"w{n}"})
        await insert_new_mentions(session, [mention_row("generic", mention, when)])
        opened = when + timedelta(seconds=rng.choice([1, 2, 2, 3, 5]))
        await process_pending(session, compiled, opened)
        escalation = await session.scalar(select(Escalation).order_by(Escalation.id.desc()).limit(1))
        assert escalation is not None
        await play(session, book, escalation, opened, rng)
    return start, when + timedelta(hours=2)


async def play(session: AsyncSession, book: object, escalation: Escalation, now: datetime, rng: random.Random) -> None:
    """Sweep minute by minute; whoever holds the page may acknowledge, reply, or say "Not relevant"."""
    for minute in range(1, 60):
        at = now + timedelta(minutes=minute)
        directory = await load_directory(session, book.people, book.rotations, now=at)  # type: ignore[attr-defined]
        await sweep_due(session, directory, at)
        if escalation.state in ("responded", "resolved"):
            return
        who = (escalation.current_targets or ["ana"])[0]
        try:
            if escalation.state == "open" and rng.random() < 0.16:
                verdict = Action.NOT_RELEVANT if "price" in str(escalation.reasons) and rng.random() < 0.5 else None
                await apply_action(
                    session, escalation.id, verdict or Action.ACKNOWLEDGE, telegram_user_id=CHATS[who], now=at
                )
            elif escalation.state == "acknowledged" and rng.random() < 0.09:
                owner = await session.get(Person, escalation.owner_person_id)
                assert owner is not None
                actor = await authorize(session, escalation.id, telegram_user_id=CHATS[owner.key])
                conversation = await open_conversation(
                    session,
                    actor,
                    kind=ConversationKind.REPLY,
                    origin="own",
                    chat_id=CHATS[owner.key],
                    now=at,
                    text="On it.",
                )
                await record_reply(session, conversation, actor, book, at)  # type: ignore[arg-type]
        except ActionRefused:
            pass
        await session.flush()


async def main(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite+aiosqlite:///{tmp}/week.sqlite3")
        from bot.db.migrate import upgrade

        await upgrade(engine)
        async with create_session_factory(engine)() as session, session.begin():
            since, until = await week(session, random.Random(20260105))
            report = await build_report(session, since=since, now=until)
        await engine.dispose()
    for path in write_report(report, out, "md"):
        print(path, file=sys.stderr)
    print((out / "report.md").read_text(encoding="utf-8"))


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/img/report")))
