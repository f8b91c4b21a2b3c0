"""The Toolkit page's glue: the questionnaire, the guide, the profiles, the response protocol,
the employee guidelines and their history. Editors see the forms; viewers read.

Prose the user wrote as Markdown is shown with st.markdown (never with raw HTML); short fields
(handles, names, tones, topics) go through ``plain``; answers to copy are st.code blocks, which
carry a copy button.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import pandas as pd
import streamlit as st

from smdash.core.networks import SOCIAL_NETWORKS
from smdash.plan import toolkit
from smdash.plan.toolkit import GuidePart, NetworkChoice, Profile, ProtocolEntry, Questionnaire
from smdash.ui.networks import network_label
from smdash.ui.runtime import (
    can_edit,
    date,
    done,
    folded,
    labels_of,
    lang,
    loader,
    number,
    plain,
    tr,
    write,
)

REVIEW_DUE_DAYS = 180  # an answer not reviewed for this long is flagged for review
ALL = "__all__"

load_questionnaire = loader(toolkit.questionnaire)
load_guide = loader(toolkit.guide)
load_profiles = loader(toolkit.profiles)
load_profile_accounts = loader(toolkit.profile_accounts)
load_imported_accounts = loader(toolkit.imported_accounts)
load_protocol = loader(toolkit.protocol)
load_categories = loader(toolkit.protocol_categories)
load_guidelines = loader(toolkit.guidelines)
load_checklist = loader(toolkit.checklist)
load_history = loader(toolkit.history)
load_items = loader(toolkit.items)
load_titles = loader(toolkit.item_titles)
load_diff = loader(toolkit.diff)
load_version_text = loader(toolkit.version_text)
load_changes = loader(toolkit.changes)
load_unused_networks = loader(toolkit.networks_not_used)
load_forbidden_in_calendar = loader(toolkit.forbidden_topics_in_calendar)
load_forbidden_in = loader(toolkit.forbidden_topics_in)


def saved_caption(saved: toolkit.Saved | None) -> None:
    """Which version this is, who saved it and when; or that it was never saved."""
    if saved is None or saved.version == 0:
        st.caption(tr("toolkit.never_saved"))
        return
    st.caption(tr("toolkit.saved", version=saved.version, who=saved.saved_by, when=when(saved)))


def when(saved: toolkit.Saved) -> str:
    return f"{date(saved.saved_at.date())} {saved.saved_at:%H:%M}" if saved.saved_at else ""


def markdown_or_blank(text: str) -> None:
    """Prose the user wrote as Markdown (no raw HTML), or a dash when empty."""
    if text.strip():
        st.markdown(text)
    else:
        st.caption(tr("toolkit.blank"))


def saving(action, *args, success: str) -> None:
    """Run a toolkit write as the signed-in user and rerun with its message."""
    done(write(action, *args).error, success)


# ---------------------------------------------------------------------------------------------
# What to fill first
# ---------------------------------------------------------------------------------------------


def checklist_section() -> None:
    """The short checklist of what to fill first, while anything on it is still to do."""
    steps = load_checklist()
    if all(step.done for step in steps):
        return
    with st.container(border=True):
        st.markdown(f"**{tr('toolkit.checklist_title')}**")
        for number, step in enumerate(steps, start=1):
            mark = ":material/check_circle:" if step.done else ":material/radio_button_unchecked:"
            st.markdown(f"{mark} {number}. {tr(f'toolkit.checklist.{step.key}')}")
        if not can_edit():
            st.caption(tr("toolkit.checklist_viewer"))


# ---------------------------------------------------------------------------------------------
# The knowledge questionnaire
# ---------------------------------------------------------------------------------------------


def questionnaire_section() -> None:
    answers = load_questionnaire()
    st.caption(tr("toolkit.questionnaire_intro"))
    saved_caption(answers.saved)
    if answers.saved.version == 0:  # nothing to read yet: straight to the form
        if can_edit():
            questionnaire_form(answers)
        return
    for name in toolkit.QUESTIONNAIRE_FIELDS:
        st.markdown(f"##### {tr(f'toolkit.field.{name}')}")
        markdown_or_blank(getattr(answers, name))
    st.markdown(f"##### {tr('toolkit.field.never_publish')}")
    if answers.never_publish:
        st.markdown("\n".join(f"- {plain(topic)}" for topic in answers.never_publish))
    else:
        st.caption(tr("toolkit.blank"))
    if can_edit():
        folded(
            tr("toolkit.edit_questionnaire"), "toolkit_q_open", partial(questionnaire_form, answers)
        )


def questionnaire_form(answers: Questionnaire) -> None:
    with st.form("toolkit_questionnaire_form"):
        st.caption(tr("toolkit.markdown_help"))
        values = {
            name: st.text_area(
                tr(f"toolkit.field.{name}"),
                getattr(answers, name),
                key=f"toolkit_q_{name}",
            )
            for name in toolkit.QUESTIONNAIRE_FIELDS
        }
        topics = st.text_area(
            tr("toolkit.field.never_publish"),
            "\n".join(answers.never_publish),
            help=tr("toolkit.one_per_line"),
            key="toolkit_q_never_publish",
        )
        if st.form_submit_button(tr("toolkit.save"), key="toolkit_q_save", type="primary"):
            new = Questionnaire(**values, never_publish=tuple(topics.splitlines()))
            saving(toolkit.save_questionnaire, new, success=tr("toolkit.saved_questionnaire"))


# ---------------------------------------------------------------------------------------------
# The guide, in four parts
# ---------------------------------------------------------------------------------------------


def guide_section() -> None:
    st.caption(tr("toolkit.guide_intro"))
    for part in load_guide():
        st.subheader(tr(f"toolkit.part.{part.part}"))
        st.caption(tr(f"toolkit.part_help.{part.part}"))
        saved_caption(part.saved)
        if part.saved.version:
            markdown_or_blank(part.text)
        if part.part == "technology":
            networks_table(part.networks)
        if can_edit():
            label = tr("toolkit.edit_part", part=tr(f"toolkit.part.{part.part}"))
            folded(label, f"toolkit_guide_open_{part.part}", partial(guide_form, part))


def networks_table(choices: tuple[NetworkChoice, ...]) -> None:
    for used in (True, False):
        shown = [c for c in choices if c.used == used]
        st.markdown(f"**{tr('toolkit.networks_used' if used else 'toolkit.networks_not_used')}**")
        if not shown:
            st.caption(tr("toolkit.blank"))
        lines = [f"- **{network_label(c.network)}**: {plain(c.reason)}" for c in shown]
        if lines:
            st.markdown("\n".join(lines))


def guide_form(part: GuidePart) -> None:
    with st.form(f"toolkit_guide_{part.part}"):
        text = st.text_area(
            tr(f"toolkit.part.{part.part}"),
            part.text,
            height=200,
            help=tr("toolkit.markdown_help"),
            key=f"toolkit_guide_text_{part.part}",
        )
        networks = part.networks
        if part.part == "technology":
            networks = networks_editor(part.networks)
        if st.form_submit_button(tr("toolkit.save"), key=f"toolkit_guide_save_{part.part}"):
            new = GuidePart(part.part, text, networks)
            name = tr(f"toolkit.part.{part.part}")
            saving(toolkit.save_guide_part, new, success=tr("toolkit.saved_part", part=name))


def networks_editor(choices: tuple[NetworkChoice, ...]) -> tuple[NetworkChoice, ...]:
    """The technology part's networks as an editable table: network, used, reason."""
    frame = pd.DataFrame(
        [(c.network, c.used, c.reason) for c in choices], columns=["network", "used", "reason"]
    ).astype({"network": "object", "used": "bool", "reason": "object"})
    labels = labels_of(SOCIAL_NETWORKS, "network.")
    edited = st.data_editor(
        frame,
        num_rows="dynamic",
        hide_index=True,
        column_config={
            "network": st.column_config.SelectboxColumn(
                tr("toolkit.field.network"),
                options=list(SOCIAL_NETWORKS),
                format_func=labels.get,
                required=True,
            ),
            "used": st.column_config.CheckboxColumn(tr("toolkit.used_column"), default=True),
            "reason": st.column_config.TextColumn(tr("toolkit.reason_column")),
        },
        key="toolkit_networks_editor",
    )
    return tuple(
        NetworkChoice(
            row.network, bool(row.used), row.reason if isinstance(row.reason, str) else ""
        )
        for row in edited.itertuples()
        if isinstance(row.network, str) and row.network
    )


