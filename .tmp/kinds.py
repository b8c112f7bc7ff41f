import sys, datetime, time, re
from pathlib import Path
import polars as pl
sys.path.insert(0, "/work/main")
from flows.build import _decode
from flows.reference import load_reference_tables
from flows.ingest import Limits, read_files, discover_files
from transforms.extract import Reference
from transforms import clean, language, operations as O
from transforms.sentences import split_sentences
from transforms.prefilter import may_match
files = discover_files(Path("/tmp/bench/n100k/corpus-100000-0/raw")).sort("source_path").slice(0, 1000)
decoded = _decode(read_files(files, Limits()), Limits()).filter(pl.col("decode_error").is_null())
langs = language.detect_languages(decoded.select("document_key", "text"))
cleaned = clean.clean_documents(decoded.select("document_key", "text").join(langs, on="document_key"))
docs = cleaned.filter(pl.col("not_article_reason").is_null()).select("document_key", pl.col("clean_text").alias("text"))
sentences = split_sentences(docs)
print("sentences", sentences.height)
for kind, pattern in O.TARGET_PATTERNS.items():
    rx = re.compile(pattern)
    cand = sentences.filter(may_match(pl.col("sentence"), pattern))["sentence"].to_list()
    allS = sentences["sentence"].to_list()
    t = time.perf_counter(); n = sum(1 for s in cand for _ in rx.finditer(s)); dt = time.perf_counter() - t
    print(f"{kind:14s} candidates {len(cand):6d} matches {n:6d} {dt*1000:7.1f} ms")
