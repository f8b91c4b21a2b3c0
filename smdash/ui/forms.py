"""What the plan's forms share (objectives, actions): saved by the button's callback, before the
page is drawn again, so that a new item's form can be emptied once it is saved; each refusal
shown under the field it names (smdash's ``problems``), until that field is changed."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from smdash.core.errors import FieldError
from smdash.ui.runtime import database, flash, said, write


def _problems_key(form: str) -> str:
    return f"{form}__problems"


def widget_key(form: str, field: str) -> str:
    return f"{form}_{field}"


def start(form: str, defaults: dict[str, object]) -> None:
    """Give a new item's widgets their first values through the session (never also as
    ``value=``), so that ``empty`` can put them back after a save."""
    for field, default in defaults.items():
        st.session_state.setdefault(widget_key(form, field), default)


def empty(form: str, defaults: dict[str, object]) -> None:
    """Put a new item's widgets back to their first values (in a callback: before they are
    drawn again)."""
    for field, default in defaults.items():
        st.session_state[widget_key(form, field)] = default


def value(form: str, field: str) -> object:
    """What the widget of ``field`` holds (in a callback)."""
    return st.session_state.get(widget_key(form, field))


def problem_under(container, form: str, field: str, shown: object) -> None:
    """The refusal that names ``field``, under its widget, while the field holds what was
    refused (``shown``: what the widget holds now)."""
    found = st.session_state.get(_problems_key(form), {}).get(field)
    if found is not None and found[1] == shown:
        container.error(found[0], icon=":material/error:")


def save(
    form: str,
    check: Callable,
    action: Callable,
    item: object,
    success: str,
    defaults: dict[str, object] | None = None,
) -> bool:
    """The button's callback: ``check(con, item)`` (smdash's problems, each naming its field),
    then ``action(con, item)`` as the signed-in user. A new item's form is emptied (to
    ``defaults``) once saved: a second click then has nothing to save again."""
    with database() as con:
        found: list[FieldError] = check(con, item)
    if found:
        st.session_state[_problems_key(form)] = {
            p.field: (said(p), getattr(item, p.field, None)) for p in reversed(found)
        }  # reversed: the first problem of a field is the one kept
        return False
    st.session_state.pop(_problems_key(form), None)
    error = write(action, item).error
    if error:
        flash("error", error)
        return False
    if defaults is not None:
        empty(form, defaults)
    flash("success", success)
    return True
