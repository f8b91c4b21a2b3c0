"""Altair charts of the plan review: the actions as a Gantt chart, objectives over cycles."""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from smdash.core.i18n import date_pattern, t

ROW_HEIGHT = 26
AXIS_HEIGHT = 60
HEIGHT = 320
LABEL_CHARS = 48


def _short(text: str, chars: int = LABEL_CHARS) -> str:
    return text if len(text) <= chars else text[: chars - 1] + "…"


def gantt_data(plan: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One bar per action: row (objective then action, in plan order), objective, start, end
    (the end day included), status and owner in the user's words."""
    return pd.DataFrame(
        {
            "row": [
                f"#{o} · {_short(d)}"
                for o, d in zip(plan["objective_id"], plan["description"], strict=True)
            ],
            "objective": [
                f"#{o} · {_short(s, 40)}"
                for o, s in zip(plan["objective_id"], plan["statement"], strict=True)
            ],
            "action": plan["description"],
            "start": pd.to_datetime(plan["start_date"]),
            "end": pd.to_datetime(plan["end_date"]) + pd.Timedelta(days=1),
            "status": [t(f"review.item_status.{s}", lang) for s in plan["status"]],
            "owner": plan["owner"],
        }
    )


def gantt(plan: pd.DataFrame, lang: str, today: dt.date | None = None) -> alt.LayerChart:
    """The plan's actions by objective: a bar from start to end, coloured by objective, with a
    rule on ``today`` (the last day with data)."""
    data = gantt_data(plan, lang)
    names = {k: t(f"review.gantt.{k}", lang) for k in ("action", "objective", "dates", "status")}
    bars = (
        alt.Chart(data)
        .mark_bar(cornerRadius=3)
        .encode(
            x=alt.X("start:T", title=names["dates"]),
            x2=alt.X2("end:T"),
            y=alt.Y("row:N", sort=list(data["row"]), title=None, axis=alt.Axis(labelLimit=320)),
            # each row label starts with its objective's number: no legend needed
            color=alt.Color("objective:N", title=names["objective"], legend=None),
            tooltip=[
                alt.Tooltip("action:N", title=names["action"]),
                alt.Tooltip("objective:N", title=names["objective"]),
                alt.Tooltip(
                    "start:T", title=t("review.gantt.start", lang), format=date_pattern(lang)
                ),
                alt.Tooltip("end:T", title=t("review.gantt.end", lang), format=date_pattern(lang)),
                alt.Tooltip("status:N", title=names["status"]),
                alt.Tooltip("owner:N", title=t("review.gantt.owner", lang)),
            ],
        )
    )
    if today is None:
        return alt.layer(bars)
    rule = (
        alt.Chart(pd.DataFrame({"day": [pd.Timestamp(today)]}))
        .mark_rule(strokeDash=[4, 3], color="#7f7f7f")
        .encode(x=alt.X("day:T"))
    )
    return alt.layer(bars, rule)


def gantt_height(actions: int) -> int:
    """Pixels for the Gantt chart, a row per action and room for the date axis (give it to
    st.altair_chart: Streamlit does not size a layered chart by the chart's own height)."""
    return max(HEIGHT // 2, ROW_HEIGHT * actions + AXIS_HEIGHT)


def history_data(
    history: pd.DataFrame, lang: str, current: pd.DataFrame | None = None, number: int = 0
) -> pd.DataFrame:
    """Objectives only: cycle label, order, objective label, progress in %, decision in words.

    ``current`` (the open cycle's evidence, not saved yet) adds cycle ``number`` "so far", with
    the suggestions in place of decisions."""
    rows = history[history["kind"] == "objective"]
    parts = [
        pd.DataFrame(
            {
                "cycle": [t("review.cycle_short", lang, number=n) for n in rows["cycle"]],
                "order": rows["cycle"],
                "objective": _objective_labels(rows),
                "progress": rows["progress"] * 100,
                "decision": [t(f"review.decision.{d}", lang) for d in rows["decision"]],
            }
        )
    ]
    if current is not None:
        now = current[current["kind"] == "objective"]
        parts.append(
            pd.DataFrame(
                {
                    "cycle": t("review.cycle_so_far", lang, number=number),
                    "order": number,
                    "objective": _objective_labels(now),
                    "progress": now["progress"] * 100,
                    "decision": [
                        t("review.suggested", lang, decision=t(f"review.decision.{d}", lang))
                        for d in now["suggested"]
                    ],
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def _objective_labels(rows: pd.DataFrame) -> list[str]:
    return [
        f"#{o} · {_short(label, 40)}"
        for o, label in zip(rows["item_id"], rows["label"], strict=True)
    ]


def history_chart(
    history: pd.DataFrame, lang: str, current: pd.DataFrame | None = None, number: int = 0
) -> alt.Chart:
    """Each objective's progress at each cycle's review (and so far in the open cycle), the
    decision in the tooltip."""
    data = history_data(history, lang, current, number)
    names = {k: t(f"review.history_chart.{k}", lang) for k in ("cycle", "progress", "decision")}
    order = list(dict.fromkeys(data.sort_values("order", kind="stable")["cycle"]))
    return (
        alt.Chart(data)
        .mark_line(point=alt.OverlayMarkDef(size=80))
        .encode(
            x=alt.X("cycle:O", sort=order, title=names["cycle"], axis=alt.Axis(labelAngle=0)),
            y=alt.Y("progress:Q", title=names["progress"]),
            color=alt.Color("objective:N", title=t("review.gantt.objective", lang)),
            tooltip=[
                alt.Tooltip("objective:N", title=t("review.gantt.objective", lang)),
                alt.Tooltip("cycle:O", title=names["cycle"]),
                alt.Tooltip("progress:Q", title=names["progress"], format=",.0f"),
                alt.Tooltip("decision:N", title=names["decision"]),
            ],
        )
        .properties(height=HEIGHT)
    )
