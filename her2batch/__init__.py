"""her2batch: HER2 status, category and HER2-low/ultralow flags for lab exports, per ASCO/CAP."""

__version__ = "0.1.0"
