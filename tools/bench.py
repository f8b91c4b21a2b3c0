"""Import benchmark: a 1M-row GA4 CSV and a 100k-row LinkedIn XLSX, timed against baselines.

    python -m tools.bench [--rows 1000000] [--xlsx-rows 100000] [--out DIR] [--profile]

Generates the files deterministically (same content for the same sizes), then runs every
measurement in its own child process, so each starts cold like a real import and its peak
memory (RSS) is its own:

a. DuckDB's bare ``CREATE TABLE t AS SELECT * FROM read_csv(...)`` of the CSV into a fresh file;
b. the full smdash import of the CSV into a fresh database file (target: within 2x of a);
c. a re-import of the same CSV into the same file, every row unchanged (target: within 2x of a);
   for b, the time the database file is held for the write (target: under 1 s): the file is read
   and staged in a child process with the database closed (see ``pipeline.import_path``);
d. the peak RSS of b, read with ``getrusage(RUSAGE_CHILDREN)`` (target: below 1 GiB);
e. the smdash import of the XLSX against reading it with openpyxl (target: smdash 5x faster);
f. the import of the demo files (data/demo), read in this process and in child processes.

Times cover the operation only (open, work, close and checkpoint), not the interpreter's start.
It prints figures and PASS/FAIL per target, and always exits 0: it is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "bench" / "out"
MIB = 1024 * 1024

# ---------------------------------------------------------------------------------------------
# GA4 traffic acquisition CSV

GA4_HEADER = [
    "Date",
    "Session source / medium",
    "Session campaign",
    "Sessions",
    "Engaged sessions",
    "Engagement rate",
    "Average engagement time per session",
    "Event count",
    "Key events",
    "Session key event rate",
    "Total revenue",
]
# the column types DuckDB's sniffer picks for a small GA4 file (see sniff_csv on the fixture)
GA4_DUCKDB_TYPES = {
    "Date": "BIGINT",
    "Session source / medium": "VARCHAR",
    "Session campaign": "VARCHAR",
    "Sessions": "BIGINT",
    "Engaged sessions": "BIGINT",
    "Engagement rate": "DOUBLE",
    "Average engagement time per session": "DOUBLE",
    "Event count": "BIGINT",
    "Key events": "BIGINT",
    "Session key event rate": "DOUBLE",
    "Total revenue": "DOUBLE",
}
SOURCE_MEDIUMS = [
    "google / organic",
    "google / cpc",
    "bing / organic",
    "bing / cpc",
    "yahoo / organic",
    "duckduckgo / organic",
    "ecosia.org / organic",
    "(direct) / (none)",
    "facebook / social",
    "fb / paid_social",
    "facebook / cpc",
    "m.facebook.com / referral",
    "l.facebook.com / referral",
    "lm.facebook.com / referral",
    "instagram / social",
    "ig / social",
    "instagram.com / referral",
    "l.instagram.com / referral",
    "ig / paid_social",
    "linkedin / social",
    "linkedin.com / referral",
    "lnkd.in / referral",
    "linkedin / paid_social",
    "twitter / social",
    "t.co / referral",
    "x.com / referral",
    "tiktok / social",
    "tiktok.com / referral",
    "tiktok / paid_social",
    "youtube.com / referral",
    "m.youtube.com / referral",
    "youtube / video",
    "pinterest.com / referral",
    "reddit.com / referral",
    "newsletter / email",
    "mailchimp / email",
    "brevo / email",
    "chatgpt.com / referral",
    "es.wikipedia.org / referral",
    "(not set) / (not set)",
]
# campaigns tagged on paid, email and social links; organic, referral and direct traffic shows
# GA4's own placeholders
NAMED_CAMPAIGNS = [
    "webinar-sept",
    "otono26",
    "verano26",
    "black-friday-26",
    "navidad26",
    "rebajas-enero",
    "san-valentin",
    "primavera26",
    "lanzamiento-app",
    "newsletter-semanal",
    "newsletter-mensual",
    "retargeting-carrito",
    "prospecting-lookalike",
    "brand-search",
    "generic-search",
    "dia-de-la-madre",
    "vuelta-al-cole",
    "cyber-monday",
    "sorteo-instagram",
    "colaboracion-influencer",
    "evergreen",
]
CAMPAIGN_MEDIUMS = {"cpc", "paid_social", "social", "email"}
PLACEHOLDER_CAMPAIGNS = {"organic": "(organic)", "referral": "(referral)", "(none)": "(direct)"}
GA4_FIRST_DAY = "2019-01-01"
GA4_PROPERTY = "Librería La Nau - GA4"
# lines before the header: the '#' preamble
GA4_PREAMBLE_LINES = 9

# one row per (day, source / medium, campaign); within a day the combinations come in a
# shuffled (but fixed) order, the figures from integer hashing of the row number
_GA4_SQL = """
    WITH g AS (
        SELECT i, i // $combos AS day, (i % $combos) * $stride % $combos AS combo,
               (i * 2654435761 + 40503) % 4294967291 AS h1, (i * 69069 + 1013) % 65521 AS h2
        FROM range($rows) AS r(i)
    ), m AS (
        SELECT *, 1 + h1 % (CASE WHEN combo % 7 = 0 THEN 1500 ELSE 250 END) AS sessions,
               CASE WHEN h2 % 5 = 0 THEN h1 % 7 ELSE 0 END AS key_events
        FROM g
    ), n AS (
        SELECT *, sessions * (25 + h2 % 55) // 100 AS engaged FROM m
    )
    SELECT strftime(CAST($first_day AS DATE) + CAST(day AS INTEGER), '%Y%m%d'),
           list_extract($source_mediums, CAST(combo AS INTEGER) + 1),
           list_extract($campaigns, CAST(combo AS INTEGER) + 1),
           sessions, engaged, printf('%.6f', engaged / sessions),
           printf('%.2f', (h1 % 15000) / 100), sessions * (2 + h2 % 9), key_events,
           printf('%.6f', key_events / sessions),
           printf('%.2f', CASE WHEN key_events > 0 AND h1 % 3 = 0
                               THEN key_events * (9.95 + (h2 % 9000) / 100) ELSE 0 END)
    FROM n
    ORDER BY i
