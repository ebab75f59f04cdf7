"""Value reading speed: python -m bench.values_speed [ROWS]

Reads a column of ROWS IHC and ISH cells drawn from the phrase corpora in tests/cases/corpus (about
540 distinct spellings, the worst realistic case: real exports hold a few dozen) with the
closed-vocabulary reader, and times the reader uncached on every distinct phrase. Reports, never fails.
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from her2batch.understand.fields import parse_fields
from her2batch.understand.values import read_ihc, read_ish_text

CORPUS = Path(__file__).parent.parent / "tests" / "cases" / "corpus"


def _texts(name: str) -> list[str]:
    with (CORPUS / name).open(encoding="utf-8") as f:
        return [row["text"] for row in csv.DictReader(f)]


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    ihc, ish = _texts("ihc_phrases.csv"), _texts("ish_phrases.csv")
    rng = np.random.default_rng(7)
    raw = pd.DataFrame({
        "her2_ihc": np.array(ihc, dtype=object)[rng.integers(0, len(ihc), rows)],
        "ish_result": np.array(ish, dtype=object)[rng.integers(0, len(ish), rows)],
    }, dtype="string")
    start = time.perf_counter()
    for text in ihc:
        read_ihc(text)
    for text in ish:
        read_ish_text(text)
    per_phrase = (time.perf_counter() - start) / (len(ihc) + len(ish))
    start = time.perf_counter()
    parse_fields(raw)
    seconds = time.perf_counter() - start
    print(f"one distinct phrase read: {per_phrase * 1e6:.0f} us ({1 / per_phrase:,.0f} phrases/s)")
    print(f"parse_fields on {rows:,} rows ({len(ihc)} IHC and {len(ish)} ISH spellings): "
          f"{seconds:.2f} s, {rows / seconds:,.0f} rows/s")


if __name__ == "__main__":
    main()
