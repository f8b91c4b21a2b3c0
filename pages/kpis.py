import streamlit as st

from smdash.core.periods import default_range
from smdash.metrics import kpis
from smdash.plan.annotations import NOTE_MAX
from smdash.ui import accounts, annotations, kpi_terms
from smdash.ui import kpis as view
from smdash.ui import runtime as ui

ui.start_page("page.kpis")
st.caption(ui.tr("kpipage.intro"))
ui.show_flash()
first, last = ui.load_data_range()
if last is None:
    st.info(ui.tr("kpipage.empty", what=ui.tr("overview.what_to_import")))

items = view.load_objectives()
networks = sorted({item.scope for item in items})
network_options = [None, *networks]
network = st.selectbox(
    ui.tr("kpipage.network"),
    network_options,
    format_func=ui.labels_by(
        network_options,
        lambda n: ui.tr("kpipage.all_networks") if n is None else kpi_terms.scope_name(n),
    ),
    key="kpi_network",
)
shown = [item for item in items if network is None or item.scope == network]
with st.expander(ui.tr("objectives.rules_title")):
    st.markdown("\n".join(f"1. {rule}" for rule in view.status_rules()))
    st.caption(ui.tr("objectives.progress_rule"))

if not items:
    st.info(ui.tr("kpipage.no_objectives"))
elif not shown:
    st.info(ui.tr("kpipage.no_objectives_network"))
progress = {}
for item in shown:
    progress[item.objective_id] = result = view.load_progress(item)
    with st.container(border=True):
        st.markdown(f"**#{item.objective_id} · {ui.plain(item.statement)}**")
        view.status_badge(result.status, result.rule)
        st.caption(kpi_terms.objective_summary(item))
        if note := accounts.added_up_note(item.scope):
            st.caption(note)
        if result.current is None:
            st.info(
                ui.tr(
                    "kpipage.no_data",
                    kpi=kpi_terms.kpi_name(item.kpi),
                    scope=kpi_terms.scope_name(item.scope),
                    start=ui.date(item.start_date),
                    needs=view.needs(item.kpi, item.scope),
                )
            )
            continue
        ratio = kpis.KPIS[item.kpi].kind == kpis.RATIO
        figures = [
            ("kpipage.current", kpi_terms.kpi_value(item.kpi, result.current)),
            ("kpipage.target", kpi_terms.kpi_value(item.kpi, result.target)),
            ("kpipage.progress", view.share(result.progress)),
            ("kpipage.elapsed", view.share(result.expected_progress)),
            ("kpipage.forecast", kpi_terms.kpi_value(item.kpi, result.forecast)),
            (
                "kpipage.needed_average" if ratio else "kpipage.needed",
                kpi_terms.kpi_value(item.kpi, result.needed_per_week),
            ),
        ]
        st.markdown(ui.figures_table([(ui.tr(label), value) for label, value in figures]))
        st.caption(
            ui.tr(
                "kpipage.as_of",
                date=ui.date(result.as_of),
                method=ui.tr(f"objectives.method.{result.forecast_method}"),
            )
        )

if shown:
    st.subheader(ui.tr("kpipage.chart"))
    by_id = {item.objective_id: item for item in shown}
    chosen = st.selectbox(
        ui.tr("kpipage.pick_chart"),
        list(by_id),
        format_func=lambda i: f"#{i} · {by_id[i].statement[:80]}",
        key="chart_objective",
    )
    ui.kept_chart(view.progress_chart, by_id[chosen], progress[chosen])

if last is not None:
    st.subheader(ui.tr("kpipage.comparison"))
    period = st.date_input(
        ui.tr("kpipage.period"),
        value=default_range(first, last),
        min_value=first,
        max_value=last,
        key="kpi_period",
        format=ui.date_format(),
    )
    account = accounts.account_filter("kpi_account")
    if len(period) == 2:
        scope = network or kpis.ALL
        table = view.load_comparison(scope, *period, account)
        st.dataframe(view.comparison_table(table), hide_index=True)

st.subheader(ui.tr("annotations.title"))
st.caption(ui.tr("annotations.intro"))
notes = annotations.load_annotations()
if notes.empty:
    st.caption(ui.tr("annotations.none"))
else:
    st.dataframe(view.annotations_table(notes), hide_index=True)
if not ui.can_edit():  # a viewer reads the notes; adding and archiving them is the CM's
    st.stop()
dates = st.date_input(
    ui.tr("annotations.dates"), value=(), key="annotation_dates", format=ui.date_format()
)
note = st.text_input(ui.tr("annotations.note", limit=NOTE_MAX), key="annotation_note")
if st.button(ui.tr("annotations.add"), key="add_annotation"):
    error = view.add_annotation(dates[0] if dates else None, dates[-1] if dates else None, note)
    ui.done(error, ui.tr("annotations.added", note=note))
if not notes.empty:
    labels = dict(zip(notes["annotation_id"], notes["note"], strict=True))
    pick = st.selectbox(
        ui.tr("annotations.pick"), list(labels), format_func=labels.get, key="annotation_pick"
    )
    if st.button(ui.tr("annotations.archive"), key="archive_annotation"):
        ui.done(view.archive_annotation(pick), ui.tr("annotations.archived", note=labels[pick]))
