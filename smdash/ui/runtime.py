"""What every page shares: the language, connections, cached loaders, writes, messages.

``smdash.ui`` is the only place in smdash that imports streamlit. This module holds what every
page uses: pages import it as ``from smdash.ui import runtime as ui``. The database file is
opened per operation; script runs keep it open while they come (``holding_file``), and let
go as they end when the CLI asks for it; cached results are keyed by the file and its data
version, so any write refreshes every page, and what the first visits read most is read ahead
(``read_ahead``).

The one way to read: ``loader``; to write: ``write``; to tell the user how a write went on the
next run: ``flash`` / ``show_flash`` (or ``done``, which flashes and reruns). Session-state
keys are named in ``Keys``.
"""

from __future__ import annotations

import datetime as dt
import gc
import importlib
import pkgutil
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from functools import partial
from pathlib import Path
from typing import Generic, NamedTuple, NoReturn, TypeVar

import pandas as pd
import streamlit as st

from smdash import workspace
from smdash.access import auth, roles
from smdash.core import settings
from smdash.core.errors import UserError
from smdash.core.i18n import (
    DATE_INPUT_FORMATS,
    LANGUAGES,
    date_pattern,
    format_date,
    format_datetime,
    format_money,
    format_number,
    language_from_locale,
    money_title,
    t,
)
from smdash.db import copies, store
from smdash.metrics import summary
from smdash.plan import costs
from smdash.reports.charts import localized, warm_up

WRITE_LOCK = threading.Lock()  # one writer at a time across browser sessions


def _get_ready() -> None:
    """What the first visits would otherwise pay, paid while people sign in: the first chart
    (``warm_up``) and every page's modules imported. Then what is loaded for good is set aside
    from the garbage collector (``gc.freeze``): Streamlit collects every generation after each
    script run, and walking those million objects again each time cost some 0.15 s a run."""
    warm_up()
    for module in pkgutil.iter_modules([str(Path(__file__).parent)]):
        importlib.import_module(f"smdash.ui.{module.name}")
    gc.collect()
    gc.freeze()


# this module is imported by the app's first script run: the rest gets ready in the background
threading.Thread(target=_get_ready, name="smdash-warm-up", daemon=True).start()
CACHE_TTL_SECONDS = 3600

T = TypeVar("T")


class Keys:
    """Every key smdash reads or writes in ``st.session_state`` itself (a widget's own key is
    given where the widget is drawn)."""

    LANG = "ui_lang"  # the chosen language; kept apart from the widget's own state
    LANG_WIDGET = "lang"  # the language selectbox
    USER = "auth_actor"  # the signed-in user of this browser session, checked on every run
    TOKEN = "auth_token"  # the session token of a local account's sign-in
    COOKIE_NONCE = "cookie_nonce"  # the browser is to fetch its session cookie with it
    COOKIE_FORGET = "cookie_forget"  # the browser is to drop its session cookie (signed out)
    RUN_VERSION = "data_version_this_run"  # see data_version()
    FLASH = "flash"  # messages for the next run: [(kind, text)]
    CONFIRM_EMPTY = "confirm_empty"  # the demo banner asks before emptying the workspace
    EMPTY_ERROR = "start_empty_error"  # why the workspace was not emptied (its backup failed)
    UPLOADER_ROUND = "uploader_round"  # a new file uploader after each import
    UPLOAD_DIR = "upload_dir"  # where this session's uploads are saved
    PREVIEWS = "previews"  # what each uploaded file holds, by file id
    REFUSED = "refused_uploads"  # the refused files of the last import, shown until hidden
    UNDO_ASKED = "undo_asked"  # (picker key, import id) whose undo waits for confirmation
    NEXT_CYCLE_ASKED = "next_cycle_asked"  # the cycle whose successor waits for confirmation


# ---------------------------------------------------------------------------------------------
# The language and the text
# ---------------------------------------------------------------------------------------------


LANGUAGE_NAMES = {"es": "Español", "en": "English"}  # each in its own language


# What a script run reads once from the session and uses hundreds of times (every text, every
# amount): reading ``st.session_state`` costs far more than a thread-local. Each run has its own
# thread, which ``new_run`` makes ready; ``new_run`` and a change of the value forget it.
_this_run = threading.local()


