"""The decision-speed report over a history driven through time with a FrozenClock: every figure is
checked exactly, and the charts are real PNGs with axes drawn on them."""

from __future__ import annotations

import asyncio
import base64
import io
import json
import re
import struct
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.pool import NullPool

from bot.actions.permissions import authorize
from bot.actions.replies import ConversationKind, open_conversation, record_reply
from bot.actions.service import Action, apply_action
from bot.cli_report import report as report_command
from bot.clock import FrozenClock
from bot.db.engine import create_engine, create_session_factory
from bot.db.migrate import upgrade
from bot.db.models import Escalation
from bot.escalation.deadlines import sweep_due
from bot.escalation.directory import load_directory
from bot.escalation.people import sync_people
from bot.escalation.pipeline import process_pending
from bot.escalation.report import Report, Stat, build_report, median, parse_since, percentile
from bot.escalation.report_charts import KEY_CHART, fmt_seconds, render_charts
from bot.rules import Playbook, compile_playbook, parse_playbook
from tests.escalation.test_policy_scenarios import CHATS, PLAYBOOK, at
from tests.support.factories import link, mention, store

# The scenario playbook plus a second lane: `lawsuit` is legal and critical.
REPORT_PLAYBOOK = PLAYBOOK.replace(
    "rules:\n", "rules:\n  - {name: lawsuit, lane: legal, match: {any: [lawsuit]}, score: 10, severity: critical}\n"
)
SINCE, NOW = at(9, 30), at(7, 0, day=6)


class History:
    """Mentions arrive, are triaged two (or four) seconds later, and people act at set times."""

    def __init__(self, session: AsyncSession, playbook: Playbook, clock: FrozenClock) -> None:
        self.session, self.playbook, self.clock = session, playbook, clock

    async def arrive(self, key: str, text: str, when: datetime, *, triage_after: int = 2) -> Escalation:
        self.clock.set(when)
        await store(self.session, mention(key, text=text, thread_id=key), now=when)
        self.clock.set(when + timedelta(seconds=triage_after))
        await process_pending(self.session, compile_playbook(self.playbook), self.clock.now())
        found = await self.session.scalar(select(Escalation).order_by(Escalation.id.desc()).limit(1))
        assert found is not None
        return found

    async def sweep(self, when: datetime) -> None:
        self.clock.set(when)
        directory = await load_directory(self.session, self.playbook.people, self.playbook.rotations, now=when)
        await sweep_due(self.session, directory, when)
        await self.session.flush()

    async def act(self, escalation: Escalation, action: Action, who: str, when: datetime) -> None:
        self.clock.set(when)
        await apply_action(self.session, escalation.id, action, telegram_user_id=CHATS[who], now=when)

    async def reply(self, escalation: Escalation, who: str, when: datetime) -> None:
        self.clock.set(when)
        actor = await authorize(self.session, escalation.id, telegram_user_id=CHATS[who])
        conversation = await open_conversation(
            self.session, actor, kind=ConversationKind.REPLY, origin="own", chat_id=CHATS[who], now=when, text="On it."
        )
        await record_reply(self.session, conversation, actor, self.playbook, when)


def s(hour: int, minute: int, second: int, day: int = 5) -> datetime:
    return at(hour, minute, day) + timedelta(seconds=second)


async def build_history(session: AsyncSession, clock: FrozenClock) -> None:
    """Monday 5 January 2026, Madrid; Sofía on call (primary, quiet hours 22–07), Marc secondary, then Ana.
    Deadline of every case: opened + 5 min (level 1) + 15 min (respond) = opened + 20 min."""
    playbook = parse_playbook(REPORT_PLAYBOOK)
    clock.set(at(8, 0))
    await sync_people(session, playbook, clock.now())
    for key, chat in CHATS.items():
        await link(session, key, telegram_user_id=chat, now=clock.now())
    h = History(session, playbook, clock)

    # Z (before the report's window): acknowledged and resolved by Sofía; must not count anywhere.
    z = await h.arrive("z", "crisis at the old shop", at(9, 0))
    await h.act(z, Action.ACKNOWLEDGE, "sofia", s(9, 1, 0))
    await h.act(z, Action.RESOLVE, "sofia", s(9, 2, 0))

    # A: critical complaint; Sofía acknowledges in 3 min and answers within the deadline.
    a = await h.arrive("a", "crisis: no service", at(9, 40))
    await h.act(a, Action.ACKNOWLEDGE, "sofia", s(9, 43, 2))
    await h.reply(a, "sofia", s(9, 50, 2))

    # B: critical complaint + legal, triaged in 4 s; nobody answers level 1, Marc acknowledges, replies late.
    b = await h.arrive("b", "crisis and a lawsuit", at(10, 0), triage_after=4)
    await h.sweep(s(10, 5, 4))
    await h.act(b, Action.ACKNOWLEDGE, "marc", s(10, 7, 4))
    await h.reply(b, "marc", s(10, 30, 4))

    # D: critical legal; nobody answers two levels; Ana says "Not relevant".
    d = await h.arrive("d", "lawsuit threatened", at(12, 0))
    await h.sweep(s(12, 5, 2))
    await h.sweep(s(12, 10, 2))
    await h.act(d, Action.NOT_RELEVANT, "ana", s(12, 12, 2))

    # C: high complaint at 23:30; Sofía is in quiet hours (skipped), Marc acknowledges but never replies;
    # reminded at 23:46, the respond deadline passes at 23:51 and Ana (level 3) answers at 23:55.
    c = await h.arrive("c", "worry about my bill", at(23, 30))
    await h.act(c, Action.ACKNOWLEDGE, "marc", s(23, 31, 2))
    await h.sweep(s(23, 46, 2))
    await h.sweep(s(23, 51, 2))
    await h.reply(c, "ana", s(23, 55, 2))

    # E: critical on Tuesday 06:50, still open at the report's `now` (07:00), deadline 07:10: not yet due.
    await h.arrive("e", "crisis again", at(6, 50, day=6))
    await session.flush()


