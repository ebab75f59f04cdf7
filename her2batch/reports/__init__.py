"""Writers of the run's outputs: CSV and JSON (files.py) and the Excel workbook (excel.py)."""