def lang() -> str:
    if not getattr(_this_run, "ready", False):  # outside a run started by new_run
        return _session_lang()
    if _this_run.lang is None:
        _this_run.lang = _session_lang()
    return _this_run.lang


def _session_lang() -> str:
    known = st.session_state.get(Keys.LANG)
    if known is None:
        known = st.session_state[Keys.LANG] = language_from_locale(st.context.locale)
    return known


def tr(key: str, **params: object) -> str:
    """The text for ``key``; values filled in (file names, cells) are shown literally."""
    return t(key, lang(), **{k: plain(v) if isinstance(v, str) else v for k, v in params.items()})


# What turns text into markup in Streamlit's Markdown, inline or at a line's start: emphasis,
# code, links, colour tags and emoji (:name[...], :name:), LaTeX, headings, quotes, tables, HTML
# and entities, e-mail autolinks. Line breaks become spaces (a new line could start a heading,
# a quote or a list), a list marker at the start is escaped, and bare URLs are broken up
# (``https\://``, ``www\.``) so they are not turned into links.
_LINE_BREAKS = re.compile(r"[\r\n\v\f\x85\u2028\u2029]+")
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]~$#>|<&@]|:(?=[A-Za-z/])|(?<=www)\.)", re.IGNORECASE)
_LEADING_LIST_MARKER = re.compile(r"^(\s*)([-+]|\d{1,9}(?=[.)]))(?=[.)]?(\s|$|-))")


def said(exc: UserError) -> str:
    """The message of an error the user can fix, in their language, its values shown literally."""
    return exc.message(lang(), plain)


def plain(text: str) -> str:
    """Text from files and users, shown literally by st.markdown & co: no markup, one line."""
    one_line = _LINE_BREAKS.sub(" ", text)
    escaped = _MARKDOWN_SPECIALS.sub(r"\\\1", one_line)
    return _LEADING_LIST_MARKER.sub(_escape_marker, escaped)


def figures_table(figures: list[tuple[str, str]], per_row: int = 3) -> str:
    """Labelled figures as one Markdown table for st.markdown, ``per_row`` to a row (so a phone
    shows them all): one element where a row of st.metric columns takes two for each figure, and
    a page of cards draws several times faster."""

    def row(cells) -> str:
        cells = list(cells)
        return "| " + " | ".join(cells + [""] * (per_row - len(cells))) + " |"

    lines = []
    for start in range(0, len(figures), per_row):
        group = figures[start : start + per_row]
        labels = [plain(label) for label, _ in group]
        if start == 0:
            lines += [row(labels), row(["---"] * per_row)]
        else:
            lines.append(row(f"**{label}**" for label in labels))
        lines.append(row(plain(value) for _, value in group))
    return "\n".join(lines)


def _escape_marker(match: re.Match) -> str:
    indent, marker, _ = match.groups()
    if marker.isdigit():  # "1." starts a numbered list: escape the dot after the number
        return f"{indent}{marker}\\"
    return f"{indent}\\{marker}"


def check_settings() -> None:
    """Stop every page with a message while an SMDASH_* setting holds a value smdash cannot
    use (app.py calls it first)."""
    found = settings.problems()
    if found:
        st.error(tr("settings.title"))
        for problem in found:
            st.error(plain(problem.message(lang())))
        st.stop()


def language_switch() -> None:
    st.sidebar.selectbox(
        t("app.language", lang()),
        LANGUAGES,
        index=LANGUAGES.index(lang()),
        key=Keys.LANG_WIDGET,
        format_func=LANGUAGE_NAMES.get,
        on_change=_choose_language,
    )


def _choose_language() -> None:
    st.session_state[Keys.LANG] = st.session_state[Keys.LANG_WIDGET]
    _this_run.lang = None


def number(value: float | None, decimals: int = 0) -> str:
    return format_number(value, lang(), decimals)


def date(value: dt.date | None) -> str:
    return format_date(value, lang())


def date_time(value: dt.datetime | None) -> str:
    """A moment as the rest of the page writes dates, then the time: 24/03/2026 09:30."""
    return format_datetime(value, lang())


def date_time_pattern() -> str:
    """``date_time`` as a strftime pattern, for a column of moments (``.dt.strftime``)."""
    return f"{date_pattern(lang())} %H:%M"


def date_format() -> str:
    """How every ``st.date_input`` writes its dates: ``format=ui.date_format()``."""
    return DATE_INPUT_FORMATS[lang()]


