"""The one account selector of the pages: where a network has more than one account, see one."""

from __future__ import annotations

import streamlit as st

from smdash.core.i18n import t
from smdash.metrics import accounts, kpis
from smdash.metrics.accounts import Account
from smdash.ui.networks import network_label
from smdash.ui.runtime import lang, loader, tr

load_several = loader(accounts.several)


def one_of(column, names: list[str], key: str) -> str | None:
    """One of a network's accounts (``names``), when it has more than one: None for all."""
    if len(names) < 2:
        return None
    everyone = tr("accounts.all")
    chosen = column.selectbox(tr("accounts.filter"), [everyone, *names], key=key)
    return None if chosen == everyone else chosen


def account_filter(key: str, column=st) -> Account | None:
    """Across networks (Overview, KPI progress): one account of a network that has several,
    the other networks as they are; None (all accounts) when no network has several."""
    choices = load_several()
    if not choices:
        return None
    chosen = column.selectbox(
        tr("accounts.filter"), [None, *choices], format_func=option_label, key=key
    )
    if chosen is not None:
        network = network_label(chosen.network)
        st.caption(tr("accounts.filter_note", account=chosen.name, network=network))
    return chosen


def option_label(choice: Account | None) -> str:
    if choice is None:
        return tr("accounts.all")
    # a selectbox shows plain text: the name as it is, not escaped for Markdown
    return t("accounts.option", lang(), network=network_label(choice.network), account=choice.name)


def followers_text(text: str, count: int | None) -> str:
    """A follower count as shown, labelled when it adds up several accounts (a table cell:
    plain text)."""
    return accounts.followers_text(text, count, lang())


def added_up_note(scope: str) -> str | None:
    """Under a figure of ``scope`` (a network, or every one): the networks whose several
    accounts it adds up, or None when it adds up none."""
    several: dict[str, list[str]] = {}
    for choice in load_several():
        if scope in (choice.network, kpis.ALL):
            several.setdefault(choice.network, []).append(choice.name)
    if not several:
        return None
    parts = [
        tr("accounts.added_up", network=network_label(n), count=len(names), names=", ".join(names))
        for n, names in several.items()
    ]
    return "; ".join(parts)
