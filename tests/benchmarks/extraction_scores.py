"""Slot-by-slot extraction scores on the dev, challenge, gap-finding and holdout sets, as a markdown table.

    .venv/bin/python tests/benchmarks/extraction_scores.py

Builds each gold folder into a temporary warehouse with `takedown build` and scores it with
`../shared/eval/score.py --json` (overall, English only, other languages).
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
SETS = {"dev": ROOT.parent / "shared" / "eval" / "dev", "challenge": ROOT / "tests" / "challenge",
        "gap-finding": ROOT / "tests" / "gap_finding", "holdout": ROOT / "tests" / "holdout"}
# the sets with an English-only column as well (the targets are stated for English)
ENGLISH_COLUMN = {"dev", "challenge"}
SLOTS = ["countries", "country_roles", "agencies", "metrics", "platforms", "operation_name", "target_group",
         "action_date", "published_date"]
OTHER_LANGUAGES = ["it", "es", "pt", "fr", "de", "nl", "ro"]


def score(gold: Path, warehouse: Path, language: str | None = None) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        command = [sys.executable, str(SCORER), "--gold", str(gold), "--warehouse", str(warehouse), "--json", out.name]
        if language:
            command += ["--lang", language]
        subprocess.run(command, check=True, capture_output=True)
        return json.loads(Path(out.name).read_text())


def main() -> None:
    columns: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, gold in SETS.items():
            warehouse = Path(folder) / f"{name}.duckdb"
            subprocess.run([str(Path(sys.executable).parent / "takedown"), "build", "--raw", str(gold),
                            "--warehouse", str(warehouse)], check=True, capture_output=True)
            columns[f"{name} all"] = score(gold, warehouse)
            if name in ENGLISH_COLUMN:
                columns[f"{name} en"] = score(gold, warehouse, "en")
            others = [score(gold, warehouse, lang) for lang in OTHER_LANGUAGES]
            counted = [o for o in others if o["micro"]["documents"]]
            if counted:
                columns[f"{name} other languages (micro-F1 per language)"] = {
                    "micro": {"f1": None, "documents": sum(o["micro"]["documents"] for o in counted)},
                    "per_language": {lang: o["micro"]["f1"] for lang, o in zip(OTHER_LANGUAGES, others) if o["micro"]["documents"]},
                }
    headers = [c for c in columns if "other" not in c]
    print("| slot (F1) | " + " | ".join(headers) + " |")
    print("|---|" + "---:|" * len(headers))
    for slot in SLOTS:
        print(f"| {slot} | " + " | ".join(f"{columns[c][slot]['f1']:.3f}" for c in headers) + " |")
    for extra in ("metric_qualifier_accuracy", "metric_country_accuracy"):
        print(f"| {extra.replace('_', ' ')} | " + " | ".join(f"{columns[c][extra]:.3f}" for c in headers) + " |")
    print("| **micro-F1** | " + " | ".join(f"**{columns[c]['micro']['f1']:.3f}**" for c in headers) + " |")
    print("| documents | " + " | ".join(str(columns[c]["micro"]["documents"]) for c in headers) + " |")
    for c, value in columns.items():
        if "other" in c:
            print(f"\n{c}: " + ", ".join(f"{lang} {f1:.3f}" for lang, f1 in value["per_language"].items()))


if __name__ == "__main__":
    main()
