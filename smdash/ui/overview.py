"""The Overview page's glue: the summary of a period and the sessions trend."""

from __future__ import annotations

import pandas as pd

from smdash.metrics import summary
from smdash.ui.runtime import loader, number, tr

load_summary = loader(summary.summary)
load_monthly_sessions = loader(summary.monthly_sessions_by_network)


def figures_table(result: dict, figures: tuple[str, ...]) -> pd.DataFrame:
    """The summary as a table with the figures formatted in the user's language."""
    table = summary.as_table(result)
    for figure in figures:
        table[figure] = [number(v) for v in table[figure]]
    table["network"] = [
        tr("overview.total") if n == "total" else tr(f"network.{n}") for n in table["network"]
    ]
    return table.rename(columns={f: tr(f"figure.{f}") for f in ("network", *figures)})
