"""Annotations: stored and archived, and drawn over any time chart."""

import datetime as dt

import altair as alt
import pandas as pd
import pytest

from smdash.plan import annotations
from smdash.plan.annotations import InvalidAnnotation
from smdash.reports import charts, kpi_charts

D = dt.date


def test_annotations_are_added_edited_archived_and_listed_by_date(con):
    fallas = annotations.add_annotation(con, D(2026, 3, 1), D(2026, 3, 19), " Fallas 2026 ")
    viral = annotations.add_annotation(con, D(2026, 3, 17), None, "Viral TikTok")
    august = annotations.add_annotation(con, D(2025, 8, 1), D(2025, 8, 31), "August holidays")
    assert annotations.annotations(con).values.tolist() == [
        [august, D(2025, 8, 1), D(2025, 8, 31), "August holidays"],
        [fallas, D(2026, 3, 1), D(2026, 3, 19), "Fallas 2026"],
        [viral, D(2026, 3, 17), D(2026, 3, 17), "Viral TikTok"],
    ]
    annotations.update_annotation(con, viral, D(2026, 3, 18), None, "Viral TikTok (buñuelos)")
    annotations.set_annotation_status(con, august, annotations.ARCHIVED)
    assert annotations.annotations(con, D(2026, 3, 18), D(2026, 12, 31))["note"].tolist() == [
        "Fallas 2026",
        "Viral TikTok (buñuelos)",
    ]
    archived = annotations.annotations(con, status=annotations.ARCHIVED)
    assert archived["note"].tolist() == ["August holidays"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((D(2026, 3, 1), None, "  "), "Write the annotation's note."),
        ((D(2026, 3, 1), None, "x" * 121), "The note has 121 characters; at most 120 fit."),
        (
            (D(2026, 3, 2), D(2026, 3, 1), "Fallas"),
            "The span must end on or after the day it starts.",
        ),
        ((None, None, "Fallas"), "Pick the day, or the first and last day of the span."),
    ],
)
def test_an_annotation_the_user_must_correct_is_refused(con, args, message):
    with pytest.raises(InvalidAnnotation) as caught:
        annotations.add_annotation(con, *args)
    assert caught.value.message("en") == message
    assert annotations.annotations(con).empty


NOTES = pd.DataFrame(
    {
        "annotation_id": [1, 2, 3],
        "date_from": [D(2025, 8, 1), D(2026, 3, 1), D(2026, 3, 17)],
        "date_to": [D(2025, 8, 31), D(2026, 3, 19), D(2026, 3, 17)],
        "note": ["August holidays", "Fallas 2026", "Viral TikTok"],
    }
)


def test_visible_annotations_are_clipped_to_the_dates():
    shown = kpi_charts.visible_annotations(NOTES, D(2026, 3, 10), D(2026, 12, 31))
    assert shown[["date_from", "date_to", "note"]].values.tolist() == [
        [D(2026, 3, 10), D(2026, 3, 19), "Fallas 2026"],
        [D(2026, 3, 17), D(2026, 3, 17), "Viral TikTok"],
    ]


def layer_marks(spec: dict) -> list[str]:
    marks = []
    for layer in spec.get("layer", []):
        if "layer" in layer:
            marks += layer_marks(layer)
        else:
            mark = layer["mark"]
            marks.append(mark if isinstance(mark, str) else mark["type"])
    return marks


def test_any_time_chart_gets_bands_rules_labels_and_tooltips():
    sessions = pd.DataFrame(
        {
            "month": [D(2026, 2, 1), D(2026, 3, 1)],
            "network": ["instagram", "instagram"],
            "sessions": [100, 900],
        }
    )
    chart = charts.monthly_sessions_chart(sessions, "en")
    annotated = kpi_charts.with_annotations(chart, NOTES, "en", D(2026, 2, 1), D(2026, 3, 31))
    spec = annotated.to_dict()
    assert layer_marks(spec) == ["line", "rect", "rule", "text"]
    notes = next(iter(v for k, v in spec["datasets"].items() if "note" in v[0]))
    assert [row["note"] for row in notes] == ["Fallas 2026", "Viral TikTok"]
    tooltip = spec["layer"][1]["layer"][0]["encoding"]["tooltip"]
    assert [t["title"] for t in tooltip] == ["Annotations", "From", "To"]


def test_a_chart_without_annotations_in_its_dates_comes_back_unchanged():
    chart = alt.Chart(pd.DataFrame({"day": [D(2024, 1, 1)], "v": [1]})).mark_line()
    assert kpi_charts.with_annotations(chart, NOTES, "en", D(2024, 1, 1), D(2024, 2, 1)) is chart
    assert kpi_charts.with_annotations(chart, NOTES.iloc[0:0], "es") is chart


def test_the_annotation_layer_gives_altair_channels_it_need_not_look_up(monkeypatch):
    """Each channel written as a shorthand string ("start:T") makes Altair build its table of
    schema classes again (some 5 ms a channel); the layer hands it channel objects, with the
    same spec: x from start to end, the label's text at the top."""
    built = []
    table = alt.utils.schemapi._FromDict.__init__
    monkeypatch.setattr(
        alt.utils.schemapi._FromDict, "__init__", lambda *a: built.append(1) or table(*a)
    )
    layer = kpi_charts.annotation_layer(kpi_charts.visible_annotations(NOTES, None, None), "en")
    assert built == []
    spans, days, labels = (part["encoding"] for part in layer.to_dict()["layer"])
    assert (spans["x"], spans["x2"]) == ({"field": "start", "type": "temporal"}, {"field": "end"})
    assert days["x"] == {"field": "start", "type": "temporal"}
    assert (labels["y"], labels["text"]) == ({"value": 0}, {"field": "label", "type": "nominal"})
