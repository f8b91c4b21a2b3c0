"""Accounts new to the workspace: a file that would blend an account into another is asked about.

Each imported table names the account of its rows (``Table.account``: a page or profile, an ad
account, a GA4 property). A network's figures add up its accounts, so a file of someone else's
account, imported by mistake, swells them (a Meta export of two other accounts doubled the
bakery's Instagram). Before a file is written, its accounts are compared with the ones the
workspace already holds, network by network (``new_accounts``):

- an account is *new* when no table holds a row of it on that network yet;
- a new account needs confirming when its network already has an account in the workspace, or
  when the file brings more than one account of a network: that is when two accounts would
  add up. The first account of a network (the first import into an empty workspace, or the
  first file of a network) imports without asking, as there is nothing to blend it with;
- rows that name no account (Meta's daily series) are never asked about: the file does not
  say whose they are (the platform question of ``questions`` is what they ask);
- web traffic is not asked about: its "account" is the analytics property or site, and one
  site is often read from two tools (Matomo and Plausible) on purpose.

The preview names the new accounts with their rows and asks to confirm; the import refuses a
file with new accounts to confirm unless the answer ``NEW_ACCOUNTS`` confirms them: the
preview's names the accounts it showed (``answer``), so that an account it did not show (new
by the time of the write, after another file) is still refused; the CLI's ``--new-accounts``
confirms any. The import log keeps the accounts confirmed (``imports.answers``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

import duckdb

from smdash.core.i18n import t
from smdash.db.tables import TABLES, Table, quote
from smdash.imports.errors import ImportFailed

NEW_ACCOUNTS = "new_accounts"
CONFIRMED = "yes"
WEB = "web"  # the network of web-traffic rows (their account: the analytics property or site)


@dataclass(frozen=True)
class AccountRows:
    """One account of a file: its network, its name and the file's rows of it."""

    platform: str
    account: str
    rows: int

    def label(self, lang: str, literal=lambda text: text) -> str:
        """'Instagram: other_shop (120 rows)'; ``literal``: the UI's escaping of the name."""
        network = t(f"network.{self.platform}", lang)
        account = literal(self.account)
        return t("accounts.rows", lang, network=network, account=account, count=self.rows)


def known_accounts(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    """Every (network, account) the workspace holds a row of, in the tables of social accounts
    (posts, daily series, ad spend)."""
    selects = [_accounts_of(table) for table in TABLES.values() if "platform" in table.columns]
    return {tuple(row) for row in con.execute(" UNION ".join(selects)).fetchall()}


def _accounts_of(table: Table) -> str:
    account = f"coalesce({quote(table.account)}, '')"
    return f"SELECT {network_column(table)}, {account} FROM {quote(table.name)}"  # noqa: S608 - names from TABLES


def network_column(table: Table) -> str:
    """The SQL for a row's network in ``table``: its platform, else the web's."""
    return "platform" if "platform" in table.columns else repr(WEB)


def new_accounts(
    con: duckdb.DuckDBPyConnection, accounts: Iterable[AccountRows]
) -> list[AccountRows]:
    """The accounts of a file that need confirming (see the module's text), by network and name;
    ``accounts``: the file's, as its parts found them (``Part.accounts``)."""
    known = known_accounts(con)
    networks_known = {platform for platform, account in known if account}
    rows: dict[tuple[str, str], int] = {}
    for found in accounts:
        if found.account and found.platform != WEB:
            key = (found.platform, found.account)
            rows[key] = rows.get(key, 0) + found.rows
    new = [key for key in rows if key not in known]
    in_file = [platform for platform, _ in rows]
    asked = [
        (platform, account)
        for platform, account in new
        if platform in networks_known or in_file.count(platform) > 1
    ]
    return [AccountRows(p, a, rows[(p, a)]) for p, a in sorted(asked)]


def answer(new: list[AccountRows]) -> str:
    """The answer that confirms these accounts and no other (the preview's): a JSON list."""
    return json.dumps([[found.platform, found.account] for found in new])


def confirmed(answers: dict[str, str] | None, new: list[AccountRows]) -> bool:
    """Whether ``answers`` confirm every one of ``new``: ``CONFIRMED`` confirms any (the
    CLI's ``--new-accounts``), a list of ``answer`` the accounts it names."""
    given = (answers or {}).get(NEW_ACCOUNTS) or "[]"
    if given == CONFIRMED:
        return True
    try:
        named = {tuple(pair) for pair in json.loads(given)}
    except (ValueError, TypeError):
        return False
    return all((found.platform, found.account) in named for found in new)


class NewAccountsRefused(ImportFailed):
    """A file with new accounts not confirmed: names them, with their rows, in ``lang``.

    Its params hold the accounts as [network, account, rows] (``NEW_ACCOUNTS``), so that the
    refusal log (``refusal_log``) keeps them and tells them again in the reader's language."""

    KEY = "import_error.new_accounts"

    def __init__(self, file_name: str, new: list[AccountRows]) -> None:
        self.new = new
        found = [[a.platform, a.account, a.rows] for a in new]
        super().__init__("new_accounts", file=file_name, count=len(new), **{NEW_ACCOUNTS: found})

    @classmethod
    def from_log(cls, params: dict) -> NewAccountsRefused:
        """The refusal again from the params the refusal log kept."""
        found = [AccountRows(*a) for a in params.get(NEW_ACCOUNTS, [])]
        return cls(params.get("file", ""), found)

    def message(self, lang: str = "en", literal=None) -> str:
        literal = literal or (lambda text: text)
        accounts = listed(self.new, lang, literal)
        return t(
            self.key,
            lang,
            file=literal(self.params["file"]),
            count=len(self.new),
            accounts=accounts,
        )


def check(file_name: str, new: list[AccountRows], answers: dict[str, str] | None) -> None:
    """Refuse a file whose new accounts were not confirmed (nothing is written)."""
    if new and not confirmed(answers, new):
        raise NewAccountsRefused(file_name, new)


def listed(new: list[AccountRows], lang: str, literal=lambda text: text) -> str:
    return "; ".join(found.label(lang, literal) for found in new)


def logged(new: list[AccountRows]) -> str:
    """What the import log keeps of the accounts confirmed: 'instagram: other_shop; ...'."""
    return "; ".join(f"{found.platform}: {found.account}" for found in new)