# ---------------------------------------------------------------------------------------------
# Profiles managed
# ---------------------------------------------------------------------------------------------


def profiles_section() -> None:
    st.caption(tr("toolkit.profiles_intro"))
    profiles = load_profiles()
    if not profiles:
        st.info(tr("toolkit.no_profiles"))
    for profile in profiles:
        with st.container(border=True):
            profile_card(profile)
            if can_edit():
                key = f"toolkit_profile_open_{profile.profile_id}"
                folded(tr("toolkit.edit_profile"), key, partial(profile_form, profile))
                if st.button(
                    tr("toolkit.remove_profile"), key=f"toolkit_rm_p_{profile.profile_id}"
                ):
                    saving(
                        toolkit.remove_profile,
                        profile.profile_id,
                        success=tr("toolkit.removed_profile", handle=profile.handle),
                    )
    if can_edit():
        add = partial(profile_form, None)
        folded(tr("toolkit.add_profile"), "toolkit_profile_open_new", add, expanded=not profiles)


def profile_card(profile: Profile) -> None:
    title = f"**{network_label(profile.network)} · {plain(profile.handle)}**"
    st.markdown(title)
    if profile.url:
        st.link_button(tr("toolkit.open_profile"), profile.url, icon=":material/open_in_new:")
    rows = [
        (tr("toolkit.field.runs_it"), profile.runs_it),
        (tr("toolkit.field.tone"), profile.tone),
        (tr("toolkit.field.times"), profile.times),
    ]
    st.markdown("\n".join(f"- {label}: {plain(value) or '—'}" for label, value in rows))
    st.markdown(f"{tr('toolkit.field.authority')}:")
    markdown_or_blank(profile.authority)
    saved_caption(profile.saved)
    accounts = load_profile_accounts(profile)
    if accounts.empty:
        st.caption(tr("toolkit.no_accounts", network=network_label(profile.network)))
        return
    lines = [
        tr(
            "toolkit.account_line",
            account=account or tr("toolkit.unnamed_account"),
            count=posts,
            posts=number(posts),
            last=date(last),
        )
        for account, posts, last in zip(
            accounts["account"], accounts["posts"], accounts["last_day"], strict=True
        )
    ]
    st.markdown(f"{tr('toolkit.field.accounts')}:\n" + "\n".join(f"- {line}" for line in lines))
    st.page_link("pages/overview.py", label=tr("toolkit.see_results"), icon=":material/dashboard:")


