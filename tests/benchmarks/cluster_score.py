"""How well a warehouse groups documents into real-world operations, against gold `event`s.

    .venv/bin/python tests/benchmarks/cluster_score.py --warehouse FILE GOLD_DIR [GOLD_DIR ...]
    .venv/bin/python tests/benchmarks/cluster_score.py --build GOLD_DIR [GOLD_DIR ...]

Each gold document's primary operation (`"primary": true`, its `event`) is compared with the
document's primary `operation_key` in `fact_operation_document`. Prints pairwise and B-cubed
precision, recall and F1 per gold folder, then the events merged into one key (two gold events
sharing a key) and the events split over several keys. `--build` builds each folder into a
temporary warehouse with `takedown build` first. `cluster_scores()` is the same for tests.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class ClusterScores:
    documents: int
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    merged: dict[str, list[str]] = field(default_factory=dict)  # operation_key -> the gold events it holds
    split: dict[str, list[str]] = field(default_factory=dict)  # gold event -> the operation_keys it is spread over
    assignments: list[tuple[str, str, str]] = field(default_factory=list)  # (file, gold event, operation_key)


def gold_events(gold_dir: Path) -> dict[str, str]:
    """File name -> event of its primary operation, for gold files that name one."""
    events = {}
    for path in sorted(Path(gold_dir).glob("*.gold.json")):
        gold = json.loads(path.read_text())
        primary = next((op for op in gold["operations"] if op.get("primary")), None)
        if primary and primary.get("event"):
            events[gold["file"]] = primary["event"]
    return events


def primary_operations(warehouse: Path) -> dict[str, str]:
    """File name (last path part) -> primary operation_key, read-only."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        rows = connection.execute("""
            SELECT d.source_path, f.operation_key
            FROM dim_document d JOIN fact_operation_document f USING (document_key)
            WHERE f.is_primary ORDER BY d.source_path, f.operation_key
        """).fetchall()
    keys: dict[str, str] = {}
    for source_path, key in rows:
        keys.setdefault(Path(source_path).name, key)
    return keys


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score_assignments(pairs: list[tuple[str, str, str]]) -> ClusterScores:
    """Scores of (file, gold event, predicted key) triples; a document the warehouse lacks has a
    key of its own."""
    events = [event for _, event, _ in pairs]
    keys = [key for _, _, key in pairs]
    same_both = same_key = same_event = 0
    for i, j in combinations(range(len(pairs)), 2):
        both_key, both_event = keys[i] == keys[j], events[i] == events[j]
        same_both += both_key and both_event
        same_key += both_key
        same_event += both_event
    pairwise_p = same_both / same_key if same_key else 1.0
    pairwise_r = same_both / same_event if same_event else 1.0
    n = len(pairs) or 1
    bcubed_p = sum(sum(1 for k, e in zip(keys, events) if k == key and e == event) / keys.count(key)
                   for key, event in zip(keys, events)) / n
    bcubed_r = sum(sum(1 for k, e in zip(keys, events) if k == key and e == event) / events.count(event)
                   for key, event in zip(keys, events)) / n
    merged: dict[str, set[str]] = {}
    split: dict[str, set[str]] = {}
    for key, event in zip(keys, events):
        merged.setdefault(key, set()).add(event)
        split.setdefault(event, set()).add(key)
    return ClusterScores(
        documents=len(pairs),
        pairwise_precision=pairwise_p, pairwise_recall=pairwise_r, pairwise_f1=_f1(pairwise_p, pairwise_r),
        bcubed_precision=bcubed_p, bcubed_recall=bcubed_r, bcubed_f1=_f1(bcubed_p, bcubed_r),
        merged={key: sorted(found) for key, found in sorted(merged.items()) if len(found) > 1},
        split={event: sorted(found) for event, found in sorted(split.items()) if len(found) > 1},
        assignments=sorted(pairs),
    )


def cluster_scores(gold_dir: Path, warehouse: Path) -> ClusterScores:
    """Pairwise and B-cubed scores of the warehouse's primary operations against the gold events."""
    keys = primary_operations(warehouse)
    pairs = [(name, event, keys.get(name, f"(not in warehouse: {name})")) for name, event in gold_events(gold_dir).items()]
    return score_assignments(pairs)


def table(rows: dict[str, ClusterScores]) -> str:
    lines = ["| set | documents | pairwise P | pairwise R | pairwise F1 | B-cubed P | B-cubed R | B-cubed F1 |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, s in rows.items():
        lines.append(f"| {name} | {s.documents} | {s.pairwise_precision:.3f} | {s.pairwise_recall:.3f} | {s.pairwise_f1:.3f} "
                     f"| {s.bcubed_precision:.3f} | {s.bcubed_recall:.3f} | {s.bcubed_f1:.3f} |")
    for name, s in rows.items():
        for key, events in s.merged.items():
            lines.append(f"{name}: merged {', '.join(events)} into {key}")
        for event, keys in s.split.items():
            lines.append(f"{name}: split {event} over {', '.join(keys)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path, help="gold folders (documents and .gold.json files)")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--warehouse", type=Path, help="a warehouse built from the (single) gold folder")
    source.add_argument("--build", action="store_true", help="build each gold folder into a temporary warehouse first")
    parser.add_argument("--show", action="store_true", help="list every document with its event and key")
    args = parser.parse_args(argv)
    if args.warehouse and len(args.gold) != 1:
        parser.error("--warehouse scores one gold folder")
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for gold in args.gold:
            warehouse = args.warehouse
            if args.build:
                warehouse = Path(folder) / f"{gold.name}.duckdb"
                subprocess.run([str(Path(sys.executable).parent / "takedown"), "build", "--raw", str(gold),
                                "--warehouse", str(warehouse)], check=True, capture_output=True)
            results[gold.name] = cluster_scores(gold, warehouse)
    print(table(results))
    if args.show:
        for name, s in results.items():
            for file, event, key in s.assignments:
                print(f"{name}\t{file}\t{event}\t{key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
