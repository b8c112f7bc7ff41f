"""`takedown synth`: a synthetic corpus of anti-piracy news with its gold annotations.

The generator writes text from templates and real-world names (see `vocabulary`), and the gold
says what a careful annotator reads in that text; it shares no code with the extractor, so
scoring the built warehouse against the gold measures the extractor (GOLD_FORMAT.md).
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from takedown.synth.corpus import iter_documents, write_corpus

__all__ = ["command_synth", "iter_documents", "write_corpus"]


def command_synth(args: argparse.Namespace) -> int:
    if args.docs < 1:
        print("takedown synth: --docs must be at least 1")
        return 2
    summary = write_corpus(args.docs, Path(args.out), seed=args.seed)
    print(json.dumps(summary))
    return 0