def profile_form(profile: Profile | None) -> None:
    key = f"toolkit_profile_{profile.profile_id if profile else 'new'}"
    profile = profile or Profile(None, SOCIAL_NETWORKS[0], "")
    names = sorted({a for a in load_imported_accounts()["account"] if a})
    with st.form(key):
        left, right = st.columns(2)
        network = left.selectbox(
            tr("toolkit.field.network"),
            SOCIAL_NETWORKS,
            index=SOCIAL_NETWORKS.index(profile.network),
            format_func=labels_of(SOCIAL_NETWORKS, "network.").get,
            key=f"{key}_network",
        )
        handle = right.text_input(tr("toolkit.field.handle"), profile.handle, key=f"{key}_handle")
        url = left.text_input(
            tr("toolkit.field.url"), profile.url, placeholder="https://", key=f"{key}_url"
        )
        runs_it = right.text_input(tr("toolkit.field.runs_it"), profile.runs_it, key=f"{key}_runs")
        tone = left.text_input(tr("toolkit.field.tone"), profile.tone, key=f"{key}_tone")
        times = right.text_input(tr("toolkit.field.times"), profile.times, key=f"{key}_times")
        authority = st.text_area(
            tr("toolkit.field.authority"), profile.authority, key=f"{key}_authority"
        )
        accounts = st.multiselect(
            tr("toolkit.field.accounts"),
            sorted({*names, *profile.accounts}),
            default=list(profile.accounts),
            help=tr("toolkit.accounts_help"),
            key=f"{key}_accounts",
        )
        if st.form_submit_button(tr("toolkit.save"), key=f"{key}_save"):
            new = Profile(
                profile.profile_id, network, handle, url, runs_it, authority, tone, times,
                tuple(accounts),
            )  # fmt: skip
            saving(toolkit.save_profile, new, success=tr("toolkit.saved_profile", handle=handle))


