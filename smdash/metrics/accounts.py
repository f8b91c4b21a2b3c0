"""The accounts of a network, and figures of one account only, so that accounts stay apart.

A network's figures add up the accounts imported for it (posts and daily series). Where a
network has more than one named account, the pages offer to see one of them (``Account``): the
figures of that network then count that account's rows alone, and other networks' stay as they
are. Rows that name no account (Meta's daily series) belong to no account and are left out of
such a view. Web traffic (GA4) has no social account: it is never filtered.

A follower count added up over several accounts is labelled with how many it adds
(``follower_accounts``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from smdash.core.i18n import t


@dataclass(frozen=True)
class Account:
    """One account of one network: the choice of the pages' account filter."""

    network: str
    name: str


def several(con: duckdb.DuckDBPyConnection) -> list[Account]:
    """The named accounts of every network that has more than one, by network and name."""
    rows = con.execute(
        """WITH named AS (
               SELECT platform, account FROM posts WHERE coalesce(account, '') <> ''
               UNION SELECT platform, account FROM account_daily WHERE account <> '')
           SELECT platform, account FROM named
           QUALIFY count(*) OVER (PARTITION BY platform) > 1
           ORDER BY platform, account"""
    ).fetchall()
    return [Account(*row) for row in rows]


def keeps(network: str = "platform", account: str = "account") -> str:
    """SQL: whether a row is in the account view (parameters ``$account_network``,
    ``$account_name``; see ``params``), given the SQL of its network and account."""
    return (
        f"($account_network IS NULL OR {network} <> $account_network "
        f"OR coalesce({account}, '') = $account_name)"
    )


def params(account: Account | None) -> dict[str, str | None]:
    """The parameters of ``keeps``: none, or the network and the account kept."""
    if account is None:
        return {"account_network": None, "account_name": None}
    return {"account_network": account.network, "account_name": account.name}


def follower_accounts(
    con: duckdb.DuckDBPyConnection,
    date_from: dt.date,
    date_to: dt.date,
    account: Account | None = None,
) -> dict[str, int]:
    """How many accounts each network's follower count adds up in the dates, for the networks
    where it adds more than one."""
    rows = con.execute(
        f"""SELECT platform, count(DISTINCT account) FROM account_daily
            WHERE metric = 'followers' AND day BETWEEN $date_from AND $date_to
              AND {keeps()}
            GROUP BY platform HAVING count(DISTINCT account) > 1""",  # noqa: S608 - keeps(): SQL from code
        {"date_from": date_from, "date_to": date_to, **params(account)},
    ).fetchall()
    return dict(rows)


def followers_text(text: str, count: int | None, lang: str) -> str:
    """A follower count as written (``text``), labelled when it adds up several accounts
    (``count``): ``1,500 (total of 2 accounts)``. Plain text, for a table cell or a report."""
    if not count or count < 2:
        return text
    return t("accounts.followers_total", lang, value=text, count=count)


def total_note(count: int | None, lang: str) -> str | None:
    """``Total of 2 accounts`` under a follower count that adds up several; None otherwise."""
    return t("accounts.total_note", lang, count=count) if count and count > 1 else None