def date_range(date_from: dt.date | None, date_to: dt.date | None) -> str:
    return f"{format_date(date_from, lang())} – {format_date(date_to, lang())}"


def labels_of(keys, prefix: str) -> dict:
    """Option labels fixed for this run: a widget's format_func must not read the session
    (AppTest calls it outside the script run, where the language is not known)."""
    return {k: tr(f"{prefix}{k}") for k in keys}


def labels_by(options, label: Callable[[T], str]) -> Callable[[T], str]:
    """A widget's format_func that words each option in the run that drew it (AppTest calls
    format_func outside any run, in the default language): ``labels_by(keys, kpi_name)``."""
    return {option: label(option) for option in options}.get


def table(data: pd.DataFrame, **kwargs):
    """``st.dataframe`` with its date and time columns written as the rest of the page writes
    dates (Streamlit's own way is 2026-03-24 00:00:00 in every language)."""
    config = {**date_columns(data), **kwargs.pop("column_config", {})}
    return st.dataframe(data, column_config=config, **kwargs)


def date_columns(frame: pd.DataFrame) -> dict:
    """A column_config for each column of dates or moments (days alone when every time is
    midnight)."""
    day = date_format()
    config = {}
    for name in frame.columns:
        values = frame[name]
        if not pd.api.types.is_datetime64_any_dtype(values):
            continue
        known = values.dropna()
        if (known == known.dt.normalize()).all():
            config[name] = st.column_config.DateColumn(format=day)
        else:
            config[name] = st.column_config.DatetimeColumn(format=f"{day} HH:mm")
    return config


def altair_chart(chart, **kwargs):
    """``st.altair_chart`` in the user's language: every chart is shown through here, so that
    its axes and tooltips write numbers and months as the rest of the page does."""
    return st.altair_chart(unchecked(localized(chart, lang())), **kwargs)


def kept_chart(build: Callable[..., object], *args, **kwargs) -> None:
    """``altair_chart(build(*args))``, the chart built once per database file, data version,
    language and arguments and kept for every session: a layered chart with its annotations
    takes some 0.1 s to build, on every run of the page that shows it. ``build`` reads through
    loaders only (what it shows changes with the data version) and changes nothing it is
    given; the chart it returns is never changed afterwards."""
    st.altair_chart(kept(build, *args), **kwargs)


def kept(build: Callable[..., object], *args) -> object:
    """The chart ``kept_chart`` shows (a page's warmer builds it ahead of the first visit)."""
    name = f"{build.__module__}.{build.__qualname__}"
    _give_way()
    return _kept_chart(name, str(db_file()), data_version(), lang(), args, _build=build)


@st.cache_resource(ttl=CACHE_TTL_SECONDS, max_entries=200, show_spinner=False)
def _kept_chart(name: str, path: str, version: int, language: str, args: tuple, _build):
    return unchecked(localized(_build(*args), language))


def unseen_chart(frame: pd.DataFrame, spec: dict) -> None:
    """A chart drawn out of sight (the sign-in page's, which gets the browser's chart code
    ready): the same component as every Altair chart, from a spec written out, one pixel high;
    no one reads it, so it has nothing to localize."""
    st.vega_lite_chart(frame, spec, height=1)


CHECK_CHARTS = False  # the test suite sets it: every chart a page draws is checked there


def unchecked(chart: T) -> T:
    """``chart`` converted for the browser without Altair's check of the whole spec against the
    Vega-Lite schema, unless CHECK_CHARTS: the check is half the conversion's cost, paid on
    every run for charts the code builds the same way each time (the suite checks them)."""
    if CHECK_CHARTS:
        return chart
    shown = chart.copy(deep=False)  # the caller's chart stays as it was
    # Streamlit converts it with ``to_dict()``; only the top level checks the spec
    object.__setattr__(shown, "to_dict", partial(type(shown).to_dict, shown, validate=False))
    return shown


# ---------------------------------------------------------------------------------------------
# Who is signed in; connections for one read or one write
# ---------------------------------------------------------------------------------------------


def db_file() -> Path:
    ahead = getattr(_this_run, "ahead", None)  # reading ahead: that file
    return Path(ahead[0]) if ahead else store.db_path()


def user() -> roles.Actor:
    """The signed-in user (set by app.py each run), or roles.NOBODY."""
    return st.session_state.get(Keys.USER) or roles.NOBODY