# ---------------------------------------------------------------------------------------------
# The response protocol
# ---------------------------------------------------------------------------------------------


def protocol_section(today: dt.date | None = None) -> None:
    """The search and its filters are kept while another tab is shown (``persist_state``)."""
    st.caption(tr("toolkit.protocol_intro"))
    categories = load_categories()
    words_col, category_col, network_col = st.columns([2, 1, 1])
    words = words_col.text_input(
        tr("toolkit.search"),
        placeholder=tr("toolkit.search_placeholder"),
        key="toolkit_search",
        persist_state="page",
    )
    category_labels = {ALL: tr("toolkit.all_categories"), **{c: c for c in categories}}
    category = category_col.selectbox(
        tr("toolkit.field.category"),
        list(category_labels),
        format_func=category_labels.get,
        key="toolkit_category",
        persist_state="page",
    )
    network_labels = {ALL: tr("toolkit.all_networks"), **labels_of(SOCIAL_NETWORKS, "network.")}
    network = network_col.selectbox(
        tr("toolkit.field.network"),
        list(network_labels),
        format_func=network_labels.get,
        key="toolkit_network",
        persist_state="page",
    )
    found = load_protocol(
        words, None if category == ALL else category, None if network == ALL else network
    )
    st.caption(tr("toolkit.found", count=len(found)))
    for entry in found:
        with st.container(border=True):
            protocol_card(entry, today or dt.date.today())
    if can_edit():
        new = partial(protocol_form, None, categories)
        folded(tr("toolkit.new_question"), "toolkit_pf_open_new", new)


def protocol_card(entry: ProtocolEntry, today: dt.date) -> None:
    st.markdown(f"**{plain(entry.question)}**")
    networks = ", ".join(network_label(n) for n in entry.networks) or tr("toolkit.every_network")
    details = [entry.category, entry.tone, networks]
    st.caption(" · ".join(plain(d) for d in details if d))
    st.code(entry.answer, language=None, wrap_lines=True)
    if entry.escalate_to or entry.escalate_when:
        st.markdown(
            tr(
                "toolkit.escalate",
                to=entry.escalate_to or "—",
                when=entry.escalate_when or "—",
            )
        )
    reviewed = entry.last_reviewed
    text = tr("toolkit.last_reviewed", date=date(reviewed))
    if reviewed and (today - reviewed).days > REVIEW_DUE_DAYS:
        st.warning(tr("toolkit.review_due", date=date(reviewed)), icon=":material/history:")
    else:
        st.caption(text)
    if can_edit():
        key = f"toolkit_entry_{entry.entry_id}"
        left, right = st.columns(2)
        if left.button(tr("toolkit.mark_reviewed"), key=f"{key}_reviewed"):
            saving(toolkit.mark_reviewed, entry.entry_id, success=tr("toolkit.reviewed_ok"))
        if right.button(tr("toolkit.remove_entry"), key=f"{key}_remove"):
            saving(toolkit.remove_protocol_entry, entry.entry_id, success=tr("toolkit.removed_ok"))
        folded(tr("toolkit.edit_entry"), f"{key}_open", partial(protocol_form, entry, []))


