"""her2batch: HER2 status, category and HER2-low/ultralow flags for lab exports, per ASCO/CAP.

The library API: ``her2batch.process(inputs, outdir, settings=None) -> RunReport`` with
``her2batch.Settings`` (see her2batch.api). Imported on first use, so ``her2batch --help`` stays fast.
"""

__version__ = "0.1.0"

__all__ = ["RunReport", "Settings", "__version__", "process"]


def __getattr__(name: str):
    if name in ("process", "RunReport", "Settings"):
        from her2batch import api

        return getattr(api, name)
    raise AttributeError(f"module 'her2batch' has no attribute {name!r}")
