"""Accounts stay apart on the pages: where a network has two accounts, Overview and KPI progress
see one of them, and a follower count over both says it is a total (issue 15, point 5)."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from signin_support import signed_in
from test_new_accounts import instagram_posts
from test_plan_document import pdf_pages

from smdash import executive
from smdash.db import store
from smdash.imports.pipeline import import_file
from smdash.metrics import kpis
from smdash.metrics.accounts import Account, follower_accounts, several
from smdash.metrics.summary import summary
from smdash.reports.pdf import pdf_report
from smdash.reports.xlsx import xlsx_report

JUNE = (dt.date(2026, 6, 1), dt.date(2026, 6, 30))
SHOP = Account("instagram", "shop_a")
FOLLOWERS = {"bakery": 1000, "shop_a": 500}


def two_accounts(con, tmp_path) -> None:
    """The bakery's Instagram (3 posts, 1,000 followers) and another account (2 posts, 500)."""
    path = tmp_path / "posts.csv"
    path.write_bytes(instagram_posts({"bakery": 3, "shop_a": 2}))
    import_file(con, path, isolated=False, answers={"new_accounts": "yes"})
    for account, followers in FOLLOWERS.items():
        con.execute(
            "INSERT INTO account_daily VALUES "
            "('instagram', ?, DATE '2026-06-28', 'followers', ?, 1)",
            [account, followers],
        )


@pytest.fixture
def workspace(con, tmp_path):
    two_accounts(con, tmp_path)
    return con


def test_the_networks_with_several_accounts_are_offered(workspace):
    assert several(workspace) == [Account("instagram", "bakery"), SHOP]


def test_one_account_of_a_network_counts_alone(workspace):
    everyone = summary(workspace, *JUNE)["networks"]["instagram"]
    shop = summary(workspace, *JUNE, account=SHOP)["networks"]["instagram"]
    assert (everyone["posts"], everyone["impressions"], everyone["followers"]) == (5, 5000, 1500)
    assert (shop["posts"], shop["impressions"], shop["followers"]) == (2, 2000, 500)


def test_a_follower_count_says_how_many_accounts_it_adds(workspace):
    assert follower_accounts(workspace, *JUNE) == {"instagram": 2}
    assert follower_accounts(workspace, *JUNE, SHOP) == {}


def test_kpis_of_one_account(workspace):
    assert kpis.value(workspace, "followers", "instagram", *JUNE) == 1500
    assert kpis.value(workspace, "followers", "instagram", *JUNE, SHOP) == 500
    assert kpis.value(workspace, "posts", kpis.ALL, *JUNE, SHOP) == 2
    table = kpis.comparison(workspace, "instagram", *JUNE, SHOP).set_index("kpi")
    assert table.loc["impressions", "current"] == 2000
    assert table.loc["followers", "accounts"] == 1
    both = kpis.comparison(workspace, "instagram", *JUNE).set_index("kpi")
    assert both.loc["followers", "accounts"] == 2


@pytest.fixture
def two_account_app(db_path, start_app, tmp_path):
    """The app, signed in as an editor, on the hand-made two-account workspace."""
    with store.connect(db_path) as con:
        two_accounts(con, tmp_path)
    return start_app(None, signed_in(db_path))


def test_overview_filters_by_account_and_labels_a_total_of_accounts(two_account_app):
    at = two_account_app
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    box = at.selectbox(key="overview_account")
    assert box.options == ["All accounts", "Instagram: bakery", "Instagram: shop_a"]
    table = at.dataframe[0].value.set_index("Network")
    assert table.loc["Instagram", "Posts"] == "5"
    assert table.loc["Instagram", "Followers"] == "1,500 (total of 2 accounts)"
    box.select_index(2).run()
    assert not at.exception
    table = at.dataframe[0].value.set_index("Network")
    assert table.loc["Instagram", "Posts"] == "2"
    assert table.loc["Instagram", "Impressions"] == "2,000"
    assert table.loc["Instagram", "Followers"] == "500"


def test_kpi_progress_compares_one_account(two_account_app):
    at = two_account_app
    at.switch_page("pages/kpis.py").run()
    assert not at.exception
    at.date_input(key="kpi_period").set_value(JUNE).run()

    def posts_and_impressions():
        table = at.dataframe[-1].value.set_index("KPI")
        return table.loc["Posts published", "Period"], table.loc["Impressions", "Period"]

    assert posts_and_impressions() == ("5", "5,000")
    followers = at.dataframe[-1].value.set_index("KPI").loc["Followers at end of period"]
    assert followers["Period"] == "1,500 (total of 2 accounts)"
    at.selectbox(key="kpi_account").select_index(2).run()
    assert not at.exception
    assert posts_and_impressions() == ("2", "2,000")


# The Executive summary's pinned follower count over the two accounts says it is a total, on
# the page, in the PDF and in the XLSX, in English and Spanish.
def test_the_executive_summary_labels_a_follower_count_over_accounts(workspace):
    executive.set_pinned(workspace, ["followers"])
    s = executive.build(workspace, executive.parse_period("2026-06"))
    followers = s.figure("followers")
    assert (followers.value, followers.extra["accounts"]) == (1500, 2)
    assert executive.figure_value(followers, "en", s.currency) == "1,500 (total of 2 accounts)"
    assert executive.figure_value(followers, "es", s.currency) == "1.500 (total de 2 cuentas)"
    # on a card, the count alone and how many accounts under it (a phone's card is narrow)
    assert executive.figure_value(followers, "es", s.currency, short=True) == "1.500"
    text = " ".join(pdf_pages(pdf_report(s, "es")))
    assert "Seguidores al final del periodo 1.500 Total de 2 cuentas" in text
    book = load_workbook(io.BytesIO(xlsx_report(s, "en")))
    rows = {row[0].value: row[1] for row in book.worksheets[1].iter_rows(min_row=2)}
    cell = rows["Followers at end of period (total of 2 accounts)"]
    assert cell.value == 1500 and cell.number_format == "#,##0"


def test_one_account_is_no_total(con, tmp_path):
    path = tmp_path / "posts.csv"
    path.write_bytes(instagram_posts({"bakery": 3}))
    import_file(con, path, isolated=False, answers={"new_accounts": "yes"})
    con.execute(
        "INSERT INTO account_daily VALUES ('instagram', 'bakery', DATE '2026-06-28', "
        "'followers', 1000, 1)"
    )
    executive.set_pinned(con, ["followers"])
    s = executive.build(con, executive.parse_period("2026-06"))
    followers = s.figure("followers")
    assert executive.figure_value(followers, "en", s.currency) == "1,000"
    assert executive.accounts_line(followers, "en") is None


def test_the_executive_page_labels_a_follower_count_over_accounts(two_account_app, db_path):
    with store.connect(db_path) as con:
        executive.set_pinned(con, ["followers"])
    at = two_account_app
    at.switch_page("pages/executive_summary.py").run()
    assert not at.exception
    values = {m.label: m.value for m in at.metric}
    assert values["Followers at end of period"] == "1,500"
    assert "Total of 2 accounts" in [c.value for c in at.caption]