def protocol_form(entry: ProtocolEntry | None, categories: list[str]) -> None:
    key = f"toolkit_pf_{entry.entry_id if entry else 'new'}"
    entry = entry or ProtocolEntry(None, "", "", "")
    with st.form(key, clear_on_submit=entry.entry_id is None):
        left, right = st.columns(2)
        category = left.text_input(
            tr("toolkit.field.category"),
            entry.category,
            help=tr("toolkit.categories_in_use", categories=", ".join(categories) or "—"),
            key=f"{key}_category",
        )
        tone = right.text_input(tr("toolkit.field.tone"), entry.tone, key=f"{key}_tone")
        question = st.text_input(tr("toolkit.field.question"), entry.question, key=f"{key}_q")
        answer = st.text_area(tr("toolkit.field.answer"), entry.answer, key=f"{key}_answer")
        escalate_to = left.text_input(
            tr("toolkit.field.escalate_to"), entry.escalate_to, key=f"{key}_to"
        )
        escalate_when = right.text_input(
            tr("toolkit.field.escalate_when"), entry.escalate_when, key=f"{key}_when"
        )
        networks = st.multiselect(
            tr("toolkit.field.networks"),
            SOCIAL_NETWORKS,
            default=list(entry.networks),
            format_func=labels_of(SOCIAL_NETWORKS, "network.").get,
            help=tr("toolkit.networks_help"),
            key=f"{key}_networks",
        )
        keywords = st.text_input(
            tr("toolkit.field.keywords"),
            entry.keywords,
            help=tr("toolkit.keywords_help"),
            key=f"{key}_keywords",
        )
        label = tr("toolkit.add_entry" if entry.entry_id is None else "toolkit.save")
        if st.form_submit_button(label, key=f"{key}_save"):
            new = ProtocolEntry(
                entry.entry_id, category, question, answer, tone, escalate_to, escalate_when,
                tuple(networks), keywords,
            )  # fmt: skip
            saving(toolkit.save_protocol_entry, new, success=tr("toolkit.saved_entry"))


# ---------------------------------------------------------------------------------------------
# Employee guidelines
# ---------------------------------------------------------------------------------------------


def guidelines_section() -> None:
    st.caption(tr("toolkit.guidelines_intro", limit=toolkit.GUIDELINES_MAX))
    current = load_guidelines()
    saved_caption(current.saved)
    if current.points:
        st.markdown("\n".join(f"{n}. {point}" for n, point in enumerate(current.points, 1)))
    else:
        st.caption(tr("toolkit.blank"))
    if can_edit():
        edit = partial(guidelines_form, current)
        folded(tr("toolkit.edit_guidelines"), "toolkit_guidelines_open", edit, not current.points)


def guidelines_form(current: toolkit.Guidelines) -> None:
    with st.form("toolkit_guidelines_form"):
        text = st.text_area(
            tr("toolkit.field.points"),
            "\n".join(current.points),
            help=tr("toolkit.one_per_line"),
            key="toolkit_guidelines_text",
        )
        if st.form_submit_button(tr("toolkit.save"), key="toolkit_guidelines_save"):
            saving(
                toolkit.save_guidelines, text.splitlines(), success=tr("toolkit.saved_guidelines")
            )


# ---------------------------------------------------------------------------------------------
# History: the versions of a part and the difference between two
# ---------------------------------------------------------------------------------------------


