"""`takedown explain FILE`: why the extractor read what it read from one document.

Runs the same transforms as the build (no Prefect, no warehouse) and prints the cleaned text
with every extracted fact coloured at its span, the facts with their offsets, and what was seen
and rejected: figures that are not metrics, agency-like names left unresolved.
"""
from __future__ import annotations

import datetime
from pathlib import Path

import polars as pl
from rich.console import Console
from rich.table import Table
from rich.text import Text

from flows.reference import load_reference_tables
from transforms import agencies, countries, decode, numbers, platforms
from transforms.extract import Reference, extract_documents
from transforms.sentences import split_sentences

STYLES = {"metric": "bold black on yellow", "country": "bold blue", "agency": "bold magenta",
          "platform": "bold green", "rejected": "strike dim red"}


def _spans(frame: pl.DataFrame, kind: str, label: str) -> list[tuple[int, int, str, str]]:
    return [(row["char_start"], row["char_end"], kind, str(row[label])) for row in frame.iter_rows(named=True)]


def explain_file(path: Path, console: Console) -> int:
    content = path.read_bytes()
    raw = pl.DataFrame({"source_path": [path.name], "content": [content]}, schema={"source_path": pl.String, "content": pl.Binary})
    decoded = decode.decode_documents(raw)
    error = decoded["decode_error"][0]
    if error:
        console.print(f"[red]{path}: would be quarantined at stage decode: {error}[/red]")
        return 1
    reference = Reference.from_tables(load_reference_tables())
    decoded = decoded.with_columns(ingested_at=pl.lit(datetime.datetime.now()))
    tables, rejected = extract_documents(decoded, reference)
    if rejected.height:
        console.print(f"[red]{path}: would be quarantined at stage {rejected['stage'][0]}: {rejected['reason'][0]}[/red]")
        return 1
    document = tables["dim_document"].row(0, named=True)
    text = document["clean_text"]
    sentences = split_sentences(pl.DataFrame({"document_key": [document["document_key"]], "text": [text]})).with_columns(
        language=pl.lit(document["language"]))

    metrics = tables["fact_operation_metric"]
    spans = [(r["figure_start"], r["figure_end"], "metric", f"{r['metric']}={r['value']:g} {r['qualifier']}"
              + (f" {r['unit']}" if r["unit"] else "") + (f" [{r['country_key']}]" if r["country_key"] else ""))
             for r in metrics.iter_rows(named=True)]
    spans += _spans(countries.find_country_mentions(sentences), "country", "country_key")
    spans += _spans(agencies.find_agency_mentions(sentences, reference.agency_aliases), "agency", "agency_key")
    spans += _spans(platforms.find_platform_mentions(sentences, reference.platform_aliases), "platform", "platform_key")
    figures = numbers.extract_figures(sentences)
    taken = [(s, e) for s, e, kind, _ in spans if kind == "metric"]
    not_metrics = figures.filter(
        pl.struct("char_start", "char_end").map_elements(
            lambda r: not any(s < r["char_end"] and r["char_start"] < e for s, e in taken), return_dtype=pl.Boolean)
    ) if figures.height else figures
    spans += [(r["char_start"], r["char_end"], "rejected", f"{r['surface']}: a number not tied to a metric word")
              for r in not_metrics.iter_rows(named=True)]

    rendered = Text(text)
    for start, end, kind, _ in spans:
        rendered.stylize(STYLES[kind], start, end)
    console.rule(f"{path}  ({document['language']}, published {document['published_date']}, {document['char_count']} chars)")
    console.print(rendered)
    console.rule("legend")
    console.print("  ".join(f"[{style}]{kind}[/{style}]" for kind, style in STYLES.items()))

    operations = tables["stg_document_operation"]
    table = Table(title="Operations")
    for column in ("operation_key", "primary", "name", "target group", "action date", "lead"):
        table.add_column(column)
    for r in operations.iter_rows(named=True):
        table.add_row(r["operation_key"], str(r["is_primary"]), r["operation_name"] or "", r["target_group"] or "",
                      str(r["action_date"] or ""), r["lead_country_key"] or "")
    console.print(table)

    facts = Table(title="Facts (span in the cleaned text)")
    for column in ("kind", "span", "text", "fact"):
        facts.add_column(column, overflow="fold")
    for start, end, kind, label in sorted(spans):
        if kind != "rejected":
            facts.add_row(kind, f"{start}-{end}", text[start:end], label)
    for table_name, kind, column in (("fact_operation_country", "country role", "role"), ("fact_operation_agency", "agency role", "role")):
        key = "country_key" if "country" in table_name else "agency_key"
        for r in tables[table_name].iter_rows(named=True):
            facts.add_row(kind, f"{r['char_start']}-{r['char_end']}", "(sentence)", f"{r[key]}: {r[column]}")
    console.print(facts)

    seen = Table(title="Seen and rejected")
    seen.add_column("text", overflow="fold")
    seen.add_column("why", overflow="fold")
    for _, _, kind, label in sorted(spans):
        if kind == "rejected":
            surface, _, why = label.partition(": ")
            seen.add_row(surface, why)
    for r in tables["unresolved_agency_mention"].iter_rows(named=True):
        seen.add_row(r["name"], f"agency-like name not in the registry (country hint {r['country_key'] or 'none'})")
    console.print(seen)
    return 0
