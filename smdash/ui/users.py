"""The Users page's glue: the accounts, changes to them, and the audit trail."""

from __future__ import annotations

import pandas as pd

from smdash.access import audit, auth
from smdash.ui.runtime import database, tr, write


def load_users() -> pd.DataFrame:
    with database() as con:
        rows = auth.users(con)
    frame = pd.DataFrame(rows, columns=["name", "role", "demo_password", "locked"])
    frame["role"] = [tr(f"auth.role.{r}") for r in frame["role"]]
    return frame.rename(columns={c: tr(f"auth.column.{c}") for c in frame.columns})


def load_trail() -> pd.DataFrame:
    with database() as con:
        frame = audit.trail(con)
    return frame.rename(columns={c: tr(f"auth.column.{c}") for c in frame.columns})


def user_names() -> list[str]:
    with database() as con:
        return [row["name"] for row in auth.users(con)]


def change(action, *args) -> str | None:
    """Run an account change as the signed-in editor; an error text or None."""
    return write(action, *args).error
