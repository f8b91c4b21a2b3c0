import streamlit as st

from smdash.core.networks import NETWORKS
from smdash.metrics import traffic
from smdash.reports import traffic_charts
from smdash.ui import annotations
from smdash.ui import runtime as ui
from smdash.ui import traffic as view

ui.start_page("page.traffic")
first, last = view.load_web_range()
if last is None:
    st.info(ui.tr("traffic.empty"))
    st.stop()

chosen = view.filter_bar(first, last)
if chosen is None:
    st.stop()
filters, grain = chosen
now = view.load_totals(filters)
if now["sessions"] is None:
    st.info(ui.tr("traffic.no_data"))
    st.stop()
view.headline(now, view.load_totals(filters.previous()))
view.channel_group_note(filters)
labels = view.figure_labels()


def over_time_tab() -> None:
    figure = st.selectbox(
        ui.tr("traffic.figure"),
        (*traffic.FIGURES, *traffic.RATES),
        format_func=labels.get,
        key="traffic_figure",
        persist_state="page",  # kept while another tab is shown
    )
    series = view.labelled(view.load_over_time(filters, grain))
    chart = traffic_charts.over_time_chart(series, figure, grain, labels, ui.lang())
    ui.altair_chart(annotations.annotated(chart, filters.date_from, filters.date_to))
    st.subheader(ui.tr("traffic.paid_vs_organic"))
    split = view.labelled(view.load_paid_organic(filters))
    split["kind_label"] = split["paid"].map(view.paid_label)
    ui.altair_chart(traffic_charts.paid_organic_chart(split, labels))


def networks_tab() -> None:
    st.caption(
        ui.tr(
            "traffic.compared_with",
            period=ui.date_range(filters.previous().date_from, filters.previous().date_to),
        )
    )
    table = view.load_comparison(filters)
    st.dataframe(view.shown(table), hide_index=True, key="traffic_table")
    view.downloads(table, f"traffic_{filters.date_from}_{filters.date_to}", "traffic_download")


def campaigns_tab() -> None:
    top = view.load_by_campaign(filters, "campaign")
    if top.empty:
        st.info(ui.tr("traffic.no_campaigns"))
    else:
        st.subheader(ui.tr("traffic.top_campaigns"))
        st.dataframe(view.shown(top), hide_index=True, key="campaign_table")
        names = top["name"].head(10).tolist()
        split = view.labelled(view.load_campaign_networks(filters, names))
        ui.altair_chart(traffic_charts.campaign_split_chart(split, labels))
        view.downloads(top, f"campaigns_{filters.date_from}_{filters.date_to}", "campaign_download")
    content = view.load_by_campaign(filters, "content")
    st.subheader(ui.tr("traffic.by_content"))
    if content.empty:
        st.caption(ui.tr("traffic.no_content"))
    else:
        st.dataframe(view.shown(content), hide_index=True, key="content_table")


def hygiene_tab() -> None:
    editor = ui.can_edit()  # a viewer sees the lists, not the controls that change them
    st.subheader(ui.tr("traffic.untagged"))
    share = view.load_untagged_share(filters)
    st.markdown(ui.tr("traffic.untagged_intro", share=view.percent(share)))
    untagged = view.load_untagged_social(filters)
    if not untagged.empty:
        st.dataframe(view.shown(untagged), hide_index=True, key="untagged_table")

    st.subheader(ui.tr("traffic.unknown"))
    unknown = view.load_unknown_sources()
    if unknown.empty:
        st.caption(ui.tr("traffic.unknown_none"))
    else:
        st.markdown(ui.tr("traffic.unknown_intro"))
        st.dataframe(view.shown(unknown), hide_index=True, key="unknown_table")
    if editor:
        with st.form("alias_form", clear_on_submit=True):
            st.markdown(ui.tr("traffic.alias_intro"))
            left, middle, right = st.columns(3)
            source = left.text_input(ui.tr("traffic.alias_source"), key="alias_source")
            network = middle.selectbox(
                ui.tr("traffic.alias_network"),
                NETWORKS,
                format_func=ui.labels_of(NETWORKS, "network.").get,
                key="alias_network",
            )
            paid = right.radio(
                ui.tr("traffic.alias_paid"),
                ("medium", "organic", "paid"),
                format_func=ui.labels_of(("medium", "organic", "paid"), "traffic.alias_paid_").get,
                key="alias_paid",
            )
            if st.form_submit_button(ui.tr("traffic.alias_save"), key="alias_save"):
                view.save_alias(source, network, paid)
                st.rerun()
    ui.show_flash()  # what the writes of this tab said, where they were made
    aliases = view.load_aliases()
    if not aliases.empty:
        st.dataframe(view.shown(aliases), hide_index=True, key="alias_table")
    if editor and not aliases.empty:
        remove = st.selectbox(ui.tr("traffic.alias_remove"), aliases["alias"], key="alias_remove")
        if st.button(ui.tr("traffic.alias_remove_button"), key="alias_remove_button"):
            ui.done(view.delete_alias(remove))

    st.subheader(ui.tr("traffic.duplicates"))
    duplicates = view.load_near_duplicates()
    if duplicates.empty:
        st.caption(ui.tr("traffic.duplicates_none"))
    for key, group in duplicates.groupby("key", sort=True):
        with st.container(border=True):
            spellings = group["campaign"].tolist()
            st.markdown(ui.tr("traffic.duplicates_group", names=", ".join(spellings)))
            if not editor:
                continue
            into = st.selectbox(ui.tr("traffic.merge_into"), spellings, key=f"merge_into_{key}")
            if st.button(ui.tr("traffic.merge_button"), key=f"merge_{key}"):
                error = view.merge(spellings, into)
                if error:
                    st.error(error)
                else:
                    st.rerun()
    merges = view.load_merges()
    if not merges.empty:
        st.markdown(ui.tr("traffic.merges"))
        st.dataframe(view.shown(merges), hide_index=True, key="merge_table")
    if editor and not merges.empty:
        undo = st.selectbox(ui.tr("traffic.unmerge"), merges["alias"], key="unmerge_pick")
        if st.button(ui.tr("traffic.unmerge_button"), key="unmerge_button"):
            ui.done(view.unmerge(undo))


ui.tab_sections(
    "traffic_tabs",
    {
        "traffic.tab.over_time": over_time_tab,
        "traffic.tab.networks": networks_tab,
        "traffic.tab.campaigns": campaigns_tab,
        "traffic.tab.hygiene": hygiene_tab,
    },
)
