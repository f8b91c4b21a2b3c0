"""A file the write refuses is logged like one the preview refuses (issue 15, point 10): two
uploads read as fine, but the first brings Instagram's first account and the second, new by
then, is refused inside the write; the history keeps it, naming its accounts, and nothing else
of it is written."""

from conftest import smdash
from page_support import texts
from signin_support import signed_in
from test_new_accounts import instagram_posts

from smdash.db import store
from smdash.imports.refusal_log import refused_files


def _posts(con) -> list[tuple]:
    return con.execute("SELECT account, count(*) FROM posts GROUP BY ALL ORDER BY ALL").fetchall()


def test_a_file_the_write_refuses_is_in_the_history(db_path, start_app):
    at = start_app(None, signed_in(db_path))
    at.switch_page("pages/import_data.py").run()
    bakery = instagram_posts({"bakery": 3})
    shop = instagram_posts({"shop": 2}, first_id=2000)
    # an empty workspace: each file's one account is the first of Instagram, nothing to ask
    at.file_uploader[0].set_value(
        [("bakery.csv", bakery, "text/csv"), ("shop.csv", shop, "text/csv")]
    ).run()
    assert not at.exception and not at.warning
    at.button(key="confirm_import").click().run()
    assert not at.exception
    assert texts(at.success) == ["bakery.csv: 3 added, 0 updated, 0 unchanged."]
    (error,) = texts(at.error)
    assert error.startswith("shop.csv was not imported: shop.csv holds an account new")
    with store.connect(db_path) as con:
        assert _posts(con) == [("bakery", 3)]  # nothing of shop.csv
        assert con.execute("SELECT count(DISTINCT file_name) FROM imports").fetchone()[0] == 1
        (logged,) = refused_files(con)
    assert logged.file_name == "shop.csv"
    assert "Instagram: shop (2 rows)" in logged.reason.message("en")
    assert "Instagram: shop (2 filas)" in logged.reason.message("es")
    assert logged.next_step == "refused.next_fix_file"
    table = at.dataframe[-1].value
    assert table["File"].tolist() == ["shop.csv"]
    assert "Instagram: shop (2 rows)" in table["Why it was refused"].iloc[0]


def test_the_cli_logs_a_refusal_at_write_once_and_its_history_names_the_accounts(db_path, tmp_path):
    first, other = tmp_path / "bakery.csv", tmp_path / "others.csv"
    first.write_bytes(instagram_posts({"bakery": 3}))
    other.write_bytes(instagram_posts({"shop_a": 2}, first_id=2000))
    assert smdash("import", "--db", db_path, first).returncode == 0
    for _ in range(2):  # the same file refused twice for the same reason: one entry
        assert smdash("import", "--db", db_path, other).returncode == 1
    history = smdash("history", "--db", db_path)
    assert history.returncode == 0, history.stderr
    lines = history.stdout.splitlines()
    (line,) = lines[lines.index("Refused files:") + 1 :]
    _, name, detected, reason, _ = line.split("\t")
    assert (name, detected) == ("others.csv", "-")
    assert reason.startswith("others.csv holds an account new to this workspace, Instagram: "
                             "shop_a (2 rows).")  # fmt: skip
    spanish = smdash("history", "--db", db_path, "--lang", "es")
    assert spanish.returncode == 0, spanish.stderr
    assert "Instagram: shop_a (2 filas)" in spanish.stdout
    with store.connect(db_path) as con:
        assert _posts(con) == [("bakery", 3)]
