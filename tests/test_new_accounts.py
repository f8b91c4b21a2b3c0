"""Accounts stay apart: a file whose accounts are new to the workspace is named and confirmed
before it is imported (issue 15, point 5: a Meta export of two other accounts doubled the
bakery's Instagram)."""

import csv
import io
from pathlib import Path

import pytest
from conftest import smdash
from page_support import texts
from signin_support import signed_in

from smdash.db import store
from smdash.imports.accounts import AccountRows, answer, known_accounts, new_accounts
from smdash.imports.errors import ImportFailed
from smdash.imports.pipeline import import_file

HEADER = [
    "Post ID",
    "Account ID",
    "Account username",
    "Account name",
    "Description",
    "Duration (sec)",
    "Publish time",
    "Permalink",
    "Post type",
    "Data comment",
    "Date",
    "Views",
    "Reach",
    "Likes",
    "Shares",
    "Follows",
    "Comments",
    "Saves",
]
CONFIRM = {"new_accounts": "yes"}


def instagram_posts(rows: dict[str, int], first_id: int = 1000) -> bytes:
    """A Meta Business Suite Instagram posts export: ``rows`` posts per account username."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    post = first_id
    for username, count in rows.items():
        for n in range(count):
            post += 1
            when = f"06/{13 + n % 16}/2026 12:00"  # day after 12: not read as a month
            link = f"https://www.instagram.com/p/{post}/"
            writer.writerow(
                [post, 17841, username, username.title(), "A post", 0, when, link, "IG image"]
                + ["", "Lifetime", 1000, 800, 40, 2, 1, 3, 4]
            )
    return out.getvalue().encode("utf-8")


@pytest.fixture
def write(tmp_path):
    def write_file(name: str, content: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(content)
        return path

    return write_file


@pytest.fixture
def bakery(con, write):
    """A workspace holding the bakery's Instagram posts (account 'bakery')."""
    import_file(con, write("bakery.csv", instagram_posts({"bakery": 3})), isolated=False)
    return con


def posts(con) -> list[tuple]:
    sql = "SELECT account, count(*) FROM posts GROUP BY ALL ORDER BY ALL"
    return con.execute(sql).fetchall()


def test_accounts_of_a_network_that_has_one_are_new(bakery):
    assert known_accounts(bakery) == {("instagram", "bakery")}
    file = [AccountRows("instagram", "bakery", 5), AccountRows("instagram", "other", 7)]
    assert new_accounts(bakery, file) == [AccountRows("instagram", "other", 7)]


def test_the_first_account_of_a_network_is_not_asked_about(bakery):
    assert new_accounts(bakery, [AccountRows("facebook", "Bakery page", 4)]) == []
    assert new_accounts(bakery, [AccountRows("instagram", "bakery", 4)]) == []


def test_an_empty_workspace_asks_only_when_a_file_brings_two_accounts_of_a_network(con):
    assert new_accounts(con, [AccountRows("instagram", "bakery", 4)]) == []
    two = [AccountRows("instagram", "a", 4), AccountRows("instagram", "b", 6)]
    assert new_accounts(con, two) == two


def test_rows_that_name_no_account_are_not_asked_about(bakery):
    assert new_accounts(bakery, [AccountRows("instagram", "", 30)]) == []


def test_web_properties_are_not_asked_about(con):
    sites = [AccountRows("web", "Matomo site", 4), AccountRows("web", "plausible", 4)]
    assert new_accounts(con, sites) == []


def test_rows_of_one_account_in_two_parts_add_up(bakery):
    parts = [AccountRows("instagram", "other", 2), AccountRows("instagram", "other", 3)]
    assert new_accounts(bakery, parts) == [AccountRows("instagram", "other", 5)]


def test_the_preview_names_the_accounts_of_a_file_with_their_rows(con, write):
    from smdash.imports.pipeline import prepare

    path = write("two.csv", instagram_posts({"shop_a": 2, "shop_b": 4}))
    prepared = prepare(con, path, isolated=False)
    assert prepared.accounts == [
        AccountRows("instagram", "shop_a", 2),
        AccountRows("instagram", "shop_b", 4),
    ]