def can_edit() -> bool:
    return user().is_editor


@contextmanager
def database() -> Iterator:
    """A connection for one operation; a busy, damaged or too-new file stops the page with a
    message.

    Any write made through it acts as the signed-in user, so smdash's own role check applies.
    """
    try:
        with store.connect(db_file()) as con, roles.acting_as(user()):
            yield con
    except store.DatabaseUnreadable as exc:
        unreadable(exc)
        st.stop()
    except store.StoreError as exc:
        st.error(exc.message(lang()))  # in the user's words, without the server's paths
        st.stop()


def unreadable(exc: store.DatabaseUnreadable) -> None:
    """A database file that cannot be read whole: what happened, and for an editor the newest
    backup and the command that puts it back (nothing was written to the file). Visitors and
    viewers are told no more than that: the server's paths are for whoever runs it."""
    if not can_edit():
        st.error(tr("error.unreadable_plain"))
        return
    st.error(tr("error.unreadable", file=str(exc.path), error=exc.detail))
    if exc.backup:
        made = f"{date(exc.backup.made.date())} {exc.backup.made:%H:%M}"
        st.info(tr("error.unreadable_backup", backup=str(exc.backup.path), made=made))
    else:
        st.info(tr("error.unreadable_no_backup", folder=str(copies.folder(exc.path))))
    st.code(exc.command, language="bash")


_held = threading.local()  # this script run's hold on the database file (``holding_file``)


class _RunsUnderWay:
    """How many script runs are under way (``holding_file`` counts them): reading ahead gives
    way to them, so a click is not slowed by work done for a later one."""

    def __init__(self) -> None:
        self.count = 0
        self.changed = threading.Condition()

    @contextmanager
    def one(self) -> Iterator[None]:
        with self.changed:
            self.count += 1
        try:
            yield
        finally:
            with self.changed:
                self.count -= 1
                self.changed.notify_all()

    def wait_until_none(self, at_most: float) -> None:
        with self.changed:
            self.changed.wait_for(lambda: self.count == 0, timeout=at_most)


_runs = _RunsUnderWay()
GIVE_WAY_SECONDS = 2.0  # at most, before each read ahead: runs that never end do not stop it


@contextmanager
def holding_file() -> Iterator[None]:
    """The database file kept open for one script run (app.py wraps each run in it), and a
    moment after it (``store.kept_open``).

    A run opens the file for each read that misses the cache (a page's first visit, some
    twenty), and opening a closed file costs far more than one more connection beside an open
    one. The file is let go at the end of the run, or before the run waits on something long
    (``let_go_of_file``), so the CLI waits for it no longer than a page run.
    """
    with ExitStack() as stack:
        stack.enter_context(_runs.one())
        try:
            _held.let_go = stack.enter_context(store.kept_open(db_file()))
        except store.StoreError:
            _held.let_go = None  # the run's first read says what is wrong, in the user's words
        try:
            yield
        finally:
            _held.let_go = None


def let_go_of_file() -> None:
    """End this run's hold on the database file (before reading an upload in a child
    process, which may take minutes): its connections from now on open the file each time."""
    let_go = getattr(_held, "let_go", None)
    if let_go is not None:
        let_go()


@contextmanager
def writing(own_account: bool = False) -> Iterator:
    """A connection for a write by the signed-in user; a viewer is stopped with a message,
    unless ``own_account``: a change to their own account, which smdash itself checks."""
    if not (own_account or can_edit()):
        st.error(tr("auth.read_only"))
        st.stop()
    try:
        with WRITE_LOCK, database() as con:
            yield con
    finally:
        st.session_state.pop(Keys.RUN_VERSION, None)  # what was read before may be stale now


@contextmanager
def system_writing() -> Iterator:
    """A connection for what the app does by itself (the demo on first start, sign-in records)."""
    try:
        with WRITE_LOCK, database() as con, roles.acting_as(roles.SYSTEM):
            yield con
    finally:
        st.session_state.pop(Keys.RUN_VERSION, None)


# ---------------------------------------------------------------------------------------------
# Reading: the one cached-loader helper, keyed by the file and its data version
# ---------------------------------------------------------------------------------------------


def new_run() -> None:
    """Forget the data version the previous run read (app.py calls this at the top of a run)."""
    st.session_state.pop(Keys.RUN_VERSION, None)
    _this_run.lang = _this_run.currency = None
    _this_run.ready = True


