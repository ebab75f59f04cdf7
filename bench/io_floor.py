"""Reference: the I/O floor, pandas read plus pyarrow CSV write of the same file.

Usage: python -m bench.io_floor INPUT OUTDIR
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv


def main() -> None:
    source, outdir = Path(sys.argv[1]), Path(sys.argv[2])
    outdir.mkdir(parents=True, exist_ok=True)
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    pacsv.write_csv(pa.Table.from_pandas(frame, preserve_index=False), str(outdir / "copy.csv"))


if __name__ == "__main__":
    main()
