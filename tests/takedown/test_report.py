"""`takedown report`: the warehouse notebook run headless in a real kernel, rendered as HTML."""
import html
import json
import re

import duckdb
import nbformat
import pytest

from takedown.cli import main
from takedown.report import NOTEBOOK

CHART = 'src="data:image/png;base64,'  # an embedded output image (the page's CSS has one data URL too)


def _visible_text(page: str) -> str:
    """The page without tags, styles and scripts, entities decoded: what a reader sees."""
    body = re.sub(r"<style.*?</style>|<script.*?</script>", "", page[page.index("<body"):], flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def _broken_user_kernelspec(folder, monkeypatch):
    """A user-level `python3` kernelspec pointing at a Python that does not exist."""
    spec = folder / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": ["/nonexistent/python", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "someone else's python", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(folder))
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(folder))


def test_report_draws_the_sample_warehouse_while_a_reader_holds_it_open(sample_warehouse, tmp_path, monkeypatch, capsys):
    _broken_user_kernelspec(tmp_path / "jupyter", monkeypatch)
    out = tmp_path / "reports" / "report.html"
    with duckdb.connect(str(sample_warehouse), read_only=True) as reader:
        top_country = reader.execute(
            "SELECT country_name FROM v_country_enforcement ORDER BY arrests + searches DESC, country_name LIMIT 1"
        ).fetchall()[0][0]
        operation_names = [row[0] for row in reader.execute(
            "SELECT operation_name FROM v_operations WHERE operation_name IS NOT NULL").fetchall()]
        exit_code = main(["report", "--warehouse", str(sample_warehouse), "--out", str(out)])
    assert exit_code == 0
    assert capsys.readouterr().out.strip() == str(out)
    page = out.read_text(encoding="utf-8")
    assert page.count(CHART) == 4  # operations over time, countries, agency network, disagreements
    text = _visible_text(page)
    assert f"reading {sample_warehouse.resolve()} (read-only)" in text
    assert top_country in text
    assert operation_names and all(name in text for name in operation_names)
    assert "Traceback" not in text


def test_an_empty_warehouse_gives_charts_that_say_there_is_no_data(tmp_path, empty_warehouse):
    warehouse = empty_warehouse
    out = tmp_path / "empty.html"
    assert main(["report", "--warehouse", str(warehouse), "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.count(CHART) == 4
    assert "No disagreements" in _visible_text(page)


def test_a_failing_cell_exits_1_naming_the_cell(tmp_path, capsys):
    not_a_warehouse = tmp_path / "other.duckdb"  # a DuckDB file without the warehouse's tables
    with duckdb.connect(str(not_a_warehouse)) as connection:
        connection.execute("CREATE TABLE notes (line VARCHAR)").fetchall()
    out = tmp_path / "report.html"
    assert main(["report", "--warehouse", str(not_a_warehouse), "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert "cell 5 (id connect), line " in error and "CatalogException" in error and "dim_document" in error
    assert not out.exists()


def test_a_missing_warehouse_exits_2_with_its_path(tmp_path, capsys):
    missing = tmp_path / "nowhere" / "takedown.duckdb"
    assert main(["report", "--warehouse", str(missing), "--out", str(tmp_path / "report.html")]) == 2
    assert str(missing) in capsys.readouterr().err


def test_the_notebook_is_stored_without_outputs():
    """Outputs belong in the rendered report, not in the reviewed notebook."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(not cell.outputs and cell.execution_count is None for cell in code)
    assert any("parameters" in cell.metadata.get("tags", []) for cell in code)