def data_version() -> int:
    """The counter every cached loader keys on, read once per run and again after a write of
    this run: each read opens the database file (some 20 ms), and a page has many loaders."""
    ahead = getattr(_this_run, "ahead", None)  # reading ahead: that version
    if ahead:
        return ahead[1]
    if Keys.RUN_VERSION not in st.session_state:
        with database() as con:
            st.session_state[Keys.RUN_VERSION] = store.data_version(con)
    return st.session_state[Keys.RUN_VERSION]


def loader(function: Callable[..., T]) -> Callable[..., T]:
    """``function(con, *args)`` as a cached loader the pages call with ``(*args)``.

    The one way the app reads through the cache: the result is kept per database file, data
    version (read once per run) and arguments, which st.cache_data hashes (dates, strings,
    tuples, frozen dataclasses, frames). Use it on a domain function
    (``load_totals = loader(traffic.totals)``) or as a decorator on a small ``def (con, ...)``.
    """

    def load(path: str, version: int, *args, **kwargs):
        with store.connect(path) as con:
            return function(con, *args, **kwargs)

    # st.cache_data tells functions apart by module and qualified name: one name per loader
    load.__module__, load.__qualname__ = function.__module__, function.__qualname__
    cached = st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)(load)

    def call(*args, **kwargs) -> T:
        try:
            return cached(str(db_file()), data_version(), *args, **kwargs)
        except store.DatabaseUnreadable as exc:  # a damaged block, found as the query read it
            if getattr(_this_run, "ahead", None):
                raise  # reading ahead: the page's own run says what is wrong
            unreadable(exc)
            st.stop()

    def ahead(path: str, version: int, *args, **kwargs) -> T:
        _give_way()
        return cached(path, version, *args, **kwargs)

    call.__name__, call.__doc__ = function.__name__, function.__doc__
    call.ahead = ahead  # for read_ahead, outside any script run
    return call


# ---------------------------------------------------------------------------------------------
# Reading ahead: what the pages' first visits read most, computed once per data version in the
# background while the user signs in or looks at the page they are on. Results land
# in the same cache as the pages' own reads (a page that asks meanwhile waits for the one
# computation, st.cache_data's compute lock), so a first visit finds them ready.
# ---------------------------------------------------------------------------------------------

Reader = Callable[..., object]  # read(loader, *args): a loader's result for this file and version
_ahead: list[tuple[int, Callable[[Reader], None]]] = []
_read_ahead_for: set[tuple[str, int]] = set()
_ahead_lock = threading.Lock()


def ahead_of_visits(place: int) -> Callable[[Callable[[Reader], None]], Callable]:
    """Register ``warm(read)`` (a decorator in a page's ui module): it reads through
    ``read(loader, *args)`` what its page's first visit reads, with the page's default choices.
    ``place`` is the page's place in the editor's menu: the pages next to Overview come first."""

    def register(warm: Callable[[Reader], None]) -> Callable[[Reader], None]:
        _ahead.append((place, warm))
        _ahead.sort(key=lambda item: item[0])
        return warm

    return register


READ_AHEAD = True  # the test suite turns it off: its tests change files between runs


def read_ahead() -> None:
    """Start reading ahead for this run's database file, data version and language, once (app.py
    calls it at the end of every run: the sign-in page's first, then after each import or
    change of language; what was read before is found in the cache)."""
    if not READ_AHEAD:
        return
    key = (str(db_file()), data_version(), lang())
    with _ahead_lock:
        if key in _read_ahead_for:
            return
        _read_ahead_for.add(key)
    threading.Thread(target=_read_ahead, args=key, name="smdash-read-ahead", daemon=True).start()


def _read_ahead(path: str, version: int, language: str) -> None:
    """Every warmer, in this thread as in a run of ``language`` on that file and version: the
    loaders and ``kept`` charts they call find them through db_file(), data_version(), lang()."""

    def read(load, *args):
        return load.ahead(path, version, *args)

    saved = dict(vars(_this_run))
    vars(_this_run).update(ready=True, lang=language, currency=None, ahead=(path, version))
    try:
        for _, warm in list(_ahead):
            try:
                warm(read)
            except Exception:  # noqa: BLE001, S112 - the page's own run reads it again and says what is wrong
                continue
    finally:
        vars(_this_run).clear()
        vars(_this_run).update(saved)


