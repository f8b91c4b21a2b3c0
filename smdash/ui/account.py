"""The My account page's glue: the signed-in user changes their own password."""

from __future__ import annotations

import streamlit as st

from smdash.access import auth
from smdash.ui.runtime import Keys, user, write


def change_own_password(current: str, new: str, repeat: str) -> str | None:
    """The signed-in user (editor or viewer) changes their own password; an error text or None.

    A write of their own account, which a viewer may make: ``auth.change_own_password`` does its
    own check that the account is the signed-in user's, and records the change.
    """
    me, token = user(), st.session_state.get(Keys.TOKEN)

    def change(con) -> None:
        auth.change_own_password(con, me.name, current, new, repeat, actor=me, keep_session=token)

    return write(change, own_account=True).error