"""


def ga4_combinations() -> list[tuple[str, str]]:
    """Every (source / medium, campaign) a day's report holds (398 of them)."""
    combos = []
    for source_medium in SOURCE_MEDIUMS:
        medium = source_medium.split(" / ")[1]
        campaigns = [PLACEHOLDER_CAMPAIGNS[medium]] if medium in PLACEHOLDER_CAMPAIGNS else []
        campaigns.append("(not set)")
        if medium in CAMPAIGN_MEDIUMS:
            campaigns += NAMED_CAMPAIGNS
        combos += [(source_medium, campaign) for campaign in campaigns]
    return combos


def _stride(combos: int) -> int:
    """A step coprime to ``combos``, so that ``k * stride % combos`` visits every combination."""
    import math

    stride = max(1, combos * 3 // 7)
    while math.gcd(stride, combos) != 1:
        stride += 1
    return stride


def ga4_date_range(rows: int) -> tuple[str, str]:
    import datetime as dt

    first = dt.date.fromisoformat(GA4_FIRST_DAY)
    last = first + dt.timedelta(days=max(rows - 1, 0) // len(ga4_combinations()))
    return first.strftime("%Y%m%d"), last.strftime("%Y%m%d")


def generate_ga4_csv(path: str | Path, rows: int) -> Path:
    """A GA4 traffic acquisition download with a Date dimension: ``rows`` unique rows."""
    import duckdb

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    start, end = ga4_date_range(rows)
    preamble = [
        "# ----------------------------------------",
        "# Traffic acquisition: Session source / medium",
        "# Account: Librería La Nau",
        f"# Property: {GA4_PROPERTY}",
        "# ----------------------------------------",
        "# ",
        "# All Users",
        f"# Start date: {start}",
        f"# End date: {end}",
    ]
    assert len(preamble) == GA4_PREAMBLE_LINES
    body = path.with_name(path.name + ".body")
    combos = ga4_combinations()
    params = {
        "rows": rows,
        "combos": len(combos),
        "stride": _stride(len(combos)),
        "first_day": GA4_FIRST_DAY,
        "source_mediums": [source_medium for source_medium, _ in combos],
        "campaigns": [campaign for _, campaign in combos],
    }
    con = duckdb.connect()
    try:
        con.execute(f"COPY ({_GA4_SQL}) TO '{_sql_path(body)}' (FORMAT csv, HEADER false)", params)
    finally:
        con.close()
    with path.open("wb") as out:
        out.write(("\n".join(preamble + [",".join(GA4_HEADER)]) + "\n").encode("utf-8"))
        with body.open("rb") as handle:
            shutil.copyfileobj(handle, out, 4 * MIB)
    body.unlink()
    return path


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


# ---------------------------------------------------------------------------------------------
# LinkedIn content export XLSX

LINKEDIN_POSTS_NOTE = "All posts published in the selected period, with lifetime metrics."
LINKEDIN_POSTS_HEADER = [
    "Post title",
    "Post link",
    "Post type",
    "Campaign name",
    "Posted by",
    "Created date",
    "Campaign start date",
    "Campaign end date",
    "Audience",
    "Impressions",
    "Views (excluding off-site video views)",
    "Off-site views",
    "Clicks",
    "Click through rate (CTR)",
    "Likes",
    "Comments",
    "Reposts",
    "Follows",
    "Engagement rate",
    "Content Type",
]
LINKEDIN_METRICS_NOTE = "Aggregated metrics for the period. Data is updated daily."
LINKEDIN_METRICS_HEADER = ["Date"] + [
    f"{name} ({kind})"
    for name in (
        "Impressions",
        "Unique impressions",
        "Clicks",
        "Reactions",
        "Comments",
        "Reposts",
        "Engagement rate",
    )
    for kind in ("organic", "sponsored", "total")
]
POST_TITLES = [
    "Webinar gratuito el jueves: inscríbete en el enlace",
    "¡Nuevo horario de verano! ☀️ Os esperamos de 9 a 21h.",
    'Gracias por los 1.000 seguidores 🎉 "sois los mejores"',
    "Promoción otoño: limpieza + revisión por 39 €",
    "Behind the scenes 📸 of our new clinic, with a comma, and quotes",
    "Buscamos talento: oferta de empleo para recepción (media jornada)",
    "5 consejos para cuidar tu sonrisa este verano",
    "Nuestro equipo en la feria del sector, ¡ven a vernos al stand 12!",
    "Caso de éxito: cómo ayudamos a una pyme a duplicar sus citas online",
    "Encuesta: ¿qué horario os viene mejor?",
    "Artículo: la guía completa de la primera visita",
    "Feliz Navidad y próspero año nuevo 🎄",
]
POSTERS = ["Marta López", "Jordi Puig", "Ana García", "Equipo de marketing"]
CONTENT_TYPES = ["Text", "Image", "Video", "Article", "Document", "Poll"]
LINKEDIN_CAMPAIGNS = ["Otoño 26 – captación", "Webinar septiembre", "Marca empleadora"]
LINKEDIN_FIRST_DAY = "2020-01-01"
LINKEDIN_METRICS_DAYS = 90

_LINKEDIN_SQL = """
    WITH g AS (
        SELECT i, (i * 2654435761 + 97) % 4294967291 AS h1, (i * 69069 + 1) % 65521 AS h2
        FROM range($rows) AS r(i)
    ), p AS (
        SELECT *, h2 % 10 = 0 AS sponsored,
               CAST($first_day AS DATE) + CAST((i * 7919) % 2200 AS INTEGER) AS created,
               list_extract($content_types, CAST(h1 % 6 AS INTEGER) + 1) AS content_type,
               100 + h1 % 9000 AS impressions
        FROM g
    ), q AS (
        SELECT *, h2 % (1 + impressions // 20) AS clicks, h1 % (1 + impressions // 30) AS likes,
               h2 % 13 AS comments, h1 % 8 AS reposts, h2 % 5 AS follows
        FROM p
    )
    SELECT list_extract($titles, CAST(h1 % $n_titles AS INTEGER) + 1),
           'https://www.linkedin.com/feed/update/urn:li:activity:'
               || CAST(7300000000000000000 + i AS VARCHAR),
           CASE WHEN sponsored THEN 'Sponsored' ELSE 'Organic' END,
           CASE WHEN sponsored
                THEN list_extract($campaign_names, CAST(h2 % 3 AS INTEGER) + 1) END,
           list_extract($posters, CAST(h2 % 4 AS INTEGER) + 1),
           strftime(created, '%m/%d/%Y'),
           CASE WHEN sponsored THEN strftime(created, '%m/%d/%Y') END,
           CASE WHEN sponsored THEN strftime(created + 14, '%m/%d/%Y') END,
           CASE WHEN sponsored THEN 'Targeted' ELSE 'All followers' END,
           impressions,
           CASE WHEN content_type = 'Video' THEN impressions * (20 + h2 % 60) // 100 END,
           CASE WHEN content_type = 'Video' THEN h1 % 50 END,
           clicks, round(clicks / impressions, 4), likes, comments, reposts, follows,
           round((clicks + likes + comments + reposts + follows) / impressions, 4),
           content_type
    FROM q
    ORDER BY i
"""


def generate_linkedin_xlsx(path: str | Path, rows: int) -> Path:
    """A LinkedIn Page content export: a small ``Metrics`` sheet and ``rows`` posts."""
    import duckdb
    from openpyxl import Workbook

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    params = {
        "rows": rows,
        "first_day": LINKEDIN_FIRST_DAY,
        "content_types": CONTENT_TYPES,
        "titles": POST_TITLES,
        "n_titles": len(POST_TITLES),
        "posters": POSTERS,
        "campaign_names": LINKEDIN_CAMPAIGNS,
    }
    con = duckdb.connect()
    try:
        posts = con.execute(_LINKEDIN_SQL, params).fetchall()
        metrics = con.execute(
            """SELECT strftime(CAST($first_day AS DATE) + CAST(i AS INTEGER), '%m/%d/%Y'),
                      * EXCLUDE (i)
               FROM (SELECT i, """  # noqa: S608 - m<k> columns from range(21)
            + ", ".join(f"(i * {7 + k} + {k * k}) % 400 AS m{k}" for k in range(21))
            + " FROM range($days) AS r(i)) ORDER BY i",
            {"first_day": LINKEDIN_FIRST_DAY, "days": LINKEDIN_METRICS_DAYS},
        ).fetchall()
    finally:
        con.close()
    workbook = Workbook(write_only=True)
    for title, note, header, body in (
        ("Metrics", LINKEDIN_METRICS_NOTE, LINKEDIN_METRICS_HEADER, metrics),
        ("All posts", LINKEDIN_POSTS_NOTE, LINKEDIN_POSTS_HEADER, posts),
    ):
        sheet = workbook.create_sheet(title)
        sheet.append([note])
        sheet.append(header)
        for row in body:
            sheet.append(row)
    workbook.save(path)
    return path


def linkedin_format_available() -> tuple[bool, str]:
    """Whether smdash can import the LinkedIn content export yet, and why not."""
    if importlib.util.find_spec("smdash.imports.formats.linkedin_content") is None:
        return False, "smdash/imports/formats/linkedin_content.py does not exist yet"
    from smdash.imports.formats import all_formats

    if not any(f.kind == "xlsx" and f.target.name == "posts" for f in all_formats()):
        return False, "linkedin_content.py exists but all_formats() has no XLSX posts format"
    return True, ""


# ---------------------------------------------------------------------------------------------
# Measurements, each run in a child process


def _maxrss_mib(kib: int) -> float:
    return kib / 1024  # Linux reports ru_maxrss in KiB


def _fresh(db: str | Path) -> None:
    for suffix in ("", ".wal"):
        Path(str(db) + suffix).unlink(missing_ok=True)


class _Clock:
    """Wall time, and CPU time of all this process's threads, since it was started."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def read(self) -> dict:
        return {
            "seconds": time.perf_counter() - self.wall,
            "cpu_seconds": time.process_time() - self.cpu,
        }


def _duckdb_read(csv: str, db: str, skip: int = GA4_PREAMBLE_LINES) -> dict:
    """DuckDB alone: the CSV into a table of a fresh database file, sniffer first."""
    import duckdb

    attempts = [
        (
            "read_csv(path, skip=?, header=true) (the sniffer decides the rest)",
            "read_csv($path, skip = $skip, header = true)",
            {},
        ),
        (
            "read_csv(path, skip=?, header=true, auto_detect=false, delim=',', quote='\"', "
            "escape='\"', columns=<the 11 GA4 columns with the types the sniffer picks on a small "
            "file: Date/counts BIGINT, rates/time/revenue DOUBLE, source/campaign VARCHAR>)",
            "read_csv($path, skip = $skip, header = true, auto_detect = false, delim = ',', "
            "quote = '\"', escape = '\"', columns = $columns)",
            {"columns": GA4_DUCKDB_TYPES},
        ),
    ]
    errors = []
    for label, call, extra in attempts:
        _fresh(db)
        clock = _Clock()
        con = duckdb.connect(db)
        try:
            con.execute(
                f"CREATE TABLE t AS SELECT * FROM {call}",  # noqa: S608 - call: from the list above
                {"path": csv, "skip": skip, **extra},
            )
        except duckdb.Error as exc:
            errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
            continue
        finally:
            con.close()
        timing = clock.read()
        with duckdb.connect(db, read_only=True) as check:
            rows = check.execute("SELECT count(*) FROM t").fetchone()[0]
        return timing | {
            "rows": rows,
            "how": label.replace("?", str(skip)),
            "sniffer_errors": errors,
        }
    raise RuntimeError("DuckDB could not read the CSV: " + " | ".join(errors))


class _TimedConnection:
    """A DuckDB connection that records how long each ``execute`` takes."""

    def __init__(self, con) -> None:
        self._con = con
        self.log: list[tuple[float, float, str]] = []  # (wall s, cpu s, statement)

    def execute(self, sql, *args):
        clock = _Clock()
        try:
            return self._con.execute(sql, *args)
        finally:
            took = clock.read()
            self.log.append((took["seconds"], took["cpu_seconds"], " ".join(str(sql).split())))

    def __getattr__(self, name):
        return getattr(self._con, name)


def _phase_timer(module, names: list[str], phases: list[tuple[float, float, str]]) -> None:
    """Wrap functions of ``module`` (in this child process only) to time them."""
    for name in names:
        original = getattr(module, name, None)
        if original is None:  # the pipeline has changed: time the phases it still has
            continue

        def timed(*args, _original=original, _name=name, **kwargs):
            clock = _Clock()
            try:
                return _original(*args, **kwargs)
            finally:
                took = clock.read()
                phases.append((took["seconds"], took["cpu_seconds"], _name))

        setattr(module, name, timed)


PROFILED_PHASES = [
    "sniff",
    "sources",
    "detect",
    "detect_parts",
    "_staged_in_one_pass",
    "_stage_carefully",
    "load_raw",
    "parse_fields",
    "_check_stage",
    "_describe",
    "sha256_of",
    "classify_stage",
    "write_stage",
]


def _smdash_import(path: str, db: str, fresh: bool = True, profile: bool = False) -> dict:
    """smdash's ``import_file`` of one file, from opening the database to closing it."""
    import duckdb

    from smdash.access.roles import SYSTEM, acting_as
    from smdash.db import store
    from smdash.imports import isolate, pipeline

    if fresh:
        _fresh(db)
    phases: list[tuple[float, float, str]] = []
    held: list[float] = []  # how long each opening of the database file lasted

    @contextmanager
    def timed_open():
        started = time.perf_counter()
        with store.connect(db) as con:
            yield con
        held.append(time.perf_counter() - started)

    clock = _Clock()
    if profile:  # phases and statements are timed in this process: read here, not in a child
        _phase_timer(pipeline, PROFILED_PHASES, phases)
        with store.connect(db) as raw_con:
            con = _TimedConnection(raw_con)
            result = pipeline.import_file(con, path, isolated=False)
    else:  # as the app and the CLI import: read in a child, the database held for the write
        with acting_as(SYSTEM):
            result = pipeline.import_path(timed_open, path)
    timing = clock.read()
    table = result.prepared.format.target.name
    with duckdb.connect(db, read_only=True) as check:
        rows = check.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608 - a target table name from code
    # a file may hold several exports (parts); the counts are those of the main one
    parts = getattr(result.prepared, "parts", None) or []
    counts = parts[0].counts if parts and parts[0].counts is not None else result.counts
    out = timing | {
        "rows": rows,
        "table": table,
        "format": result.prepared.format.name,
        "parts": [p.format.name for p in parts],
        # which way the main part was staged: straight from the file, or the careful path
        "path": "one pass" if getattr(parts[0], "one_pass", False) else "careful",
        "counts": {
            "added": counts.added,
            "updated": counts.updated,
            "unchanged": counts.unchanged,
        },
        "split": {
            "database held for the write (open, write, checkpoint, close)": held[-1]
            if held
            else timing["seconds"],
            "reading and staging, database closed": timing["seconds"] - sum(held),
        },
        "lock_held_seconds": held[-1] if held else None,
        "reader_peak_rss_mib": isolate.last_peak_kib / 1024 or None,
    }
    if profile:
        out["phases"] = phases
        out["statements"] = con.log
    return out


def _demo_import(isolated: bool, db: str) -> dict:
    """Every demo export (data/demo) into a fresh database on one connection, as the app's
    first start imports them: read in child processes, or in this process (as before)."""
    from smdash.access.roles import SYSTEM, acting_as
    from smdash.core.paths import DEMO_DIR
    from smdash.db import store
    from smdash.imports import pipeline
    from smdash.workspace import demo_files

    _fresh(db)
    files = demo_files(DEMO_DIR)
    clock = _Clock()
    with store.connect(db) as con, acting_as(SYSTEM):
        rows = sum(pipeline.import_file(con, p, isolated=isolated).prepared.rows for p in files)
    return clock.read() | {"rows": rows, "files": len(files)}


def _openpyxl_read(path: str) -> dict:
    """openpyxl's fastest way to read every row: read-only mode, values only, every sheet."""
    from openpyxl import load_workbook

    clock = _Clock()
    workbook = load_workbook(path, read_only=True, data_only=True)
    rows = {}
    for sheet in workbook.worksheets:
        rows[sheet.title] = sum(1 for _ in sheet.iter_rows(values_only=True))
    workbook.close()
    return clock.read() | {"rows": rows.get("All posts", 0) - 2, "sheet_rows": rows}


def _calamine_read(path: str, sheet: str = "All posts") -> dict:
    """python-calamine's read of the posts sheet into Python rows (smdash's XLSX reader)."""
    from python_calamine import CalamineWorkbook

    clock = _Clock()
    rows = CalamineWorkbook.from_path(path).get_sheet_by_name(sheet).to_python()
    return clock.read() | {"rows": len(rows) - 2}


def _generate(kind: str, path: str, rows: int) -> dict:
    clock = _Clock()
    generator = generate_ga4_csv if kind == "csv" else generate_linkedin_xlsx
    generator(path, rows)
    return clock.read() | {"rows": rows, "bytes": Path(path).stat().st_size}


def _linkedin_available() -> dict:
    available, why = linkedin_format_available()
    return {"available": available, "why": why}


# Everything heavy runs in a child, the generators too: on Linux a child's peak RSS (ru_maxrss)
# starts from the parent's own peak, carried over exec, so the parent must stay small.
STEPS = {
    "generate": _generate,
    "linkedin_available": _linkedin_available,
    "duckdb_read": _duckdb_read,
    "smdash_import": _smdash_import,
    "openpyxl_read": _openpyxl_read,
    "calamine_read": _calamine_read,
    "demo_import": _demo_import,
}


def _child(payload: str) -> None:
    """Entry point of a child process: run one step, print its result as JSON."""
    args = json.loads(payload)
    step = STEPS[args.pop("step")]
    try:
        result = step(**args)
    except Exception as exc:  # reported to the parent, which prints it in the table
        result = {"error": f"{type(exc).__name__}: {exc}"}
    result["self_maxrss_mib"] = _maxrss_mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    sys.stdout.write("\n" + json.dumps(result) + "\n")


def run_step(step: str, **args) -> dict:
    """Run one measurement in a fresh Python process and return its result.

    Adds ``peak_rss_mib`` (the child's own peak RSS from ``wait4``) and ``children_maxrss_mib``
    (``getrusage(RUSAGE_CHILDREN).ru_maxrss`` right after the child was reaped: the largest peak
    of any child of this process so far), with ``children_before_mib`` (the same just before).
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    code = "import sys; from tools.bench import _child; _child(sys.argv[1])"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, json.dumps({"step": step, **args})],
        stdout=subprocess.PIPE,
        env=env,
        cwd=str(ROOT),
    )
    output = proc.stdout.read().decode("utf-8", errors="replace")
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    lines = [line for line in output.splitlines() if line.startswith("{")]
    result = json.loads(lines[-1]) if lines else {"error": f"child exit {proc.returncode}"}
    result["peak_rss_mib"] = _maxrss_mib(usage.ru_maxrss)
    result["children_maxrss_mib"] = _maxrss_mib(children)
    result["children_before_mib"] = _maxrss_mib(before)
    return result


# ---------------------------------------------------------------------------------------------
# The benchmark


@dataclass
class Row:
    label: str
    result: dict
    note: str = ""


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    targets: list[tuple[str, str, bool | None]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    results: dict[str, dict | None] = field(default_factory=dict)


def best_of(step: str, repeat: int, **args) -> dict:
    """Run a step ``repeat`` times; the fastest run, with every run's seconds in ``runs``."""
    results = [run_step(step, **args) for _ in range(max(1, repeat))]
    good = [r for r in results if "error" not in r] or results
    best = dict(min(good, key=lambda r: r.get("seconds", float("inf"))))
    best["runs"] = [r.get("seconds") for r in results]
    best["peak_rss_mib"] = max(r["peak_rss_mib"] for r in results)
    # RUSAGE_CHILDREN is a maximum over every child so far: it names this step's peak only
    # when it rose while the step ran (else an earlier child peaked higher)
    risen = [
        r["children_maxrss_mib"]
        for r in results
        if r["children_maxrss_mib"] > r["children_before_mib"]
    ]
    best["rusage_children_peak_mib"] = max(risen) if risen else None
    return best


def _ratio(a: dict | None, b: dict | None, key: str = "seconds") -> float | None:
    if not a or not b or not a.get(key) or not b.get(key):
        return None
    return a[key] / b[key]


def run_benchmark(
    rows: int,
    xlsx_rows: int,
    out: str | Path,
    profile: bool = False,
    reuse: bool = False,
    repeat: int = 1,
    log=print,
) -> Report:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    report = Report()
    csv = out / f"ga4_traffic_{rows}.csv"
    xlsx = out / f"linkedin_content_{xlsx_rows}.xlsx"
    db = out / "bench_import.duckdb"

    for path, kind, count in ((csv, "csv", rows), (xlsx, "xlsx", xlsx_rows)):
        if reuse and path.exists():
            log(f"reusing {path}")
            continue
        made = run_step("generate", kind=kind, path=str(path), rows=count)
        if "error" in made:
            raise RuntimeError(f"could not generate {path}: {made['error']}")
        log(
            f"generated {path} ({made['bytes'] / MIB:.1f} MiB, {count:,} rows) "
            f"in {made['seconds']:.1f} s"
        )

    # The CSV import runs before any other child, so that RUSAGE_CHILDREN read right after it
    # is the peak RSS of that import (RUSAGE_CHILDREN is the largest peak of any child so far).
    log("b. smdash import of the CSV into a fresh database ...")
    first = best_of("smdash_import", repeat, path=str(csv), db=str(db), profile=profile)
    log("c. smdash re-import of the same CSV into the same database ...")
    again = best_of(
        "smdash_import", repeat, path=str(csv), db=str(db), fresh=False, profile=profile
    )
    log("a. DuckDB bare read_csv of the CSV ...")
    bare = best_of("duckdb_read", repeat, csv=str(csv), db=str(out / "bench_bare.duckdb"))
    log("e. openpyxl read of the XLSX ...")
    opx = best_of("openpyxl_read", repeat, path=str(xlsx))
    log("   calamine read of the XLSX ...")
    cal = best_of("calamine_read", repeat, path=str(xlsx))
    found = run_step("linkedin_available")
    available, why = found.get("available", False), found.get("why", found.get("error"))
    xl = None
    if available:
        log("e. smdash import of the XLSX into a fresh database ...")
        xl = best_of(
            "smdash_import",
            repeat,
            path=str(xlsx),
            db=str(out / "bench_xlsx.duckdb"),
            profile=profile,
        )
    log("f. the demo files, read in this process (as before) and in child processes ...")
    demo_here = best_of("demo_import", repeat, isolated=False, db=str(out / "bench_demo.duckdb"))
    demo_child = best_of("demo_import", repeat, isolated=True, db=str(out / "bench_demo.duckdb"))
    report.results = {
        "demo_here": demo_here,
        "demo_child": demo_child,
        "bare": bare,
        "import": first,
        "reimport": again,
        "openpyxl": opx,
        "calamine": cal,
        "xlsx_import": xl,
    }

    report.rows += [
        Row("a. DuckDB read_csv -> table (bare)", bare),
        Row("b. smdash import CSV (fresh db)", first, _counts(first)),
        Row("c. smdash re-import CSV (unchanged)", again, _counts(again)),
        Row("e. openpyxl read XLSX (read_only)", opx),
        Row("   calamine read XLSX posts sheet", cal, "info: smdash's XLSX reader alone"),
    ]
    if xl is not None:
        report.rows.append(Row("e. smdash import XLSX (fresh db)", xl, _counts(xl)))
    files = demo_child.get("files", "?")
    report.rows.append(Row("f. demo files, read in-process", demo_here, f"{files} files"))
    report.rows.append(Row("f. demo files, read in child processes", demo_child, f"{files} files"))
    for key, result in (("b", first), ("c", again), ("e", xl or {})):
        if result.get("reader_peak_rss_mib"):
            report.notes.append(
                f"{key}. peak RSS of the reading process: {result['reader_peak_rss_mib']:.0f} MiB"
            )

    report.targets.append(_target("b. import / bare read <= 2.0x", _ratio(first, bare), 2.0))
    report.targets.append(_target("c. re-import / bare read <= 2.0x", _ratio(again, bare), 2.0))
    peak = first.get("rusage_children_peak_mib")
    source = "RUSAGE_CHILDREN"
    if "error" in first:
        peak = None
    elif peak is None:  # an earlier child (a generator) peaked higher: use the child's own figure
        peak, source = first.get("peak_rss_mib"), "wait4 of the child"
    report.targets.append(
        (
            f"d. peak RSS of the CSV import < 1024 MiB ({source})",
            f"{peak:.0f} MiB" if peak else "n/a",
            peak < 1024 if peak else None,
        )
    )
    lock = first.get("lock_held_seconds")
    if lock is not None:  # (--profile imports in one process, the database open throughout)
        report.targets.append(
            ("b. database held for the CSV import's write < 1.0 s", f"{lock:.2f} s", lock < 1.0)
        )
    if xl is not None and "error" not in xl:
        report.targets.append(
            _target(
                "e. openpyxl read / smdash XLSX import >= 5.0x",
                _ratio(opx, xl),
                5.0,
                higher_is_better=True,
            )
        )
    else:
        reason = why if xl is None else f"the smdash XLSX import failed: {xl['error']}"
        report.notes.append(f"XLSX: {reason}; compared openpyxl with the calamine read instead")
        report.targets.append(
            _target(
                "e. openpyxl read / calamine read >= 5.0x (NOT smdash)",
                _ratio(opx, cal),
                5.0,
                higher_is_better=True,
            )
        )
    cpu = [(name, _ratio(a, bare, "cpu_seconds")) for name, a in (("b", first), ("c", again))]
    report.notes.append(
        "CPU-time ratios to a (less sensitive to other load on the machine): "
        + ", ".join(f"{n} {r:.2f}x" for n, r in cpu if r)
    )
    report.notes.append(f"a. DuckDB read as: {bare.get('how', '?')}")
    for error in bare.get("sniffer_errors", []):
        report.notes.append(f"a. the sniffer's plain read failed first: {error}")
    if repeat > 1:
        report.notes.append(f"seconds are the best of {repeat} runs; peak RSS the largest")
    parent = _maxrss_mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    report.notes.append(
        f"peak RSS is each child's own (wait4); a child's figure cannot read below this "
        f"process's own peak, {parent:.0f} MiB, which Linux carries over exec"
    )
    return report


def _counts(result: dict) -> str:
    counts = result.get("counts")
    if not counts:
        return ""
    staged = f" ({result['path']})" if result.get("path") else ""
    return ", ".join(f"{k} {v:,}" for k, v in counts.items()) + staged


def _target(
    label: str, value: float | None, limit: float, higher_is_better: bool = False
) -> tuple[str, str, bool | None]:
    if value is None:
        return label, "n/a", None
    ok = value >= limit if higher_is_better else value <= limit
    return label, f"{value:.2f}x", ok


def format_report(report: Report, profile_top: int = 12) -> str:
    lines = []
    head = (
        f"{'measurement':<38} {'rows':>10} {'seconds':>8} {'cpu s':>7} {'rows/s':>11} "
        f"{'peak RSS':>10}  note"
    )
    lines += [head, "-" * len(head)]
    for row in report.rows:
        r = row.result
        if "error" in r:
            lines.append(f"{row.label:<38} ERROR {r['error']}")
            continue
        rate = r["rows"] / r["seconds"] if r.get("seconds") else 0
        runs = r.get("runs") or []
        note = row.note
        if len(runs) > 1:
            note = ("runs " + "/".join(f"{x:.2f}" for x in runs if x) + "  " + note).strip()
        lines.append(
            f"{row.label:<38} {r['rows']:>10,} {r['seconds']:>8.2f} {r['cpu_seconds']:>7.2f} "
            f"{rate:>11,.0f} {r['peak_rss_mib']:>6.0f} MiB  {note}"
        )
    lines += ["", f"{'target':<60} {'measured':>10}  result", "-" * 80]
    for label, value, ok in report.targets:
        verdict = "n/a" if ok is None else "PASS" if ok else "FAIL"
        lines.append(f"{label:<60} {value:>10}  {verdict}")
    if report.notes:
        lines.append("")
        lines += [f"note: {n}" for n in report.notes]
    for key in ("import", "reimport", "xlsx_import"):
        r = report.results.get(key) or {}
        if "split" in r:
            split = ", ".join(f"{k} {v:.2f} s" for k, v in r["split"].items())
            lines.append(f"{key}: {split}")
        if "phases" in r:
            lines.append(
                f"  {key} phases (wall/cpu s): "
                + ", ".join(f"{name} {sec:.2f}/{cpu:.2f}" for sec, cpu, name in r["phases"])
            )
        if "statements" in r:
            lines.append(f"  {key} slowest statements (wall s, cpu s):")
            for sec, cpu, sql in sorted(r["statements"], reverse=True)[:profile_top]:
                lines.append(f"    {sec:6.2f} {cpu:6.2f}  {sql[:140]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--rows", type=int, default=1_000_000, help="GA4 CSV rows")
    parser.add_argument("--xlsx-rows", type=int, default=100_000, help="LinkedIn XLSX posts")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="where files and dbs go")
    parser.add_argument(
        "--repeat", type=int, default=1, help="run each measurement N times and keep the fastest"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="time each pipeline phase and SQL statement of the imports",
    )
    parser.add_argument(
        "--reuse", action="store_true", help="reuse generated files of the same size found in --out"
    )
    args = parser.parse_args(argv)
    print(
        f"smdash import benchmark: duckdb {version('duckdb')}, "
        f"python-calamine {version('python-calamine')}, openpyxl {version('openpyxl')}, "
        f"{os.cpu_count()} CPUs, python {sys.version.split()[0]}"
    )
    report = run_benchmark(
        args.rows, args.xlsx_rows, args.out, args.profile, args.reuse, args.repeat
    )
    print()
    print(format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