def _give_way() -> None:
    """Reading ahead: wait (GIVE_WAY_SECONDS at most) until no script run is under way. Only
    before a warmer's own read or chart, never inside one: a run may be waiting for it."""
    if getattr(_this_run, "ahead", None):
        _runs.wait_until_none(GIVE_WAY_SECONDS)


load_data_range = loader(summary.data_range)
load_currency = loader(costs.currency)


def money(value: float | None, decimals: int = 2) -> str:
    """An amount in the workspace's currency, written the user's way: ``1.234,50 €``."""
    return format_money(value, lang(), currency(), decimals)


def money_column(title: str) -> str:
    """The title of a column or chart axis of amounts: ``Revenue (€)``."""
    return money_title(title, currency())


def currency() -> str:
    """The workspace's currency, read once per run and data version (a table of amounts asks
    for it once per cell)."""
    if not getattr(_this_run, "ready", False):
        return load_currency()
    version = data_version()
    if _this_run.currency is None or _this_run.currency[0] != version:
        _this_run.currency = (version, load_currency())
    return _this_run.currency[1]


def made_on_click(function: Callable[..., T], *args: object) -> Callable[[], T]:
    """``function(con, *args)`` as a download button's ``data``: the file is made when the
    button is clicked, not on every run of the page (a workbook costs as much as the page).
    It runs outside the page's run, so it reads the database by its path, not the session."""
    return partial(_made, str(db_file()), function, args)


def _made(path: str, function: Callable[..., T], args: tuple) -> T:
    with store.connect(path) as con:
        return function(con, *args)


# ---------------------------------------------------------------------------------------------
# Writing: the one write helper, and the messages shown on the next run
# ---------------------------------------------------------------------------------------------


class Written(NamedTuple, Generic[T]):
    """What a write returned, or the message of the error the user can fix (not both)."""

    value: T | None
    error: str | None


def write(action: Callable[..., T], *args: object, own_account: bool = False) -> Written[T]:
    """The one way the pages write: ``action(con, *args)`` as the signed-in user.

    Returns ``(what it returned, None)``, or ``(None, the message)`` when it raised a
    ``UserError`` (smdash's one base for errors the user can fix), in the user's language.
    """
    try:
        with writing(own_account) as con:
            return Written(action(con, *args), None)
    except UserError as exc:
        return Written(None, said(exc))


FLASH_KINDS = ("success", "error", "warning", "info")


def flash(kind: str, text: str) -> None:
    """A message for the next run (a write is followed by st.rerun): ``kind`` is success,
    error, warning or info, the Streamlit element it is shown in."""
    if kind not in FLASH_KINDS:
        raise ValueError(f"flash kind must be one of {FLASH_KINDS}, not {kind!r}")
    st.session_state.setdefault(Keys.FLASH, []).append((kind, text))


def show_flash() -> None:
    """The messages flashed by the run before, each in its element: st.success, st.error ..."""
    elements = {"success": st.success, "error": st.error, "warning": st.warning, "info": st.info}
    for kind, text in st.session_state.pop(Keys.FLASH, []):
        elements[kind](text)


def tab_sections(
    key: str, sections: dict[str, Callable[[], None]], always: tuple[str, ...] = ()
) -> None:
    """Tabs, labelled ``tr(label key)``, of which only the chosen one runs and is drawn:
    ``{label key: draw}``. Choosing another tab reruns the page; the choice is kept under
    ``key`` in the session, so a write's rerun comes back to the same tab. The messages of the
    run before that the tab does not show itself (``show_flash``) are shown at its top.

    ``always``: the label keys of tabs drawn even while hidden, for a form whose typing must
    outlive a look at another tab (a form's values stay in the browser until it is sent)."""
    labels = [tr(label_key) for label_key in sections]
    tabs = st.tabs(labels, key=key, on_change="rerun")
    for tab, (label_key, draw) in zip(tabs, sections.items(), strict=True):
        if tab.open:
            with tab:
                messages = st.container()
                draw()
            with messages:
                show_flash()
        elif label_key in always:
            with tab:
                draw()


def folded(label: str, key: str, draw: Callable[[], None], expanded: bool = False) -> None:
    """An expander whose content runs and is drawn only while it is open (opening it reruns
    the page): the forms a page holds for each item cost nothing until one is opened.
    ``expanded``: open until the user closes it (when there is nothing yet but the form)."""
    box = st.expander(label, expanded=expanded, key=key, on_change="rerun")
    if box.open:
        with box:
            draw()


