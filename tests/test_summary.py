"""Quality-control tables: rates per group and the binomial marks."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from her2batch.summary import binomial_range, category_counts, qc_table


@pytest.mark.parametrize(("n", "p"), [(20, 0.1), (100, 0.25), (1500, 0.5), (5000, 0.02)])
def test_binomial_range_holds_99_percent(n, p):
    lo, hi = binomial_range(n, p)
    def pmf(k: int) -> float:
        return math.exp(math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
                        + k * math.log(p) + (n - k) * math.log1p(-p))

    inside = sum(pmf(k) for k in range(max(lo, 0), min(hi, n) + 1))
    assert inside >= 0.99
    assert lo <= n * p <= hi


def cases_frame(labs: list[str], positive: list[bool]) -> pd.DataFrame:
    n = len(labs)
    return pd.DataFrame({
        "lab": labs,
        "her2_status": pd.Categorical(["positive" if p else "negative" for p in positive]),
        "her2_low": [False] * n,
        "ihc_score": pd.Categorical(["3+" if p else "1+" for p in positive]),
        "review_required": [False] * n,
        "her2_category": pd.Categorical(["HER2-positive" if p else "HER2-low" for p in positive]),
    })


def test_outlying_lab_is_marked_and_small_groups_are_not():
    labs = ["Main"] * 400 + ["Drift"] * 100 + ["Tiny"] * 5
    positive = [i % 10 == 0 for i in range(400)] + [i % 2 == 0 for i in range(100)] + [True] * 5
    table = qc_table(cases_frame(labs, positive), "lab").set_index("lab")
    assert "HER2-positive high" in table.loc["Drift", "outside 99% range"]
    assert table.loc["Tiny", "outside 99% range"] == ""  # fewer than 20 cases: never marked
    assert table.loc["Drift", "% HER2-positive"] == 50.0
    assert table.loc["(all cases)", "cases"] == 505


def test_category_counts_keep_zeros():
    counts = category_counts(cases_frame(["a"] * 3, [True, False, False])).set_index("her2_category")
    assert counts.loc["HER2-positive", "cases"] == 1 and counts.loc["HER2-null", "cases"] == 0