@pytest.fixture
async def report(db_session: AsyncSession, clock: FrozenClock) -> Report:
    await build_history(db_session, clock)
    return await build_report(db_session, since=SINCE, now=NOW)


def st(count: int, median: float | None, p90: float | None) -> Stat:
    return Stat(count=count, median=median, p90=p90)


async def test_overall_figures(report: Report) -> None:
    overall = report.overall
    assert (overall.escalations, overall.acknowledged, overall.responded) == (5, 3, 3)
    assert overall.to_first_page == st(5, 2.0, 3.2)  # [2, 2, 2, 2, 4]
    assert overall.to_ack == st(3, 180.0, 372.0)  # A 180, B 420, C 60
    assert overall.to_first_response == st(3, 1502.0, 1743.6)  # A 602, C 1502, B 1804
    # A answered in time; B and C late; D past its deadline unanswered; E not due yet.
    assert (overall.deadline_due, overall.within_deadline, overall.share_within_deadline) == (4, 1, 0.25)


async def test_per_severity_and_lane(report: Report) -> None:
    critical, high = report.by_severity
    assert (critical.key, critical.escalations, critical.acknowledged, critical.responded) == ("critical", 4, 2, 2)
    assert critical.to_first_page == st(4, 2.0, 3.4)
    assert critical.to_ack == st(2, 300.0, 396.0)
    assert critical.to_first_response == st(2, 1203.0, 1683.8)
    assert (critical.deadline_due, critical.within_deadline) == (3, 1)
    assert critical.share_within_deadline == pytest.approx(1 / 3)
    assert (high.key, high.escalations, high.to_ack, high.to_first_response) == (
        "high",
        1,
        st(1, 60.0, 60.0),
        st(1, 1502.0, 1502.0),
    )
    assert (high.deadline_due, high.within_deadline, high.share_within_deadline) == (1, 0, 0.0)

    complaint, legal = report.by_lane
    assert (complaint.key, complaint.escalations, complaint.to_first_response) == (
        "complaint",
        4,  # A, B, C, E
        st(3, 1502.0, 1743.6),
    )
    assert (legal.key, legal.escalations, legal.acknowledged, legal.to_first_response) == (
        "legal",
        2,  # B, D
        1,
        st(1, 1804.0, 1804.0),
    )
    assert (legal.deadline_due, legal.within_deadline) == (2, 0)


async def test_cases_past_level_one_and_why(report: Report) -> None:
    assert report.beyond_level_1 == 3
    assert report.beyond_reasons == {"no_answer": 2, "no_reply_in_time": 1, "quiet_hours": 1}
    why = {(c.severity, tuple(c.lanes), c.highest_level, tuple(c.reasons)) for c in report.beyond_cases}
    assert why == {
        ("critical", ("complaint", "legal"), 2, ("no_answer",)),  # B
        ("critical", ("legal",), 3, ("no_answer",)),  # D
        ("high", ("complaint",), 3, ("no_reply_in_time", "quiet_hours")),  # C
    }


async def test_per_person(report: Report) -> None:
    rows = {p.person: p for p in report.people}
    assert [p.person for p in report.people] == ["sofia", "marc", "ana"]
    sofia, marc, ana = rows["sofia"], rows["marc"], rows["ana"]
    # Sofía: paged for A, B, D, E (skipped for C); acknowledged A 180 s after her page; replied 600 s after.
    assert (sofia.pages, sofia.escalations_paged, sofia.acknowledged, sofia.responses) == (4, 4, 1, 1)
    assert (sofia.median_to_ack, sofia.median_to_response) == (180.0, 600.0)
    # Marc: paged for B (10:05:04), D, C; acknowledged B after 120 s and C after 60 s; replied to B after 1500 s.
    assert (marc.pages, marc.acknowledged, marc.responses) == (3, 2, 1)
    assert (marc.median_to_ack, marc.median_to_response) == (90.0, 1500.0)
    # Ana: paged for D and C; no acknowledgement ("Not relevant" is not one); replied to C 240 s after her page.
    assert (ana.pages, ana.acknowledged, ana.responses, ana.median_to_ack, ana.median_to_response) == (
        2,
        0,
        1,
        None,
        240.0,
    )
    assert (ana.name, ana.role) == ("Ana Ruiz", "executive")