def done(error: str | None, success: str | None = None) -> NoReturn:
    """After a write: its error as an error, else ``success`` (if any) as a success, on the run
    that starts now."""
    if error:
        flash("error", error)
    elif success:
        flash("success", success)
    st.rerun()


# ---------------------------------------------------------------------------------------------
# What every page opens with: the workspace, its demo banner, the title
# ---------------------------------------------------------------------------------------------


def start_page(title_key: str) -> None:
    """What every page opens with: the demo banner while in the demo, the title, warnings.

    Called by the pages rather than app.py: widgets in the entry script are not driven by
    AppTest when st.navigation is used (seen with streamlit 1.67), and AppTest reruns a page
    without app.py, so the page forgets the data version the previous run read here too.
    """
    if not user().name:
        st.stop()  # app.py shows only the sign-in page until someone signs in
    new_run()
    workspace_banner()
    st.title(tr(title_key))
    _demo_password_warning()


def workspace_banner() -> None:
    """The demo banner while the demo workspace is in use (set up by the sign-in check,
    ``session.signed_in_user``, which loads the demo on the very first start); the day's
    backup when it is due."""
    with database() as con:
        demo = workspace.is_demo(con)
    if backup_error := _daily_backup():
        st.warning(backup_error)
    if demo:
        _demo_banner()


# When each database file's next daily backup is due, as this process last found out: page
# runs before then cost one look at the clock; the first one after looks at the backups folder
# (another process may have made one) and makes the backup if it is still due.
_daily_due: dict[str, dt.datetime] = {}


def _daily_backup() -> str | None:
    """The day's backup when it is due; the message of its failure, if it failed."""
    key, now = str(db_file()), dt.datetime.now()
    if now < _daily_due.get(key, dt.datetime.min):
        return None
    try:
        with system_writing() as con:
            _, _daily_due[key] = workspace.daily_backup(con, now)
    except workspace.BackupFailed as exc:
        _daily_due[key] = now + dt.timedelta(hours=1)  # try again later, not on every run
        return said(exc)
    return None


def _demo_banner() -> None:
    if not can_edit():  # nothing to do about it: one line, little of a phone's first screen
        st.caption(f":material/info: {tr('demo.banner')}")
        return
    with st.container(border=True):
        st.info(tr("demo.banner"))
        if Keys.EMPTY_ERROR in st.session_state:
            st.error(st.session_state.pop(Keys.EMPTY_ERROR))
        if not st.session_state.get(Keys.CONFIRM_EMPTY):
            st.button(tr("demo.start_empty"), key="start_empty", on_click=_ask_empty, args=(True,))
            return
        _what_start_empty_deletes()
        yes, no = st.columns(2)
        yes.button(
            tr("confirm.empty_yes"), key="confirm_empty_yes", type="primary", on_click=_start_empty
        )
        no.button(tr("demo.cancel"), key="confirm_empty_no", on_click=_ask_empty, args=(False,))


def _what_start_empty_deletes() -> None:
    """Everything starting empty deletes, counted: the demo's and the user's own data alike."""
    with database() as con:
        counts = workspace.what_start_empty_deletes(con)
    if not counts:
        st.warning(tr("confirm.empty_nothing"))
        return
    items = [tr(f"confirm.empty_{kind}", count=n, number=number(n)) for kind, n in counts.items()]
    st.warning("\n".join([tr("confirm.empty_intro"), *(f"- {item}" for item in items)]))


def _demo_password_warning() -> None:
    """An editor is told of every demo password still in use; a viewer of their own."""
    with database() as con:
        names = auth.demo_passwords_in_use(con)
    if names and can_edit():
        st.warning(tr("auth.change_demo", names=", ".join(names)))
    elif user().name in names:
        st.warning(tr("auth.own_demo"))


def _ask_empty(asking: bool) -> None:
    st.session_state[Keys.CONFIRM_EMPTY] = asking


def _start_empty() -> None:
    """Empty the workspace (a backup is made first: when it fails, nothing is deleted)."""
    error = write(workspace.start_empty).error
    if error:
        st.session_state[Keys.EMPTY_ERROR] = error
    st.session_state[Keys.CONFIRM_EMPTY] = False
