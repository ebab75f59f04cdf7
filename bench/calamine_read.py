"""Reference for workbooks: python-calamine's bare read of every sheet, nothing else.

Usage: python -m bench.calamine_read INPUT.xlsx
"""

from __future__ import annotations

import sys

from python_calamine import CalamineWorkbook


def main() -> None:
    workbook = CalamineWorkbook.from_path(sys.argv[1])
    rows = sum(len(workbook.get_sheet_by_name(name).to_python()) for name in workbook.sheet_names)
    print(rows)


if __name__ == "__main__":
    main()