async def test_noisy_rules(report: Report) -> None:
    # "lawsuit threatened" fired the playbook's rule and the built-in legal signal; both fired in B and D.
    assert [(r.rule, r.not_relevant, r.fired_in) for r in report.noisy_rules] == [("lawsuit", 1, 2), ("legal", 1, 2)]


async def test_window_excludes_older_cases_and_is_json(db_session: AsyncSession, clock: FrozenClock) -> None:
    await build_history(db_session, clock)
    everything = await build_report(db_session, since=at(0, 0), now=NOW)
    assert everything.overall.escalations == 6  # Z too
    nothing = await build_report(db_session, since=NOW + timedelta(minutes=1), now=NOW + timedelta(hours=1))
    assert nothing.overall.escalations == 0
    assert nothing.overall.share_within_deadline is None
    assert render_charts(nothing) == {}
    again = Report.model_validate_json(everything.model_dump_json())
    assert again == everything


def test_percentiles_interpolate_between_closest_ranks() -> None:
    assert median([]) is None
    assert median([5.0]) == 5.0
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0], 90) == pytest.approx(9.1)
    assert percentile([10.0, 20.0], 100) == 20.0
    assert percentile([10.0, 20.0], 0) == 10.0


def test_since_accepts_durations_and_dates() -> None:
    assert parse_since("7d", NOW) == NOW - timedelta(days=7)
    assert parse_since("12h", NOW) == NOW - timedelta(hours=12)
    assert parse_since("2026-01-01", NOW) == datetime(2026, 1, 1, tzinfo=NOW.tzinfo)
    with pytest.raises(ValueError, match="duration"):
        parse_since("last week", NOW)


def test_seconds_read_as_people_say_them() -> None:
    assert [fmt_seconds(v) for v in (None, 2, 89, 270, 5400, 9000)] == ["—", "2 s", "89 s", "4.5 min", "1.5 h", "2.5 h"]


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, after checking the PNG signature."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def assert_drawn(data: bytes) -> None:
    """A real chart: a sane size, and more than a blank canvas (axes, bars and labels are dark pixels)."""
    width, height = png_size(data)
    assert width >= 600, width
    assert height >= 200, height
    assert len(data) > 10_000
    image = Image.open(io.BytesIO(data)).convert("L")
    dark = sum(image.histogram()[:128])
    assert dark > 0.005 * width * height, "nothing drawn"


async def test_charts_are_drawn(report: Report) -> None:
    charts = render_charts(report)
    assert list(charts) == [KEY_CHART, "lanes", "escalated", "people", "noisy_rules"]
    for data in charts.values():
        assert_drawn(data)


async def _committed_history(url: str) -> None:
    engine = create_engine(url, poolclass=NullPool)
    try:
        await upgrade(engine)
        async with create_session_factory(engine)() as session, session.begin():
            await build_history(session, FrozenClock())
    finally:
        await engine.dispose()


def test_the_command_writes_html_with_its_charts_embedded_and_as_files(empty_db_url: str, tmp_path: Path) -> None:
    asyncio.run(_committed_history(empty_db_url))
    env = {"DIRECTO_DATABASE_URL": empty_db_url}
    period = ["--since", SINCE.isoformat(), "--until", NOW.isoformat()]
    result = CliRunner().invoke(report_command, [*period, "--out", str(tmp_path / "out")], env=env)
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["report.html", "speed.png", "lanes.png", "escalated.png", "people.png", "noisy_rules.png"]
    )
    html = (out / "report.html").read_text(encoding="utf-8")
    embedded = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)
    assert len(embedded) == 5
    for encoded, name in zip(embedded, ["speed", "lanes", "escalated", "people", "noisy_rules"], strict=True):
        data = base64.b64decode(encoded)
        assert data == (out / f"{name}.png").read_bytes()
        assert_drawn(data)
    assert "5 escalations, 3 acknowledged, 3 answered" in html
    assert "<td>25% (1/4)</td>" in html

    as_json = CliRunner().invoke(report_command, [*period, "--format", "json"], env=env)
    assert as_json.exit_code == 0, as_json.output
    figures = json.loads(as_json.output)
    assert figures["overall"]["to_first_response"] == {"count": 3, "median": 1502.0, "p90": 1743.6}
    assert figures["beyond_reasons"] == {"no_answer": 2, "no_reply_in_time": 1, "quiet_hours": 1}

    markdown = CliRunner().invoke(report_command, [*period, "--format", "md", "--out", str(tmp_path / "md")], env=env)
    assert markdown.exit_code == 0, markdown.output
    assert "![Decision speed by severity](speed.png)" in (tmp_path / "md" / "report.md").read_text(encoding="utf-8")


def test_the_command_refuses_a_bad_period(tmp_path: Path) -> None:
    env = {"DIRECTO_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'none.db'}"}
    result = CliRunner().invoke(report_command, ["--since", "yesterday"], env=env)
    assert result.exit_code == 2
    assert "duration" in result.output
