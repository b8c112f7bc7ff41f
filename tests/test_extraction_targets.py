"""Issue 3's acceptance lines, measured with ../shared/eval/score.py exactly as graders measure.

Each gold folder is built once into a warehouse by the real flow; the scorer reads it through
the contract's names. tests/challenge holds documents in other styles and languages (see its README):
they measure, no rule reads them; its errors guided general fixes, so `takedown synth` corpora and
new documents are the fresher check. tests/gap_finding and tests/holdout were written later by
writers who had not seen the extractor: the first was read to find gaps, the second never is, and
both only guard against regressions here (floors below their scores of 2026-12-07).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EVAL_DEV, ROOT, SHARED

SCORER = SHARED / "eval" / "score.py"
CHALLENGE = ROOT / "tests" / "challenge"
GAP_FINDING = ROOT / "tests" / "gap_finding"
HOLDOUT = ROOT / "tests" / "holdout"
SLOTS = ["countries", "country_roles", "agencies", "metrics", "platforms", "operation_name", "target_group",
         "action_date", "published_date"]
OTHER_LANGUAGES = ["it", "es", "pt", "fr", "de", "nl", "ro"]

pytestmark = [pytest.mark.usefixtures("prefect_server"),
              pytest.mark.skipif(not SCORER.exists(), reason="the shared scorer is not beside the repository")]


def _built(gold: Path, folder: Path) -> Path:
    from flows.build import build_warehouse

    raw = folder / "raw"
    raw.mkdir(parents=True)
    for document in gold.glob("*.txt"):
        shutil.copy(document, raw / document.name)
    warehouse = folder / "warehouse.duckdb"
    build_warehouse(raw_root=str(raw), warehouse_path=str(warehouse))
    return warehouse


def _scores(gold: Path, warehouse: Path, language: str | None = None) -> dict:
    out = warehouse.with_suffix(f".{language or 'all'}.json")
    command = [sys.executable, str(SCORER), "--gold", str(gold), "--warehouse", str(warehouse), "--json", str(out)]
    if language:
        command += ["--lang", language]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    print(result.stdout)
    return json.loads(out.read_text())


@pytest.fixture(scope="module")
def dev_warehouse(tmp_path_factory) -> Path:
    return _built(EVAL_DEV, tmp_path_factory.mktemp("dev"))


@pytest.fixture(scope="module")
def challenge_warehouse(tmp_path_factory) -> Path:
    return _built(CHALLENGE, tmp_path_factory.mktemp("challenge"))


def _below(scores: dict, floor: float) -> dict[str, float]:
    return {slot: round(scores[slot]["f1"], 3) for slot in SLOTS if scores[slot]["f1"] < floor}


def _micro(scores: dict) -> float:
    return scores["micro"]["f1"]


def test_english_dev_set_meets_the_targets(dev_warehouse):
    scores = _scores(EVAL_DEV, dev_warehouse, "en")
    assert _micro(scores) >= 0.90
    assert _below(scores, 0.80) == {}
    assert scores["metric_qualifier_accuracy"] >= 0.85 and scores["metric_country_accuracy"] >= 0.85


def test_whole_dev_set_holds_the_issue_2_line(dev_warehouse):
    scores = _scores(EVAL_DEV, dev_warehouse)
    assert _micro(scores) >= 0.85 and _below(scores, 0.70) == {}


def test_other_languages_of_the_challenge_set_meet_the_targets(challenge_warehouse):
    countries = {"tp": 0, "fp": 0, "fn": 0}
    micro = {}
    for language in OTHER_LANGUAGES:
        scores = _scores(CHALLENGE, challenge_warehouse, language)
        micro[language] = round(_micro(scores), 3)
        for count in countries:
            countries[count] += scores["countries"][count]
    countries_f1 = 2 * countries["tp"] / (2 * countries["tp"] + countries["fp"] + countries["fn"])
    assert {language: f1 for language, f1 in micro.items() if f1 < 0.80} == {}
    assert countries_f1 >= 0.90, countries


def test_challenge_set_metric_qualifiers_and_countries_are_accurate(challenge_warehouse):
    scores = _scores(CHALLENGE, challenge_warehouse)
    assert scores["metric_qualifier_accuracy"] >= 0.85 and scores["metric_country_accuracy"] >= 0.85


def test_english_challenge_set_meets_the_targets(challenge_warehouse):
    scores = _scores(CHALLENGE, challenge_warehouse, "en")
    assert _micro(scores) >= 0.90
    assert _below(scores, 0.80) == {}


def test_holdout_set_does_not_regress_and_names_an_unread_language(tmp_path_factory):
    """Text nobody working on the extractor has read: 0.855 micro-F1 over its 80 documents on 2026-12-08.
    Its Czech and Greek documents are there to be quarantined (the README says so; their texts were not read)."""
    import duckdb

    warehouse = _built(HOLDOUT, tmp_path_factory.mktemp("holdout"))
    assert _micro(_scores(HOLDOUT, warehouse)) >= 0.83
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        reasons = [row[0] for row in connection.execute("SELECT reason FROM quarantine ORDER BY source_path").fetchall()]
    read = "which the extractor does not read (it reads en, it, es, pt, fr, de, nl, ro)"
    assert reasons == [f"written in Czech (cs), {read}", f"written in Greek (el), {read}"]


def test_gap_finding_set_does_not_regress_and_names_an_unread_language(tmp_path_factory):
    import duckdb

    warehouse = _built(GAP_FINDING, tmp_path_factory.mktemp("gap_finding"))
    assert _micro(_scores(GAP_FINDING, warehouse)) >= 0.87  # 0.895 over 81 documents on 2026-12-08
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        reasons = [row[0] for row in connection.execute("SELECT reason FROM quarantine ORDER BY source_path").fetchall()]
    read = "which the extractor does not read (it reads en, it, es, pt, fr, de, nl, ro)"
    assert reasons == [f"written in Hungarian (hu), {read}", f"written in Polish (pl), {read}", f"written in Swedish (sv), {read}"]
