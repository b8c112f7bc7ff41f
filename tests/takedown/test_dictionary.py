"""The data dictionary: generated from the schemas, checked in, and kept up to date."""
from pathlib import Path

from schemas.views import VIEWS
from schemas.warehouse import TABLES
from takedown.cli import main
from takedown.dictionary import render

CHECKED_IN = Path(__file__).resolve().parent.parent.parent / "docs" / "data-dictionary.md"


def test_checked_in_dictionary_is_up_to_date():
    assert CHECKED_IN.read_text(encoding="utf-8") == render(), (
        "docs/data-dictionary.md is stale: run `.venv/bin/takedown dictionary` and commit it")


def test_dictionary_documents_every_table_view_and_column():
    text = render()
    for table, model in TABLES.items():
        assert f"### `{table}`" in text
        for column in model.to_schema().columns:
            assert f"| `{column}` |" in text
    for name, view in VIEWS.items():
        assert f"### `{name}`\n\n{view.comment}" in text
    assert "| `country_key` | VARCHAR | no | ISO 3166-1 alpha-3 code, e.g. ITA |  | length 3 |" in text
    assert "`dim_country.country_key`" in text
    assert "one of: exact, at_least, approx, at_most, range" in text


def test_dictionary_command_writes_then_checks(tmp_path, capsys):
    out = tmp_path / "docs" / "dictionary.md"
    assert main(["dictionary", "--check", "--out", str(out)]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main(["dictionary", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == render()
    assert main(["dictionary", "--check", "--out", str(out)]) == 0
    out.write_text(render().replace("One row per build run.", "One row per run, edited by hand."), encoding="utf-8")
    assert main(["dictionary", "--check", "--out", str(out)]) == 1
    assert "out of date" in capsys.readouterr().err
