"""plain(): text from files and users is shown as text wherever Streamlit renders Markdown."""

import html

import pytest
from markdown_it import MarkdownIt

from smdash.ui.runtime import figures_table, plain, tr

# CommonMark with the GFM parts Streamlit's renderer also has: tables, strikethrough, bare links
MARKDOWN = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "strikethrough", "linkify"])

HOSTILE = [
    "# Session expired: sign in again at https://evil.example/login",
    "Spring\n# Session expired\nsign in at https://evil.example/login",
    "> quoted\n> twice",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "visit www.evil.example today",
    "write to boss@evil.example",
    ":red[alarm] :skull: **bold** _it_ `code` ~~gone~~ $x^2$",
    "[click](https://evil.example) ![img](https://evil.example/a.png)",
    "<https://evil.example> <b>bold</b> &#x202E; &amp;",
    "- item",
    "+ item",
    "1. first",
    "12) twelfth",
    "---",
    "back\\slash \\# not a heading",
    "line\r\nbreaks\u2028everywhere\u2029too",
]


def rendered(markdown: str) -> str:
    return MARKDOWN.render(markdown).strip()


@pytest.mark.parametrize("text", HOSTILE)
def test_plain_text_renders_as_one_paragraph_of_the_same_text(text):
    one_line = " ".join(
        text.replace("\r\n", "\n").replace("\u2028", "\n").replace("\u2029", "\n").split("\n")
    )
    expected = f"<p>{html.escape(one_line, quote=False)}</p>"
    assert rendered(plain(text)) == expected
    assert rendered(f"Campaign {plain(text)} has no source") == (
        f"<p>Campaign {html.escape(one_line, quote=False)} has no source</p>"
    )


def test_numbers_dates_and_times_stay_readable():
    for text in ["1.234,5", "2026/10/03", "14:30", "12,5 %", "ES-es", "utm-campaign"]:
        assert plain(text) == text


def test_message_values_are_escaped_once(monkeypatch):
    import smdash.ui.runtime as runtime

    monkeypatch.setattr(runtime, "lang", lambda: "en")
    message = tr("import.failed", file="# big*name*.csv", error="x")
    assert "\\# big\\*name\\*.csv" in message
    assert "\\\\" not in message


def test_figures_are_one_table_of_literal_cells_three_to_a_row():
    shown = [("Current", "1,234.5"), ("Target | *max*", "-12 %"), ("Progress", "61 %"),
             ("Forecast", "—")]  # fmt: skip
    html_table = rendered(figures_table(shown))
    assert html_table.count("<table>") == 1 and html_table.count("<tr>") == 4
    assert "<th>Current</th>\n<th>Target | *max*</th>\n<th>Progress</th>" in html_table
    assert "<td>1,234.5</td>\n<td>-12 %</td>\n<td>61 %</td>" in html_table
    assert "<td><strong>Forecast</strong></td>\n<td></td>\n<td></td>" in html_table
    assert "<td>—</td>\n<td></td>\n<td></td>" in html_table
