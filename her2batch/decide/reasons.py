"""The one registry of review reason codes: shown by ``her2batch rules`` and in the workbook."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reason:
    code: str
    title: str
    meaning: str
    priority: int  # 1 = may change the call, 2 = check before reporting, 3 = note


_REASONS = (
    Reason("discordant_ihc_ish", "IHC and ISH disagree",
           "IHC 0/1+ with amplified ISH, or IHC 3+ with non-amplified ISH (ASCO/CAP 2018): "
           "review both tests before the result is used.", 1),
    Reason("ish_needed", "ISH needed",
           "IHC 2+ (equivocal; under ASCO/CAP 2007 also IHC 3+ in 30% of cells or fewer) and no ISH "
           "reported, or ISH pending: the status stays equivocal until ISH is done.", 1),
    Reason("ish_not_usable", "ISH reported but not usable",
           "IHC 2+ (equivocal; 2007: also 3+ in <=30% of cells) and an ISH result was reported but cannot "
           "be used under this rule set "
           "(a bound instead of a number, a ratio without the HER2 copy number under ASCO/CAP 2018, CEP17 "
           "of 0, an unreadable value, an indeterminate test); the explanation says why. The status stays "
           "equivocal until a usable ISH result is at hand.", 1),
    Reason("ihc_needed", "IHC needed",
           "An ISH result that the guideline reads only together with IHC (ASCO/CAP 2018 groups 2-4, "
           "single-probe 4.0-<6.0), and no IHC: the status stays equivocal.", 1),
    Reason("dual_probe_needed", "Dual-probe ISH needed",
           "Single-probe ISH of 4.0 to <6.0 HER2 signals/cell with IHC 2+: the guideline asks for "
           "dual-probe ISH.", 1),
    Reason("ish_equivocal", "Equivocal ISH",
           "The ISH result is equivocal under this rule set: a repeat or alternative test is "
           "recommended.", 1),
    Reason("ihc_ambiguous", "IHC score ambiguous",
           "The IHC value names more than one score (a range such as 1-2+, plus notation, 'weak', "
           "heterogeneous staining) or words that contradict the score; the call holds only where "
           "every possible score gives the same answer.", 1),
    Reason("ihc_unreadable", "IHC value unreadable",
           "The IHC value could not be read (not recognised, or spreadsheet damage such as '2-Jan' "
           "or a date serial). It names no score: the status is indeterminate (category unknown) "
           "unless the ISH decides whatever the score.", 1),
    Reason("ish_unreadable", "ISH result unreadable",
           "The ISH result text could not be read; the numbers, if any, were used.", 1),
    Reason("indeterminate_result", "Indeterminate test",
           "A test was reported as indeterminate (technical failure, uninterpretable); it is never "
           "read as negative.", 1),
    Reason("duplicate_conflict", "Conflicting duplicate",
           "The same case_id appears more than once with different results.", 1),
    Reason("repeated_test_conflict", "Test reported twice",
           "A one-row-per-test export gives the same test twice for this case with different results; "
           "neither was used (both are shown in the test's '(conflicting results)' column).", 1),
    Reason("registry_summary_conflict", "Registry overall summary disagrees",
           "NAACCR item 3855 (HER2 Overall Summary) says positive where the call is not, or negative or "
           "equivocal where the call is positive, or gives a result where the row has none to call.", 1),
    Reason("confirm_blinded_recount", "Confirm blinded recount",
           "ISH group 2, 3 or 4 with IHC 2+: ASCO/CAP 2018 makes the final call after a blinded "
           "recount of at least 20 cells by a second observer; the batch took the reported numbers "
           "as the final count.", 2),
    Reason("ihc_score_unknown", "IHC score unknown",
           "Negative, but the IHC score is not stated (0 or 1+?): the HER2-low level is unknown.", 2),
    Reason("ihc_zero_plus", "IHC '0+' meaning not set",
           "'0+' means 0 in most laboratories and ultralow in some; set its meaning in the config "
           "[values] table.", 2),
    Reason("ihc_percent_inconsistent", "IHC percentage inconsistent",
           "The percentage of stained cells contradicts the score or its 0 sub-type (IHC 0 with "
           ">10%, IHC 1+ to 3+ with <=10%, 'null' with stained cells, 'ultralow' with none).", 2),
    Reason("too_few_cells", "Too few cells counted",
           "Fewer than 20 cells were counted for ISH (ASCO/CAP 2018).", 2),
    Reason("ratio_inconsistent", "ISH ratio inconsistent",
           "The reported HER2/CEP17 ratio differs from HER2 / CEP17 by more than 0.1.", 2),
    Reason("ish_incomplete", "ISH numbers incomplete",
           "The ISH numbers given do not decide the call under this rule set (for example a ratio "
           "without the HER2 copy number under ASCO/CAP 2018).", 2),
    Reason("ish_text_conflict", "ISH text contradicts numbers",
           "The ISH result written as text disagrees with the group given by the numbers; the "
           "numbers were used.", 2),
    Reason("value_range_only", "Bound instead of a number",
           "An ISH number or percentage was written as a bound ('>=2.0', '<1%') or a span; a bound "
           "alone is not a number and was not used.", 2),
    Reason("result_pending", "Result pending",
           "A value reads 'pending' or 'see comment': the result lies outside this export.", 2),
    Reason("site_unrecognised", "Tumour site not recognised",
           "The tumour site is neither breast nor gastroesophageal; the run's default rule set "
           "was applied.", 3),
    Reason("duplicate_case_id", "Repeated case_id",
           "The same case_id appears more than once (with the same results).", 3),
    Reason("report_text_conflict", "Report text gives two results",
           "The report text states two different values for one field (two specimens, an amended "
           "result, a typo); neither was used.", 1),
    Reason("report_text_unreadable", "Report text not read",
           "The report text names HER2, ISH, ER or PR with a value that could not be read; nothing "
           "from that statement was used.", 1),
    Reason("report_text_disagrees", "Report text disagrees with a column",
           "A value read from the report text differs from the value in its own column; the "
           "column's value was used.", 1),
    Reason("report_text_in_situ", "HER2 of in situ carcinoma only",
           "The report text gives a HER2 result for in situ carcinoma (DCIS) only: it is not the "
           "invasive carcinoma's result and was not used.", 2),
    Reason("her2_value_not_read", "HER2 value in an unread column",
           "A column whose header names HER2 and that was not mapped (an overall status, a comment, "
           "another block's or primary's result, a staining column) holds a value for this case that "
           "was not used: with no HER2 result read, the case may be tested after all; beside a call, "
           "the value is data the call did not see, or states another status ('Positive' beside IHC "
           "1+). Map the column with [columns], set it aside with drop_columns, or check the case.", 1),
    Reason("site_in_other_column", "Gastroesophageal site named elsewhere",
           "No tumour site was given, but another column of the case (specimen, report text, a note) "
           "names a gastroesophageal site; the default rule set was applied: check which rules apply "
           "(map the column as tumor_site, or set [values.tumor_site]).", 1),
    Reason("ihc_staining_disagrees", "IHC score and staining columns disagree",
           "Columns describing the HER2 staining (intensity, completeness), with the % of cells "
           "stained, describe a score that the stated IHC score is not (ASCO/CAP 2018 section 1: "
           "'strong complete in 90%' beside 1+). The stated score was used: check it.", 1),
)

REASONS: dict[str, Reason] = {r.code: r for r in _REASONS}
REASON_CODES: tuple[str, ...] = tuple(REASONS)
REASON_BIT: dict[str, int] = {code: 1 << i for i, code in enumerate(REASON_CODES)}


def bits(*codes: str) -> int:
    """The bitmask of the given reason codes."""
    mask = 0
    for code in codes:
        mask |= REASON_BIT[code]
    return mask


def codes_of(mask: int) -> list[str]:
    """Reason codes of a bitmask, most consequential first."""
    found = [REASONS[c] for c in REASON_CODES if mask & REASON_BIT[c]]
    return [r.code for r in sorted(found, key=lambda r: r.priority)]