def test_an_import_of_other_accounts_waits_for_confirmation(bakery, write):
    path = write("others.csv", instagram_posts({"shop_a": 2, "shop_b": 4}, first_id=2000))
    with pytest.raises(ImportFailed) as refused:
        import_file(bakery, path, isolated=False)
    assert refused.value.code == "new_accounts"
    message = refused.value.message("en")
    assert "Instagram: shop_a (2 rows); Instagram: shop_b (4 rows)" in message
    assert "--new-accounts" in message
    assert "Instagram: shop_a (2 filas)" in refused.value.message("es")
    assert posts(bakery) == [("bakery", 3)]  # nothing written
    result = import_file(bakery, path, isolated=False, answers=CONFIRM)
    assert [a.account for a in result.new_accounts] == ["shop_a", "shop_b"]
    assert posts(bakery) == [("bakery", 3), ("shop_a", 2), ("shop_b", 4)]
    logged = bakery.execute(
        "SELECT answers FROM imports WHERE import_id = ?", [result.import_id]
    ).fetchone()[0]
    assert logged == '{"new_accounts": "instagram: shop_a; instagram: shop_b"}'


def test_the_preview_confirms_the_accounts_it_named_and_no_other(bakery, write):
    path = write("others.csv", instagram_posts({"shop_a": 2, "shop_b": 4}, first_id=2000))
    only_a = {"new_accounts": answer([AccountRows("instagram", "shop_a", 2)])}
    with pytest.raises(ImportFailed, match=r"Instagram: shop_b \(4 rows\)"):
        import_file(bakery, path, isolated=False, answers=only_a)
    both = answer([AccountRows("instagram", "shop_a", 2), AccountRows("instagram", "shop_b", 4)])
    import_file(bakery, path, isolated=False, answers={"new_accounts": both})
    assert posts(bakery) == [("bakery", 3), ("shop_a", 2), ("shop_b", 4)]


def test_more_rows_of_a_known_account_import_without_asking(bakery, write):
    path = write("more.csv", instagram_posts({"bakery": 5}, first_id=3000))
    result = import_file(bakery, path, isolated=False)
    assert result.new_accounts == []
    assert posts(bakery) == [("bakery", 8)]


def test_cli_refuses_new_accounts_until_told_to_import_them(db_path, write):
    assert (
        smdash("import", "--db", db_path, write("b.csv", instagram_posts({"bakery": 3}))).returncode
        == 0
    )
    others = write("others.csv", instagram_posts({"shop_a": 2}, first_id=2000))
    refused = smdash("import", "--db", db_path, others)
    assert refused.returncode == 1
    assert "others.csv: ERROR" in refused.stdout
    assert "Instagram: shop_a (2 rows)" in refused.stdout
    assert "--new-accounts" in refused.stdout
    with store.connect(db_path) as con:
        assert posts(con) == [("bakery", 3)]
    confirmed = smdash("import", "--db", db_path, "--new-accounts", others)
    assert confirmed.returncode == 0, confirmed.stdout + confirmed.stderr
    assert "--new-accounts: new accounts imported: Instagram: shop_a (2 rows)" in confirmed.stdout
    with store.connect(db_path) as con:
        assert posts(con) == [("bakery", 3), ("shop_a", 2)]


@pytest.fixture
def import_page(db_path, start_app, write):
    """The Import page, signed in as an editor, over a workspace holding the bakery's posts."""
    with store.connect(db_path) as con:
        import_file(con, write("bakery.csv", instagram_posts({"bakery": 3})), isolated=False)
    at = start_app(None, signed_in(db_path))
    at.switch_page("pages/import_data.py").run()
    return at


def test_the_preview_asks_and_the_import_waits_for_confirmation(import_page, db_path):
    at = import_page
    content = instagram_posts({"shop_a": 2, "shop_b": 4}, first_id=2000)
    at.file_uploader[0].set_value(("others.csv", content, "text/csv")).run()
    assert not at.exception
    assert texts(at.warning)[0] == (
        "2 new accounts in this workspace: Instagram: shop\\_a (2 rows); Instagram: shop\\_b "
        "(4 rows). Their figures will count in their networks beside your other accounts: "
        "check that they are yours before importing."
    )
    assert "others.csv waits until you confirm its new accounts" in texts(at.info)[0]
    assert not [b for b in at.button if b.key == "confirm_import"]  # nothing to import yet
    box = at.checkbox[0]
    assert box.label == "These accounts are mine: import them"
    box.check().run()
    at.button(key="confirm_import").click().run()
    assert not at.exception
    assert texts(at.success) == ["others.csv: 6 added, 0 updated, 0 unchanged."]
    with store.connect(db_path) as con:
        assert posts(con) == [("bakery", 3), ("shop_a", 2), ("shop_b", 4)]
