import streamlit as st

from smdash.plan import objectives
from smdash.ui import kpi_terms, toolkit
from smdash.ui import objectives as view
from smdash.ui import runtime as ui

ui.start_page("page.objectives")
st.caption(ui.tr("objectives.intro"))
ui.show_flash()

st.subheader(ui.tr("objectives.goals"))
all_goals = view.load_goals(include_archived=True)
goals = all_goals[all_goals["status"] == objectives.ACTIVE]
if goals.empty:
    st.info(ui.tr("objectives.no_goals"))
else:
    st.markdown(view.goals_list(goals))
name = st.text_input(ui.tr("objectives.goal_name"), key="goal_name")
if st.button(ui.tr("objectives.add_goal"), key="add_goal"):
    error = view.add_goal(name)
    ui.done(error, ui.tr("objectives.goal_added", name=name))
if not goals.empty:
    with st.expander(ui.tr("objectives.archive_goal")):
        names = dict(zip(goals["goal_id"], goals["name"], strict=True))
        goal_id = st.selectbox(
            ui.tr("objectives.archive_goal"), list(names), format_func=names.get, key="goal_pick"
        )
        if st.button(ui.tr("objectives.archive_goal_button"), key="archive_goal"):
            ui.done(
                view.archive_goal(goal_id), ui.tr("objectives.goal_archived", name=names[goal_id])
            )

st.subheader(ui.tr("objectives.list"))
items = view.load_objectives()
if not items:
    st.info(ui.tr("objectives.none"))
goal_names = dict(zip(all_goals["goal_id"], all_goals["name"], strict=True))
actions_of = view.actions_by_objective()
for item in items:
    with st.container(border=True):
        st.markdown(f"**#{item.objective_id} · {ui.plain(item.statement)}**")
        lines = [kpi_terms.objective_summary(item)]
        if item.owner or item.goal_id:
            goal = goal_names.get(item.goal_id, ui.tr("objectives.no_goal"))
            lines.append(ui.tr("objectives.owner_goal", owner=item.owner or "—", goal=goal))
        st.caption("  \n".join(lines))
        view.smart_badges(view.load_smart(item))
        toolkit.unused_network_warning(item.scope)
        with st.container(horizontal=True):  # one row, not three columns of a block each
            archived = st.button(ui.tr("objectives.archive"), key=f"archive_{item.objective_id}")
            st.button(
                ui.tr("forms.edit"),
                key=f"edit_{item.objective_id}",
                on_click=view.open_editor,
                args=(item.objective_id,),
            )
        if archived:
            error = view.set_objective_status(item.objective_id, objectives.ARCHIVED)
            ui.done(error, ui.tr("objectives.archived_ok", statement=item.statement))
        view.objective_actions(item, actions_of.get(item.objective_id, []), items)

# open at first on an empty list; then as the user leaves it (a save keeps it open, emptied)
st.session_state.setdefault(view.NEW_OPEN, not items)
with st.expander(ui.tr("objectives.new"), key=view.NEW_OPEN, on_change="rerun"):
    view.objective_form(None, all_goals)

if items:
    # its state kept by the session: open while the objective is edited, whatever reruns
    editor = st.expander(ui.tr("objectives.edit"), key=view.EDITOR_OPEN, on_change="rerun")
    if editor.open:
        with editor:
            by_id = {item.objective_id: item for item in items}
            if st.session_state.get(view.EDITOR_PICK) not in by_id:
                st.session_state.pop(view.EDITOR_PICK, None)
            chosen = st.selectbox(
                ui.tr("objectives.pick_edit"),
                list(by_id),
                format_func=lambda i: f"#{i} · {by_id[i].statement[:80]}",
                key=view.EDITOR_PICK,
            )
            view.objective_form(by_id[chosen], all_goals)

with st.expander(ui.tr("objectives.archived")):
    archived = view.load_objectives(objectives.ARCHIVED)
    if not archived:
        st.caption(ui.tr("objectives.no_archived"))
    for item in archived:
        st.markdown(f"#{item.objective_id} · {ui.plain(item.statement)}")
        if st.button(ui.tr("objectives.restore"), key=f"restore_{item.objective_id}"):
            error = view.set_objective_status(item.objective_id, objectives.ACTIVE)
            ui.done(error, ui.tr("objectives.restored", statement=item.statement))
