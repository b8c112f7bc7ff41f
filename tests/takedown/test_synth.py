"""The synthetic corpus: deterministic, gold in GOLD_FORMAT, lengths and languages as promised,
and a small real build scored by the shared scorer."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pycountry
import pytest

from takedown.synth import write_corpus

SCORER = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "score.py"
METRICS = {"arrests", "suspects", "searches", "servers_seized", "domains_seized", "users_affected",
           "officers_deployed", "countries_involved", "legal_requests", "financial_damage", "assets_seized"}
QUALIFIERS = {"exact", "at_least", "approx", "at_most", "range"}
COUNTRY_ROLES = {"lead", "participant", "searches", "arrests", "servers", "other"}
AGENCY_ROLES = {"lead", "coordinator", "participant", "support", "complainant", "other"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("synth")
    return out, write_corpus(200, out, seed=7)


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes_other_seed_other_corpus(tmp_path):
    write_corpus(40, tmp_path / "a", seed=3)
    write_corpus(40, tmp_path / "b", seed=3)
    write_corpus(40, tmp_path / "c", seed=4)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_summary_counts_what_was_written(corpus):
    out, summary = corpus
    texts = list((out / "raw").rglob("*.txt"))
    assert summary["documents"] == len(texts) == 200
    assert summary["bytes"] == sum(p.stat().st_size for p in texts)
    assert sum(summary["languages"].values()) == 200


def test_shards_hold_at_most_a_thousand_files_and_names_are_unique(tmp_path):
    write_corpus(1005, tmp_path, seed=1)
    shards = sorted((tmp_path / "raw").iterdir())
    assert [len(list(s.iterdir())) for s in shards] == [1000, 5]
    names = [p.name for p in (tmp_path / "raw").rglob("*.txt")]
    assert len(names) == len(set(names)) == 1005


def test_gold_files_match_raw_names(corpus):
    out, _ = corpus
    raw = {p.name.removesuffix(".txt") for p in (out / "raw").rglob("*.txt")}
    gold = {p.name.removesuffix(".gold.json") for p in (out / "gold").glob("*.gold.json")}
    assert raw == gold
    for path in (out / "gold").glob("*.gold.json"):
        assert json.loads(path.read_text())["file"] == path.name.removesuffix(".gold.json") + ".txt"


def test_lengths_between_100_and_1500_words(corpus):
    out, _ = corpus
    lengths = [len(p.read_text(encoding="utf-8").split()) for p in (out / "raw").rglob("*.txt")]
    assert min(lengths) >= 100 and max(lengths) <= 1500
    assert max(lengths) > 600  # varied, not all short


def test_language_mix(corpus):
    _, summary = corpus
    langs = summary["languages"]
    assert set(langs) == {"en", "it", "es", "pt", "fr", "de", "nl", "ro"}
    assert langs["en"] > 200 * 0.4


def _iso_date(value):
    if value is not None:
        dt.date.fromisoformat(value)


def test_gold_follows_the_format(corpus):
    out, _ = corpus
    for path in (out / "gold").glob("*.gold.json"):
        gold = json.loads(path.read_text())
        assert set(gold) == {"file", "language", "published_date", "publisher", "operations", "distractors"}
        _iso_date(gold["published_date"])
        assert isinstance(gold["publisher"], str) and isinstance(gold["distractors"], list)
        assert sum(op["primary"] for op in gold["operations"]) == 1
        text = (next((out / "raw").rglob(gold["file"]))).read_text(encoding="utf-8")
        for op in gold["operations"]:
            assert set(op) == {"primary", "event", "name", "target_group", "action_date", "countries", "agencies",
                               "metrics", "platforms"}
            assert isinstance(op["event"], str)
            _iso_date(op["action_date"])
            for iso, roles in op["countries"].items():
                assert pycountry.countries.get(alpha_3=iso) is not None
                assert roles and set(roles) <= COUNTRY_ROLES
            for a in op["agencies"]:
                assert set(a) == {"name", "aliases", "country", "role"} and a["role"] in AGENCY_ROLES
                assert isinstance(a["aliases"], list)
            for m in op["metrics"]:
                assert set(m) == {"metric", "value", "qualifier", "unit", "country"}
                assert m["metric"] in METRICS and m["qualifier"] in QUALIFIERS
                assert isinstance(m["value"], int) and m["value"] > 0
                money = m["metric"] in ("financial_damage", "assets_seized")
                assert (len(m["unit"]) == 3) if money else m["unit"] is None
                assert m["country"] is None or m["country"] in op["countries"]
            for p in op["platforms"]:
                assert set(p) == {"name", "aliases"}
                assert p["name"] in text
            if op["name"]:
                assert op["name"] in text
            if op["target_group"]:
                assert op["target_group"] in text


@pytest.mark.skipif(not SCORER.exists(), reason="the shared scorer is not beside the repository")
def test_small_corpus_built_by_the_real_flow_scores_well(prefect_server, tmp_path):
    from flows.build import build_warehouse

    write_corpus(20, tmp_path, seed=11)
    warehouse = tmp_path / "w.duckdb"
    build_warehouse(raw_root=str(tmp_path / "raw"), warehouse_path=str(warehouse))
    scores = tmp_path / "scores.json"
    subprocess.run([sys.executable, str(SCORER), "--gold", str(tmp_path / "gold"), "--warehouse", str(warehouse),
                    "--json", str(scores)], check=True, capture_output=True)
    report = json.loads(scores.read_text())
    assert report["micro"]["documents"] == 20
    assert report["micro"]["f1"] >= 0.90
