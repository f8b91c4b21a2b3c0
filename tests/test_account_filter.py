"""Accounts stay apart on the pages: where a network has two accounts, Overview and KPI progress
see one of them, and a follower count over both says it is a total (issue 15, point 5)."""

import datetime as dt

import pytest
from signin_support import signed_in
from test_new_accounts import instagram_posts

from smdash.db import store
from smdash.imports.pipeline import import_file
from smdash.metrics import kpis
from smdash.metrics.accounts import Account, follower_accounts, several
from smdash.metrics.summary import summary

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