def item_label(item: str, titles: dict[str, str]) -> str:
    kind, _, rest = item.partition(".")
    if kind == "guide":
        return f"{tr('toolkit.kind.guide')} · {tr(f'toolkit.part.{rest}')}"
    if item in titles:
        return f"{tr(f'toolkit.kind.{kind}')} · {titles[item]}"
    return tr(f"toolkit.kind.{kind}")


def history_section() -> None:
    st.caption(tr("toolkit.history_intro"))
    items = load_items()
    if not items:
        st.info(tr("toolkit.no_history"))
        return
    titles = load_titles()
    labels = {item: item_label(item, titles) for item in items}
    item = st.selectbox(
        tr("toolkit.history_item"), items, format_func=labels.get, key="toolkit_history_item"
    )
    versions = load_history(item)
    st.dataframe(version_table(versions), hide_index=True, key="toolkit_versions_table")
    numbers = [v.version for v in versions]
    if len(numbers) < 2:
        st.caption(tr("toolkit.one_version"))
    else:
        left, right = st.columns(2)
        old = left.selectbox(tr("toolkit.compare_old"), numbers, index=1, key=f"toolkit_old_{item}")
        new = right.selectbox(
            tr("toolkit.compare_new"), numbers, index=0, key=f"toolkit_new_{item}"
        )
        lines = load_diff(item, old, new, lang())
        st.markdown(f"**{tr('toolkit.difference', old=old, new=new)}**")
        if lines:
            st.code("\n".join(lines), language="diff", wrap_lines=True)
        else:
            st.caption(tr("toolkit.no_difference"))
    shown = st.selectbox(tr("toolkit.show_version"), numbers, key=f"toolkit_show_{item}")
    st.code(load_version_text(item, shown, lang()), language=None, wrap_lines=True)
    restore = tr("toolkit.restore", version=shown)
    if can_edit() and shown != numbers[0] and st.button(restore, key=f"toolkit_restore_{item}"):
        saving(toolkit.restore_version, item, shown, success=tr("toolkit.restored", version=shown))
    st.markdown(f"**{tr('toolkit.latest_changes')}**")
    changes = load_changes(20)
    frame = version_table(changes)
    frame.insert(0, tr("toolkit.column.item"), [labels.get(c.item, c.item) for c in changes])
    st.dataframe(frame, hide_index=True, key="toolkit_changes_table")


def version_table(versions: list[toolkit.Saved]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            tr("toolkit.column.version"): [v.version for v in versions],
            tr("toolkit.column.saved_by"): [v.saved_by for v in versions],
            tr("toolkit.column.saved_at"): [when(v) for v in versions],
            tr("toolkit.column.change"): [
                tr("toolkit.change_removed" if v.removed else "toolkit.change_saved")
                for v in versions
            ],
        }
    )


# ---------------------------------------------------------------------------------------------
# Wired into the other pages
# ---------------------------------------------------------------------------------------------


def unused_network_warning(scope: str) -> None:
    """On the Objectives page: an objective on a network the guide says not to use."""
    reasons = load_unused_networks()
    if scope in reasons:
        st.warning(
            tr("toolkit.objective_unused", network=network_label(scope), reason=reasons[scope]),
            icon=":material/block:",
        )


def forbidden_topics_warning() -> None:
    """On the calendar: planned posts that mention a topic never to publish (not a block)."""
    found = load_forbidden_in_calendar()
    if found.empty:
        return
    lines = [
        tr(
            "toolkit.calendar_line",
            when=f"{date(row.planned_at.date())} {row.planned_at:%H:%M}",
            network=network_label(row.network),
            topic=row.topic,
            forbidden=row.forbidden,
        )
        for row in found.itertuples()
    ]
    st.warning(tr("toolkit.calendar_forbidden") + "\n" + "\n".join(f"- {line}" for line in lines))


def forbidden_in_text_warning(text: str) -> None:
    """After saving a calendar entry: the topics never to publish its text mentions."""
    topics = load_forbidden_in(text)
    if topics:
        st.warning(tr("toolkit.entry_forbidden", topics=", ".join(topics)))
