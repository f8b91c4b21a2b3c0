"""What the forms share (objectives, actions, costs, users): saved by the button's callback,
before the page is drawn again, so that a new item's form can be emptied once it is saved and
keeps what was typed when refused; each refusal of the plan's forms shown under the field it
names (smdash's ``problems``), until that field is changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

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


class Kind(NamedTuple):
    """What a form saves: smdash's ``problems(con, item)`` (each naming its field), the writes
    that add and update an item, and a new item's first values (by widget)."""

    problems: Callable
    add: Callable
    update: Callable
    defaults: Callable[[], dict[str, object]]


def save(form: str, kind: Kind, item: object, new: bool, success: str) -> bool:
    """The button's callback: the item checked, then added (``new``) or updated as the signed-in
    user. A new item's form is emptied once saved: a second click has nothing to save again."""
    with database() as con:
        found: list[FieldError] = kind.problems(con, item)
    if found:
        st.session_state[_problems_key(form)] = {
            p.field: (said(p), getattr(item, p.field, None)) for p in reversed(found)
        }  # reversed: the first problem of a field is the one kept
        return False
    st.session_state.pop(_problems_key(form), None)
    defaults = kind.defaults() if new else None
    return written(form, defaults, success, kind.add if new else kind.update, item)


def written(
    form: str, defaults: dict[str, object] | None, success: str, action: Callable, *args
) -> bool:
    """The button's callback of a form saved by one write, ``action(con, *args)``: refused,
    the form keeps what was typed and the message is shown; saved, it is put back to its
    ``defaults`` (None: kept as it is), so that a second click has nothing to save again."""
    error = write(action, *args).error
    if error:
        flash("error", error)
        return False
    if defaults is not None:
        empty(form, defaults)
    flash("success", success)
    return True
