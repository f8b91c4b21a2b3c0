"""Questions a file leaves open: where only a choice is missing, smdash asks instead of refusing.

An export may lack one thing the user knows: the year of its dates (TikTok Studio writes
``February 28``), or the network of a series (Meta's ``Follows`` says neither Facebook nor
Instagram). Preparing such a file (``pipeline.prepare``) still reads it, with a default answer,
and lists the ``Question`` it asked on the part (``Part.questions``, ``Prepared.questions``):

- ``key``: what is asked, one of ``KEYS``; the CLI's flag is ``--`` + the key with ``-``
  (``--end-date``, ``--platform``).
- ``choices``: the answers allowed (``PLATFORMS``); empty for a date, given as ``YYYY-MM-DD``.
- ``default``: the answer used when none is given; ``answer``: the one the file was read with
  (the answer given, else the default); ``message(lang)``: what the file lacks and what the
  answer does to it (the default's effect, shown beside the widget in the preview).

``prepare(..., answers={"end_date": "2026-02-28"})`` (and ``import_file``) take the answers by
key; an answer to a question the file does not ask is ignored. The import log keeps the answers
a file was read with (``imports.answers``, JSON). An answer in ``REMEMBERED`` is the default for
the next file that asks the same (setting ``last_answer_<key>``): such files name no account, and
the next one downloaded is most often of the same account.

A format asks in one of two ways:

- its context rule puts an ``Ask`` where a value the rows SQL needs should be
  (``{"platform": Ask(PLATFORM, PLATFORMS, about="Follows")}``): the pipeline puts the answer
  there;
- a date column without a year asks ``END_DATE`` by itself (``parse``): the rows are days up
  to the day of the download; the latest is the most recent such day not after the answer (by
  default the import day) and the others go back from it, across new year if needed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from dataclasses import dataclass, field

import duckdb

from smdash.core.i18n import format_date, t
from smdash.db.store import get_setting, set_setting
from smdash.imports.errors import ImportFailed

END_DATE = "end_date"
PLATFORM = "platform"
KEYS = (END_DATE, PLATFORM)
PLATFORMS = ("facebook", "instagram")
REMEMBERED = (PLATFORM,)
Answers = dict[str, str]
_MESSAGES = {END_DATE: "imports.ask_end_date", PLATFORM: "imports.ask_platform"}


@dataclass(frozen=True)
class Ask:
    """In a format's context: a value the file does not hold, to be asked."""

    key: str
    choices: tuple[str, ...]
    about: str = ""  # what the file says instead (the title 'Follows')


@dataclass(frozen=True)
class Question:
    """A choice a file lacked and the answer it was read with (see the module's text)."""

    key: str
    answer: str
    default: str
    choices: tuple[str, ...] = ()
    detail: dict = field(default_factory=dict)  # what the message names (column, dates, title)

    def message(self, lang: str, literal=lambda text: text) -> str:
        """``literal``: the UI's Markdown escaping, for what the file itself wrote."""
        if self.key == END_DATE:
            d = self.detail
            first, last = (
                format_date(dt.date.fromisoformat(d[k]), lang) for k in ("first", "last")
            )
            return t(
                _MESSAGES[END_DATE],
                lang,
                column=literal(str(d["column"])),
                found=literal(str(d["found"])),
                first=first,
                last=last,
            )
        return t(
            _MESSAGES[PLATFORM],
            lang,
            about=literal(str(self.detail.get("about", ""))),
            answer=t(f"network.{self.answer}", lang),
        )


def answer_to(con, file_name: str, ask: Ask, answers: Answers) -> Question:
    """The question ``ask`` raises, answered from ``answers``, else by the remembered answer,
    else by its first choice."""
    default = remembered(con, ask.key)
    if default not in ask.choices:
        default = ask.choices[0]
    answer = answers.get(ask.key) or default
    if answer not in ask.choices:
        raise ImportFailed(
            "bad_answer", file=file_name, answer=answer, choices=", ".join(ask.choices)
        )
    return Question(ask.key, answer, default, ask.choices, {"about": ask.about})


def end_date_answer(answers: Answers, file_name: str) -> dt.date | None:
    """The answer to ``END_DATE`` as a date, or None when not given."""
    text = (answers.get(END_DATE) or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ImportFailed("bad_end_date", file=file_name, answer=text) from None


def remembered(con: duckdb.DuckDBPyConnection | None, key: str) -> str | None:
    if con is None or key not in REMEMBERED:
        return None
    return get_setting(con, f"last_answer_{key}")


def remember(con: duckdb.DuckDBPyConnection, questions: list[Question]) -> None:
    """Keep the answers that are the next file's default (inside the import's transaction)."""
    for question in questions:
        if question.key in REMEMBERED:
            set_setting(con, f"last_answer_{question.key}", question.answer)


def answers_json(questions: list[Question]) -> str | None:
    """What the import log keeps: each question's answer, by key; None when none was asked."""
    return json.dumps({q.key: q.answer for q in questions}, sort_keys=True) if questions else None


def last_day(month_days: list[tuple[int, int]], end: dt.date) -> dt.date:
    """The date of a file's latest row, given the month and day of each row: the most recent
    such day not after ``end``, in a leap year if the rows hold 29 February."""
    month, day = _latest(month_days)
    last = most_recent(month, day, end)
    while (2, 29) in month_days and not calendar.isleap(_year_of(2, 29, last)):
        last = most_recent(month, day, last - dt.timedelta(days=1))
    return last


def _year_of(month: int, day: int, last: dt.date) -> int:
    """The year of a row with this month and day, in a file whose latest row is ``last``."""
    return last.year if (month, day) <= (last.month, last.day) else last.year - 1


def _latest(month_days: list[tuple[int, int]]) -> tuple[int, int]:
    """The month and day of a file's latest row: the one after which the calendar has its
    longest stretch without rows (the rows are consecutive days, in any order)."""
    days = sorted(dt.date(2000, m, d).timetuple().tm_yday for m, d in set(month_days))
    gaps = [(days[(i + 1) % len(days)] - day) % 366 or 366 for i, day in enumerate(days)]
    last = dt.date(2000, 1, 1) + dt.timedelta(days=days[gaps.index(max(gaps))] - 1)
    return last.month, last.day


def most_recent(month: int, day: int, end: dt.date) -> dt.date:
    """The most recent day with this month and day that is not after ``end`` (for 29
    February, the last one in a leap year)."""
    year = _year_of(month, day, end)
    while month == 2 and day == 29 and not calendar.isleap(year):
        year -= 1
    return dt.date(year, month, day)
