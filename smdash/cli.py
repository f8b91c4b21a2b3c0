"""The command line, over the same functions as the pages.

python -m smdash import [--db PATH] [--end-date YYYY-MM-DD] [--platform facebook|instagram]
                        [--new-accounts] FILE_OR_FOLDER...
python -m smdash summary [--db PATH] --from YYYY-MM-DD --to YYYY-MM-DD [--json]
python -m smdash history [--db PATH]
python -m smdash undo [--db PATH] IMPORT_ID
python -m smdash kpi [--db PATH] --objective ID [--json]
python -m smdash best-times [--db PATH] --network NET [--figure engagement_rate] [--json]
python -m smdash report [--db PATH] --period 2026-10 [--lang es] --out FILE.pdf|FILE.xlsx
python -m smdash report [--db PATH] --send [--today YYYY-MM-DD] [--secrets FILE]
python -m smdash plan [--db PATH] [--period 2026-10] [--lang es] --out FILE.pdf|FILE.xlsx
python -m smdash user add NAME --role editor|viewer [--password-stdin]
python -m smdash user list | user remove NAME | user password NAME [--password-stdin]
python -m smdash backup [--db PATH] [--out FILE] [--keep N]
python -m smdash restore FILE [--db PATH] [--yes]
python -m smdash calendar [--db PATH] --ics FILE [--from YYYY-MM-DD --to YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
from pathlib import Path

from smdash.access import audit, roles
from smdash.core import settings
from smdash.core.errors import UserError
from smdash.core.i18n import LANGUAGES, format_date, format_number, t
from smdash.db import copies, store
from smdash.imports.errors import ImportFailed
from smdash.imports.history import import_history_rows
from smdash.imports.questions import PLATFORMS
from smdash.imports.refusal_log import refused_files
from smdash.metrics.summary import FIGURES, summary

# Start-up time: the modules here load only DuckDB and smdash's light modules, so that --help,
# history and summary start fast (no pandas, numpy, pyarrow, argon2). A command that needs a
# heavier module imports it in its handler, each marked "start-up time".


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-10-31, got {text!r}") from exc


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m smdash", description="smdash command line")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="DuckDB file (default: $SMDASH_DB or data/smdash.duckdb)")
    common.add_argument("--lang", choices=LANGUAGES, default="en", help="language of messages")
    commands = parser.add_subparsers(dest="command", required=True)
    imp = commands.add_parser(
        "import", parents=[common], help="import export files, or the new files of folders"
    )
    imp.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="FILE_OR_FOLDER",
        help="a file is imported; a folder's files (sub-folders too) unless imported before",
    )
    imp.add_argument(
        "--end-date",
        type=_date,
        help="for dates without a year (TikTok Studio): the file's last day, or the day it was "
        "downloaded (default: the most recent such day up to today)",
    )
    imp.add_argument(
        "--platform",
        choices=PLATFORMS,
        help="for a Meta daily series whose title does not say the network (default: the "
        "last answer, else facebook)",
    )
    imp.add_argument(
        "--new-accounts",
        action="store_true",
        help="import accounts new to the workspace too (without it, a file that would add an "
        "account to a network that has one is refused, naming the account)",
    )
    summ = commands.add_parser("summary", parents=[common], help="figures per network")
    summ.add_argument("--from", dest="date_from", type=_date, required=True)
    summ.add_argument("--to", dest="date_to", type=_date, required=True)
    summ.add_argument("--json", action="store_true", help="print one JSON object")
    commands.add_parser("history", parents=[common], help="list imports")
    undo = commands.add_parser("undo", parents=[common], help="undo one import")
    undo.add_argument("import_id", type=int)
    kpi = commands.add_parser("kpi", parents=[common], help="an objective's KPI progress")
    kpi.add_argument("--objective", type=int, required=True, help="objective id")
    kpi.add_argument("--json", action="store_true", help="print one JSON object")
    best = commands.add_parser(
        "best-times", parents=[common], help="a network's best weekday and hour to post"
    )
    best.add_argument("--network", required=True, help="facebook, instagram, x, tiktok, ...")
    best.add_argument(
        "--figure",
        choices=("engagement_rate", "reach", "link_clicks"),
        default="engagement_rate",
        help="the figure a time is rated by (median per post)",
    )
    best.add_argument("--json", action="store_true", help="print one JSON object")
    rep = commands.add_parser(
        "report", parents=[common], help="the executive summary as a file, or e-mailed"
    )
    rep.add_argument("--period", help="2026-10, 2026-Q4, 2026 or 2026-10-01..2026-10-15")
    rep.add_argument("--out", type=Path, help="FILE.pdf or FILE.xlsx")
    rep.add_argument(
        "--send",
        action="store_true",
        help="e-mail the PDF and XLSX to each user who asked for it, when their cadence says so",
    )
    rep.add_argument("--today", type=_date, help="with --send: run as if on this day")
    rep.add_argument(
        "--secrets", type=Path, help="with --send: the [smtp] settings (.streamlit/secrets.toml)"
    )
    plan = commands.add_parser(
        "plan", parents=[common], help="the whole plan (toolkit, strategy, review) as a file"
    )
    plan.add_argument(
        "--period", help="the calendar's and actions' period (default: the review cycle)"
    )
    plan.add_argument("--out", type=Path, required=True, help="FILE.pdf or FILE.xlsx")
    user = commands.add_parser("user", help="accounts: add, list, remove, password, audit")
    actions = user.add_subparsers(dest="user_command", required=True)
    add = actions.add_parser("add", parents=[common], help="add an account")
    add.add_argument("name")
    add.add_argument("--role", choices=roles.ROLES, required=True)
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    actions.add_parser("list", parents=[common], help="list accounts")
    rem = actions.add_parser("remove", parents=[common], help="remove an account")
    rem.add_argument("name")
    pw = actions.add_parser("password", parents=[common], help="set an account's password")
    pw.add_argument("name")
    pw.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    actions.add_parser("audit", parents=[common], help="the latest writes and who made them")
    back = commands.add_parser("backup", parents=[common], help="copy the database, consistently")
    back.add_argument("--out", type=Path, help="write it here (default: data/backups/)")
    back.add_argument(
        "--keep", type=int, help="from now on keep the newest N backups in data/backups/"
    )
    rest = commands.add_parser("restore", parents=[common], help="put a backup back")
    rest.add_argument("file", type=Path, help="the backup to put back")
    rest.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    cal = commands.add_parser("calendar", parents=[common], help="write the calendar as ICS")
    cal.add_argument("--ics", type=Path, required=True, help="the iCalendar file to write")
    cal.add_argument("--from", dest="date_from", type=_date, help="first day (default: all)")
    cal.add_argument("--to", dest="date_to", type=_date, help="last day (default: all)")
    return parser


def _import(args) -> int:
    from smdash.imports.accounts import CONFIRMED, NEW_ACCOUNTS, listed
    from smdash.imports.folder import entries, import_entries  # start-up time: pyarrow, parsers
    from smdash.imports.sniff import IMPORTABLE_SUFFIXES

    found = entries(args.paths)
    imported = skipped = failed = 0
    answers = {"end_date": args.end_date and args.end_date.isoformat(), "platform": args.platform}
    answers = {key: value for key, value in answers.items() if value}
    if args.new_accounts:
        answers[NEW_ACCOUNTS] = CONFIRMED
    with store.connect(args.db):  # the file is there and up to date before the first import
        pass
    for outcome in import_entries(lambda: store.connect(args.db), found.files, answers):
        name = outcome.entry.name
        if outcome.error is not None:
            failed += 1
            print(f"{name}: ERROR {_import_error(outcome.error, args.lang)}")
        elif outcome.before is not None:
            skipped += 1
            import_id, status = outcome.before
            key = "import.cli.undone_before" if status == "undone" else "import.cli.already"
            print(t(key, args.lang, file=name, id=import_id))
        else:
            imported += 1
            result = outcome.result
            c = result.counts
            sources = " + ".join(part.format.name for part in result.prepared.parts)
            notes = "".join(
                f"; {t(f'import_skipped.{part.skip_reason}', args.lang, count=part.skipped)}"
                for part in result.prepared.parts
                if part.skipped
            )
            print(
                f"{name}: {sources}: {c.added} added, "
                f"{c.updated} updated, {c.unchanged} unchanged (import #{result.import_id})"
                f"{notes}"
            )
            for question in result.prepared.questions:  # what a choice the file lacked became
                flag = "--" + question.key.replace("_", "-")
                print(f"  {flag} {question.answer}: {question.message(args.lang)}")
            if result.new_accounts:
                confirmed = listed(result.new_accounts, args.lang)
                print(
                    "  --new-accounts:", t("accounts.cli_confirmed", args.lang, accounts=confirmed)
                )
    if any(path.is_dir() for path in args.paths):  # a folder's run ends with its totals
        counts = {"imported": imported, "skipped": skipped, "failed": failed}
        counts["ignored"] = len(found.ignored)
        suffixes = ", ".join(s.lstrip(".").upper() for s in IMPORTABLE_SUFFIXES)
        print(t("import.cli.summary", args.lang, **counts, suffixes=suffixes))
    return 1 if failed else 0


def _import_error(exc: Exception, lang: str) -> str:
    if isinstance(exc, UserError):
        return exc.message(lang)
    if isinstance(exc, store.StoreError):
        return exc.message(lang)
    return t("import.unexpected", lang, error=f"{type(exc).__name__}: {exc}")


def _summary(args) -> int:
    if args.date_to < args.date_from:
        print("--to must not be before --from", file=sys.stderr)
        return 2
    with store.connect(args.db) as con:
        result = summary(con, args.date_from, args.date_to)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    header = ["network", *FIGURES]
    print("\t".join(header))
    for name, figures in [*result["networks"].items(), ("total", result["total"])]:
        cells = [format_number(figures[f], args.lang) for f in FIGURES]
        print("\t".join([name, *cells]))
    return 0


def _history(args) -> int:
    with store.connect(args.db) as con:
        columns, rows = import_history_rows(con)
        refused = refused_files(con)
    keep = [i for i, (name, _) in enumerate(columns) if name != "sha256"]
    print(_frame_text([columns[i] for i in keep], [[row[i] for i in keep] for row in rows]))
    if refused:
        print(f"\n{t('refused.cli_title', args.lang)}")
    for r in refused:
        shown = [f"{r.refused_at:%Y-%m-%d %H:%M:%S}", r.file_name, r.detected or "-"]
        print("\t".join([*shown, r.reason.message(args.lang), t(r.next_step, args.lang)]))
    return 0


def _frame_text(columns: list[tuple[str, str]], rows: list) -> str:
    """The rows laid out as pandas' ``DataFrame.to_string(index=False)`` lays out their ``.df()``
    (how ``history`` printed them before it stopped loading pandas), byte for byte.

    Columns are right-aligned, one space apart; numbers' headers get one more space in front.
    Missing values: <NA> for integers, NaN for text (None when the whole column is missing),
    NaT for dates and times.
    """
    if not rows:
        return "Empty DataFrame\nColumns: [{}]\nIndex: []".format(", ".join(n for n, _ in columns))
    cells = []
    for i, (name, kind) in enumerate(columns):
        values = [row[i] for row in rows]
        if kind in ("INTEGER", "BIGINT"):
            name, shown = " " + name, ["<NA>" if v is None else str(v) for v in values]
        elif kind == "VARCHAR":
            missing = "None" if all(v is None for v in values) else "NaN"
            shown = [missing if v is None else _escaped(v) for v in values]
        elif kind in ("DATE", "TIMESTAMP"):
            shown = _datetimes(values)
        else:
            raise ValueError(f"no plain-text layout for {kind} (column {name})")
        width = max(len(name), *map(len, shown))
        cells.append([name.rjust(width), *(text.rjust(width) for text in shown)])
    return "\n".join(" ".join(line) for line in zip(*cells, strict=True))


def _escaped(text: str) -> str:
    return text.replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")


def _datetimes(values: list) -> list[str]:
    """Dates alone when every time is midnight, else times with the fraction of a second that
    the column needs: none, milliseconds or microseconds."""
    times = [v for v in values if isinstance(v, dt.datetime)]
    if all(v.time() == dt.time() for v in times):
        layout, digits = "%Y-%m-%d", 0
    else:
        micro = [v.microsecond for v in times]
        digits = 6 if any(m % 1000 for m in micro) else 3 if any(micro) else 0
        layout = "%Y-%m-%d %H:%M:%S"

    def text(value) -> str:
        fraction = f".{value.microsecond:06d}"[: digits + 1] if digits else ""
        return value.strftime(layout) + fraction

    return ["NaT" if v is None else text(v) for v in values]


def _undo(args) -> int:
    from smdash.imports.pipeline import undo_import  # start-up time: it loads the parsers

    with store.connect(args.db) as con:
        try:
            undo_import(con, args.import_id)
        except ImportFailed as exc:
            print(f"ERROR {exc.message(args.lang)}")
            return 1
    print(t("import.undone", args.lang, id=args.import_id))
    return 0


def _kpi(args) -> int:
    from smdash.plan import objectives  # start-up time: it loads numpy and pandas

    with store.connect(args.db) as con:
        objective = objectives.get_objective(con, args.objective)
        if objective is None:
            print(f"ERROR no objective with id {args.objective}", file=sys.stderr)
            return 1
        result = objectives.progress(con, objective).as_json()
    result["kpi"], result["scope"] = objective.kpi, objective.scope
    result["forecast_method"] = t(f"objectives.method.{result['forecast_method']}", args.lang)
    if result["current"] is None:
        source = objectives.kpis.KPIS[objective.kpi].source
        result["what_to_import"] = objectives.what_to_import(source, objective.scope, args.lang)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    for name, value in result.items():
        shown = format_number(value, args.lang, 2) if isinstance(value, float) else value
        print(f"{name}\t{'' if shown is None else shown}")
    return 0


def _best_times(args) -> int:
    from smdash.metrics import best_times  # start-up time: it loads the export formats
    from smdash.metrics.time_zone import workspace_zone

    scope = best_times.Scope(args.network, figure=args.figure)
    with store.connect(args.db) as con:
        best, cells, zone = (
            best_times.best(con, scope),
            best_times.cells(con, scope),
            workspace_zone(con),
        )
    if args.json:
        result = {
            "network": args.network,
            "figure": args.figure,
            "timezone": zone,
            "best": [cell.as_json() for cell in best],
            "cells": [cell.as_json() for cell in cells],
        }
        print(json.dumps(result, ensure_ascii=False))
        return 0
    print(t("best_times.cli.title", args.lang, network=args.network, zone=zone))
    print(t("best_times.cli.rule", args.lang, posts=best_times.MIN_POSTS))
    if not cells:
        print(t("best_times.cli.none", args.lang))
        return 0
    best_rank = {(c.weekday, c.hour): rank for rank, c in enumerate(best, 1)}
    print(t("best_times.cli.header", args.lang))
    decimals = 2 if args.figure == "engagement_rate" else 0
    for cell in cells:
        day = t(f"links.weekday.{cell.weekday - 1}", args.lang)
        value = (
            t("best_times.too_few", args.lang)
            if cell.value is None
            else format_number(cell.value, args.lang, decimals)
        )
        rank = best_rank.get((cell.weekday, cell.hour), "")
        print(f"{day} {cell.hour:02d}:00\t{cell.posts}\t{value}\t{rank}")
    return 0


def _report(args) -> int:
    from smdash import executive  # the PDF libraries load only for this command
    from smdash.reports import executive_report

    if args.send:
        if args.period or args.out:
            print(f"ERROR {t('mailing.cli.no_period', args.lang)}", file=sys.stderr)
            return 2
        return _send_reports(args)
    if not (args.period and args.out) or args.today or args.secrets:
        print(f"ERROR {t('mailing.cli.needs_period', args.lang)}", file=sys.stderr)
        return 2

    def write(con):
        period = executive.parse_period(args.period)
        return period, executive_report.write_report(con, period, args.lang, args.out)

    return _write_file(args, write, "executive.cli.written")


def _plan(args) -> int:
    from smdash import executive  # start-up time: the PDF libraries
    from smdash.reports import plan_content, plan_document

    def write(con):
        if args.period:
            period = executive.parse_period(args.period)
        else:
            period = plan_content.plan_period(con)
        return period, plan_document.write_plan(con, period, args.lang, args.out)

    return _write_file(args, write, "plandoc.cli.written")


def _write_file(args, write, written: str) -> int:
    """``write(con) -> (period, file)`` and say so; a bad period or file name exits 2, a file
    that cannot be written 1."""
    from smdash import executive

    try:
        with store.connect(args.db) as con:
            period, out = write(con)
    except executive.InvalidInput as exc:
        print(f"ERROR {exc.message(args.lang)}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"ERROR {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(t(written, args.lang, period=period.label(args.lang), file=out))
    return 0


def _send_reports(args) -> int:
    """E-mail the reports that are due; exit 1 when any send failed (it is tried again on the
    next run), 2 when the SMTP settings are missing."""
    from smdash.reports import mailing  # start-up time: the PDF libraries

    today = args.today or dt.date.today()
    with store.connect(args.db) as con:
        items = mailing.prepare(con, today)
    if not items:
        print(t("mailing.cli.none_due", args.lang))
        return 0
    code = 0
    try:
        errors = mailing.deliver(mailing.smtp_settings(args.secrets), items)
    except mailing.MailSettingsMissing as exc:
        errors, code = [str(exc)] * len(items), 2
    with store.connect(args.db) as con:
        mailing.record_results(con, items, errors)
    for item, error in zip(items, errors, strict=True):
        to, period = item.due.to, item.due.period.label(args.lang)
        if error:
            line = t("mailing.cli.failed", args.lang, period=period, name=to.name, email=to.email)
            print(f"ERROR {line} {error}", file=sys.stderr)
            code = code or 1
        else:
            print(t("mailing.cli.sent", args.lang, period=period, name=to.name, email=to.email))
    if code:
        print(t("mailing.cli.retry", args.lang), file=sys.stderr)
    return code


def _password(args) -> str:
    from smdash.access import auth  # start-up time: it loads argon2

    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat the password: ") != first:
        raise auth.InvalidAccount("auth.password_mismatch")
    return first


def _user(args) -> int:
    from smdash.access import auth  # start-up time: it loads argon2

    try:
        with store.connect(args.db) as con:
            if args.user_command == "list":
                for row in auth.users(con):
                    flags = [f for f in ("demo_password", "locked") if row[f]]
                    print("\t".join([row["name"], row["role"], *flags]))
            elif args.user_command == "audit":
                print(audit.trail(con).to_string(index=False))
            elif args.user_command == "remove":
                auth.remove_user(con, args.name)
                print(f"removed {args.name}")
            elif args.user_command == "add":
                name = auth.add_user(con, args.name, args.role, _password(args))
                print(f"added {name} ({args.role})")
            else:
                auth.set_password(con, args.name, _password(args))
                print(f"password of {args.name} changed")
    except roles.AuthError as exc:
        print(f"ERROR {exc.message(args.lang)}", file=sys.stderr)
        return 1
    return 0


def _backup(args) -> int:
    with store.connect(args.db) as con:
        if args.keep is not None:
            from smdash import workspace  # start-up time: it loads the import parsers

            try:
                workspace.set_backup_keep(con, args.keep)
            except UserError as exc:
                print(f"ERROR {exc.message(args.lang)}", file=sys.stderr)
                return 2
        try:
            made = copies.save(con, "manual", out=args.out)
        except (copies.CopyFailed, ValueError) as exc:
            print(f"ERROR {exc}", file=sys.stderr)
            return 1
        keep = copies.keep_count(con)
    size = format_number(made.stat().st_size / 2**20, args.lang, 1)
    print(t("backup.cli.written", args.lang, file=made, size=size))
    if args.out is None:
        print(t("backup.cli.kept", args.lang, count=keep, folder=made.parent))
    return 0


def _restore(args) -> int:
    from smdash.db import backup

    target = store.db_path(args.db)
    try:
        info = backup.inspect(args.file, target)
    except backup.RestoreRefused as exc:
        print(f"ERROR {exc.message(args.lang)}", file=sys.stderr)
        return 1
    made = f"{format_date(info.made.date(), args.lang)} {info.made:%H:%M}"
    print(
        t("restore.cli.plan", args.lang, file=info.path, made=made, count=info.imports, db=target)
    )
    if target.exists():
        print(t("restore.cli.aside", args.lang, db=target.name))
    if not args.yes and not _confirmed(t("restore.cli.ask", args.lang)):
        print(t("restore.cli.cancelled", args.lang))
        return 1
    try:
        restored = backup.restore(info.path, target)
    except backup.RestoreRefused as exc:
        print(f"ERROR {exc.message(args.lang)}", file=sys.stderr)
        return 1
    print(t("restore.cli.done", args.lang, file=info.path, db=target))
    if restored.schema != info.schema:
        print(t("restore.cli.upgraded", args.lang, old=info.schema, new=restored.schema))
    if restored.aside:
        print(t("restore.cli.kept_aside", args.lang, aside=restored.aside))
    return 0


def _calendar(args) -> int:
    from smdash.metrics.time_zone import workspace_zone
    from smdash.plan import calendar_export  # start-up time: pandas

    if args.date_from and args.date_to and args.date_to < args.date_from:
        print(f"ERROR {t('calendar.cli.bad_range', args.lang)}", file=sys.stderr)
        return 2
    try:
        with store.connect(args.db) as con:
            data = calendar_export.ics(con, args.date_from, args.date_to, args.lang)
            zone = workspace_zone(con)
    except UserError as exc:
        print(f"ERROR {exc.message(args.lang)}", file=sys.stderr)
        return 1
    try:
        args.ics.write_bytes(data)
    except OSError as exc:
        print(f"ERROR {t('calendar.cli.write_failed', args.lang, file=args.ics, error=exc)}")
        return 1
    count = data.count(b"BEGIN:VEVENT")
    print(t("calendar.cli.written", args.lang, count=count, file=args.ics, zone=zone))
    return 0


def _confirmed(question: str) -> bool:
    """The user typed yes (or sí); no answer (no terminal) is a no."""
    try:
        answer = input(question)
    except EOFError:
        return False
    return answer.strip().lower() in ("yes", "sí", "si")


COMMANDS = {
    "user": _user,
    "import": _import,
    "summary": _summary,
    "history": _history,
    "undo": _undo,
    "kpi": _kpi,
    "best-times": _best_times,
    "report": _report,
    "plan": _plan,
    "backup": _backup,
    "restore": _restore,
    "calendar": _calendar,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if problems := settings.problems():
        for problem in problems:
            print(f"ERROR {problem.message(getattr(args, 'lang', 'en'))}", file=sys.stderr)
        return 2
    try:
        return COMMANDS[args.command](args)
    except store.DatabaseUnreadable as exc:
        print(f"ERROR {_unreadable(exc, args.lang)}", file=sys.stderr)
        return 3
    except store.StoreError as exc:
        print(f"ERROR {exc}", file=sys.stderr)
        return 3


def _unreadable(exc: store.DatabaseUnreadable, lang: str) -> str:
    """What the app says of a damaged database file, with the newest backup and the command."""
    lines = [t("error.unreadable", lang, file=exc.path, error=exc.detail)]
    if exc.backup:
        made = f"{format_date(exc.backup.made.date(), lang)} {exc.backup.made:%H:%M}"
        lines.append(t("error.unreadable_backup", lang, backup=exc.backup.path, made=made))
    else:
        folder = copies.folder(exc.path)
        lines.append(t("error.unreadable_no_backup", lang, folder=folder))
    return "\n".join([*lines, f"    {exc.command}"])


if __name__ == "__main__":
    sys.exit(main())
