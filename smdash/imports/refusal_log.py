"""The files an import refused, kept beside the import log: which file (its name and content's
SHA-256), what it was recognised as, why it was refused and what to do next.

The Import page records a refused upload as its preview finds it, or as its write refuses it
(accounts new by then, brought by another file a moment before), the CLI each file it could
not import; the history shows them after the imports (``refused_files``). Refused files hold
no rows, so undo never looks here. Light, like ``history``: no pandas, no parsers.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import NamedTuple

import duckdb

from smdash.access import audit
from smdash.core.errors import UserError
from smdash.db.store import bump_data_version, transaction
from smdash.imports.accounts import NewAccountsRefused
from smdash.imports.errors import ImportFailed

# What to do next, by the refusal's code (``refused.next_<step>`` in the string catalogue)
NEXT_STEPS = {
    "other_export": (
        "refused_audience", "refused_ga4_audience", "refused_ga4_events",
        "refused_ga4_snapshot", "refused_tiktok_viewers",
    ),
    "map_columns": ("unknown_format",),
    "download_again": (
        "bad_xlsx", "binary", "csv_columns", "csv_quote", "csv_shape", "empty",
        "first_line_too_long", "line_too_long", "no_data", "rows_unread", "unreadable",
        "unreadable_file", "zip_bomb", "zip_bomb_total", "zip_not_xlsx", "zip_without_exports",
    ),
    "smaller_file": ("sheet_too_large", "too_big", "too_demanding", "too_slow"),
    "server_space": ("disk_full",),
}  # fmt: skip
STEP_OF_CODE = {code: step for step, codes in NEXT_STEPS.items() for code in codes}
FIX_THE_FILE = "fix_file"  # any other refusal: a value, a row or an answer to correct
NOT_KEPT = ("header",)  # the refused file's header travels with it for the mapping form only


def next_step(code: str) -> str:
    """The key of what to do next after a refusal of ``code`` ('refused.next_download_again')."""
    return f"refused.next_{STEP_OF_CODE.get(code, FIX_THE_FILE)}"


def record_refusal(
    con: duckdb.DuckDBPyConnection, file_name: str, sha256: str | None, refused: ImportFailed
) -> None:
    """Keep the refusal of ``file_name`` in the log (``refused.params['detected']``: the export
    it was recognised as, if any). The same file refused again for the same reason is logged
    once: a folder imported every night does not fill the log (or the audit trail) with its
    one bad file."""
    if sha256 is None or not _logged(con, file_name, sha256, refused.key):
        _log(con, file_name, sha256, refused)


@audit.write("imports.refused")
def _log(
    con: duckdb.DuckDBPyConnection, file_name: str, sha256: str | None, refused: ImportFailed
) -> None:
    params = {k: v for k, v in refused.params.items() if k not in NOT_KEPT}
    detected = params.pop("detected", None)
    with transaction(con):
        con.execute(
            """INSERT INTO import_refusals (refused_at, file_name, sha256, detected, reason, params,
                   next_step)
               VALUES ($refused_at, $file_name, $sha256, $detected, $reason, $params,
                   $next_step)""",
            {
                "refused_at": dt.datetime.now(),
                "file_name": file_name,
                "sha256": sha256,
                "detected": detected,
                "reason": refused.key,
                "params": json.dumps(params, ensure_ascii=False, default=str),
                "next_step": next_step(refused.code),
            },
        )
        bump_data_version(con)


def _logged(con: duckdb.DuckDBPyConnection, file_name: str, sha256: str, reason: str) -> bool:
    return bool(
        con.execute(
            """SELECT count(*) FROM import_refusals
               WHERE file_name = $file_name AND sha256 = $sha256 AND reason = $reason""",
            {"file_name": file_name, "sha256": sha256, "reason": reason},
        ).fetchone()[0]
    )


class Refusal(NamedTuple):
    refused_at: dt.datetime
    file_name: str
    sha256: str | None
    detected: str | None  # a format's name
    reason: UserError  # its message(lang) tells why, as the refusal did
    next_step: str  # a key of the string catalogue


def refused_files(con: duckdb.DuckDBPyConnection) -> list[Refusal]:
    """Every refused file, newest first."""
    rows = con.execute(
        """SELECT refused_at, file_name, sha256, detected, reason, params, next_step
           FROM import_refusals ORDER BY refusal_id DESC"""
    ).fetchall()
    return [
        Refusal(at, name, sha, detected, _reason(reason, json.loads(params)), step)
        for at, name, sha, detected, reason, params, step in rows
    ]


def _reason(key: str, params: dict) -> UserError:
    """The refusal as logged; one whose message needs more than its params (the new accounts,
    named in the reader's language) is built again."""
    if key == NewAccountsRefused.KEY:
        return NewAccountsRefused.from_log(params)
    return UserError(key, **params)
