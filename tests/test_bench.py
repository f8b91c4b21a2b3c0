"""The import benchmark at a small size: its files have the right shape and import whole.

Timings are not asserted: this only checks that ``python -m tools.bench`` measures what it
says it measures.
"""

from __future__ import annotations

from python_calamine import CalamineWorkbook

from tools import bench

CSV_ROWS = 2_000
XLSX_ROWS = 200


def test_ga4_csv_has_the_download_shape_and_unique_rows(tmp_path):
    path = bench.generate_ga4_csv(tmp_path / "ga4.csv", CSV_ROWS)
    lines = path.read_text(encoding="utf-8").splitlines()
    preamble, header, body = lines[:9], lines[9], lines[10:]
    assert all(line.startswith("#") for line in preamble)
    assert "# Start date: 20190101" in preamble
    assert header == ",".join(bench.GA4_HEADER)
    assert len(body) == CSV_ROWS
    keys = [tuple(line.split(",")[:3]) for line in body]
    assert len(set(keys)) == CSV_ROWS  # one row per (date, source / medium, campaign)
    assert all(len(line.split(",")) == len(bench.GA4_HEADER) for line in body)
    # the same size gives the same file
    assert bench.generate_ga4_csv(tmp_path / "again.csv", CSV_ROWS).read_bytes() == (
        path.read_bytes()
    )


def test_linkedin_xlsx_has_the_export_shape(tmp_path):
    path = bench.generate_linkedin_xlsx(tmp_path / "linkedin.xlsx", XLSX_ROWS)
    workbook = CalamineWorkbook.from_path(str(path))
    assert workbook.sheet_names == ["Metrics", "All posts"]
    rows = workbook.get_sheet_by_name("All posts").to_python()
    assert rows[0][0] == bench.LINKEDIN_POSTS_NOTE
    assert rows[1] == bench.LINKEDIN_POSTS_HEADER
    assert len(rows) == XLSX_ROWS + 2
    assert len({row[1] for row in rows[2:]}) == XLSX_ROWS  # every post link differs


def test_benchmark_measures_whole_imports(tmp_path):
    report = bench.run_benchmark(CSV_ROWS, XLSX_ROWS, tmp_path, profile=True, log=lambda _: None)
    results = report.results
    for key in ("bare", "import", "reimport", "openpyxl", "calamine"):
        assert "error" not in results[key], results[key]
    assert results["bare"]["rows"] == CSV_ROWS
    assert results["import"]["rows"] == CSV_ROWS
    assert results["import"]["counts"] == {"added": CSV_ROWS, "updated": 0, "unchanged": 0}
    assert results["reimport"]["rows"] == CSV_ROWS
    assert results["reimport"]["counts"] == {"added": 0, "updated": 0, "unchanged": CSV_ROWS}
    assert results["import"]["path"] == results["reimport"]["path"] == "one pass"
    assert results["openpyxl"]["rows"] == XLSX_ROWS
    assert results["calamine"]["rows"] == XLSX_ROWS
    # RUSAGE_CHILDREN is the largest peak of any child so far, the import's among them
    assert results["import"]["children_maxrss_mib"] >= results["import"]["peak_rss_mib"] > 0
    assert report.targets[2][0].startswith("d. peak RSS of the CSV import")
    assert results["import"]["statements"], "--profile records the SQL statements"
    text = bench.format_report(report)
    assert "d. peak RSS of the CSV import" in text
    assert text.count("PASS") + text.count("FAIL") == len(report.targets)

    # smdash has the LinkedIn content format, so the benchmark measures the XLSX import too
    assert bench.linkedin_format_available() == (True, "")
    assert results["xlsx_import"]["rows"] == XLSX_ROWS
    assert results["xlsx_import"]["counts"] == {"added": XLSX_ROWS, "updated": 0, "unchanged": 0}


def test_the_benchmark_times_how_long_the_database_is_held_for_the_write(tmp_path):
    csv = bench.generate_ga4_csv(tmp_path / "ga4.csv", CSV_ROWS)
    result = bench._smdash_import(str(csv), str(tmp_path / "held.duckdb"))
    assert result["counts"]["added"] == CSV_ROWS
    assert 0 < result["lock_held_seconds"] < result["seconds"]
    assert result["reader_peak_rss_mib"] > 0
