"""The task force's tables: counts by week (and by channel and language) for a period, a state or
a jurisdiction, each passed through small-cell suppression before anyone sees it, and a few
plain sentences on what rose or fell, written from the shown numbers only."""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.location import STATES
from bot.trends import MEASURES, WAITS, rows, week_of
from bot.trends.suppress import Shown, Table, suppress

CHANNEL_NAMES = {"sms": "Text", "socketio": "Web chat", "rest": "Other (REST)", "": "Not known"}
LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "": "Not known"}
WAIT_NAMES = dict(zip(WAITS, ["Under 5 minutes", "5 to 15 minutes", "15 to 60 minutes", "Over an hour"], strict=True))


@dataclass(frozen=True)
class Filters:
    start: dt.date
    end: dt.date
    state: str = ""
    jurisdiction: str = ""

    def describe(self) -> str:
        where = self.jurisdiction or STATES.get(self.state, "") or "every place"
        return f"{self.start.isoformat()} to {self.end.isoformat()}, {where}"


def label(value: str) -> str:
    return value.replace("_", " ").capitalize()


def _by_week(found, weeks, measures: dict[str, list[str]], title: str, names: dict | None = None) -> Table:
    """Weeks down, one column per (measure, value) across."""
    columns = [(m, v) for m, values in measures.items() for v in values]
    cells = [[0] * len(columns) for _ in weeks]
    at = {w: i for i, w in enumerate(weeks)}
    where = {c: j for j, c in enumerate(columns)}
    for row in found:
        if (row.measure, row.value) in where and row.week in at:
            cells[at[row.week]][where[(row.measure, row.value)]] += row.count
    heads = [(names or {}).get(v) or label(v or m) for m, v in columns]
    return Table(title, [w.isoformat() for w in weeks], heads, cells)


def tables(session: Session, filters: Filters) -> list[Shown]:
    found = rows(session, filters.start, filters.end, filters.state, filters.jurisdiction)
    weeks, week = [], week_of(filters.start)
    while week <= filters.end:
        weeks.append(week)
        week += dt.timedelta(days=7)
    asked = sorted(
        {r.value for r in found if r.measure == "topic"},
        key=lambda v: (-sum(r.count for r in found if r.value == v), v),
    )
    by_channel = [[0] * len(LANGUAGE_NAMES) for _ in CHANNEL_NAMES]
    languages, channels = list(LANGUAGE_NAMES), list(CHANNEL_NAMES)
    for row in found:
        if row.measure == "topic":
            by_channel[channels.index(row.channel)][languages.index(row.language)] += row.count
    made = [
        _by_week(found, weeks, {"topic": asked}, "Topics asked, by week"),
        _by_week(found, weeks, {"crisis": list(MEASURES["crisis"]), "threat": [""]}, "Crises and threats, by week",
                 {"danger": "Danger now", "self_harm": "Self-harm", "": "Threats, intimidation"}),
        _by_week(found, weeks, {"handoff": list(MEASURES["handoff"])}, "Handoffs to an advocate, by week"),
        _by_week(found, weeks, {"wait": list(WAITS)}, "Waits for an advocate, by week", WAIT_NAMES),
        _by_week(found, weeks, {"referral": ["made", "accepted"], "deletion": [""]},
                 "Referrals and deletions, by week", {"made": "Referrals made", "accepted": "Referrals received",
                                                      "": "Conversations deleted"}),
        Table("Topics asked, by channel and language", [CHANNEL_NAMES[c] for c in channels],
              [LANGUAGE_NAMES[lang] for lang in languages], by_channel),
    ]  # fmt: skip
    return [suppress(t) for t in made if t.rows and t.columns]


def summary(shown: list[Shown]) -> list[str]:
    """What rose or fell between the last two weeks, in the topics and in crises and threats, from
    the numbers shown (a hidden cell is never compared)."""
    lines = []
    for table in shown[:2]:
        if len(table.rows) < 3:  # one week and the total: nothing to compare
            continue
        last, before = len(table.rows) - 2, len(table.rows) - 3
        for j, column in enumerate(table.columns[:-1]):
            now, then = table.value(last, j), table.value(before, j)
            if now is None or then is None or now == then:
                continue
            change = "rose" if now > then else "fell"
            lines.append(f"{column}: {change} from {then} to {now} in the week of {table.rows[last]}.")
    return lines or ["No change large enough to show between the last two weeks."]
