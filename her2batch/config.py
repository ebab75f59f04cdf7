"""Settings of a run and the TOML config file (``--config``); command-line options win."""

from __future__ import annotations

import codecs
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from her2batch.rules import BREAST_RULE_SETS, DEFAULT_RULE_SET
from her2batch.understand.fields import OVERRIDABLE
from her2batch.understand.headers import MAPPABLE_COLUMNS
from her2batch.understand.textnorm import normalise

SITES = ("breast", "gastroesophageal")


class ConfigError(ValueError):
    """The config file is unreadable or says something we cannot do."""


@dataclass(frozen=True)
class Settings:
    rule_set: str = DEFAULT_RULE_SET
    default_site: str = "breast"
    columns: Mapping[str, str | tuple[str, ...]] = field(default_factory=dict)  # canonical -> lab header(s)
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # column -> {spelling: meaning}
    cases_sheet_limit: int = 100_000
    max_reject_percent: float | None = None  # above it, run exits 3 (opt-in for schedulers)
    pseudonymize: bool = False  # patient_id -> keyed HMAC-SHA256 pseudonym in every output
    pseudonymize_case_id: bool = False
    key_file: str | None = None  # the key's file (the key itself never on the command line)
    drop_columns: tuple[str, ...] = ()
    csv_escape: bool = True  # prefix formula-like text in the CSV outputs with an apostrophe
    file_mode: int = 0o600  # outputs hold patient data: owner only unless configured
    encoding: str | None = None  # text inputs' encoding; None = detected per file (encoding.py)
    header_rows: int = 0  # 0: detect (one row, or two clearly header rows); N: the header has N rows
    include_hidden_sheets: bool = False
    layout: str = "auto"  # auto | wide | long (one row per test)
    key_columns: tuple[str, ...] = ()  # [key] columns: headers that together identify a case
    long_columns: Mapping[str, str] = field(default_factory=dict)  # [long] test_column, result_column, units_column
    test_names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # [tests] field -> test names
    text_columns: tuple[str, ...] | None = None  # [text] columns: report-text columns to read (None = detect)
    text_exclude: tuple[str, ...] = ()  # [text] exclude: columns never read as report text
    wait: float = 0.0  # seconds to wait for another run's lock on OUTDIR before giving up
    history: str | None = None  # SQLite history across runs (--history FILE)
    reprocess: bool = False  # read inputs the history already recorded
    history_wait: float = 60.0  # seconds a run waits for another run's hold on the history

    def with_options(self, **options: Any) -> Settings:
        """These settings with every option that was given (not None) taking precedence."""
        return replace(self, **{k: v for k, v in options.items() if v is not None})


RUN_KEYS = {f.name for f in fields(Settings)} - {"columns", "values", "text_columns", "text_exclude", "key_columns",
                                                 "long_columns", "test_names"}
TEST_FIELDS = ("her2_ihc", "her2_ihc_percent", "ish_ratio", "ish_her2_copies", "ish_cep17_copies", "ish_cells_counted",
               "ish_result", "ish_probe", "er_percent", "pr_percent", "antibody_clone")
LONG_KEYS = ("test_column", "result_column", "units_column")
LAYOUTS = ("auto", "wide", "long")


def load_settings(path: str | Path | None) -> Settings:
    if path is None:
        return Settings()
    try:
        document = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as problem:
        raise ConfigError(f"{path}: cannot be read ({type(problem).__name__})") from problem
    except tomllib.TOMLDecodeError as problem:
        raise ConfigError(f"{path}: not valid TOML ({problem})") from problem
    unknown = set(document) - {"columns", "values", "run", "text", "key", "long", "tests"}
    if unknown:
        raise ConfigError(f"{path}: unknown table(s) {', '.join(sorted(unknown))}; "
                          "use [columns], [values], [run], [text], [key], [long], [tests]")
    test_names = test_names_of(document.get("tests", {}), str(path))
    key = document.get("key", {})
    key_columns = key.get("columns", []) if isinstance(key, dict) else None
    if (not isinstance(key, dict) or set(key) - {"columns"} or not isinstance(key_columns, list)
            or not all(isinstance(c, str) and c.strip() for c in key_columns)):
        raise ConfigError(f"{path}: [key] takes one entry, columns = [\"Accession\", \"Part\", ...] (header texts)")
    long_table = document.get("long", {})
    if (not isinstance(long_table, dict) or set(long_table) - set(LONG_KEYS)
            or not all(isinstance(v, str) for v in long_table.values())):
        raise ConfigError(f"{path}: [long] takes {', '.join(LONG_KEYS)} = \"<header>\"")

    columns = document.get("columns", {})
    bad = [k for k in columns if k not in MAPPABLE_COLUMNS]
    if bad:
        raise ConfigError(f"{path}: [columns] names no canonical column {', '.join(bad)}")
    if any(not (isinstance(v, str) or (isinstance(v, list) and v and all(isinstance(h, str) and h.strip() for h in v)))
           for v in columns.values()):
        raise ConfigError(f"{path}: [columns] values must be header texts in quotes, or a list of them "
                          "(one per export layout): case_id = [\"Lab Ref\", \"Accession\"]")
    columns = {k: v if isinstance(v, str) else tuple(v) for k, v in columns.items()}

    values: dict[str, dict[str, str]] = {}
    for column, table in document.get("values", {}).items():
        if column not in OVERRIDABLE or not isinstance(table, dict):
            raise ConfigError(f"{path}: [values.{column}] is not supported; use {', '.join(f'[values.{c}]' for c in OVERRIDABLE)}")
        values[column] = {normalise(k): str(v) for k, v in table.items()}
    unreadable = unreadable_overrides(values)
    if unreadable:
        raise ConfigError(f"{path}: " + "; ".join(unreadable))

    run = document.get("run", {})
    unknown_run = set(run) - RUN_KEYS - {"rules"}
    if unknown_run:
        raise ConfigError(f"{path}: [run] has unknown key(s) {', '.join(sorted(unknown_run))}")
    settings = Settings(columns=dict(columns), values=values, key_columns=tuple(key_columns),
                        long_columns=dict(long_table), test_names=test_names)
    options = {"rule_set": run.get("rules", run.get("rule_set"))} | {k: run[k] for k in RUN_KEYS & set(run) - {"rule_set"}}
    if "drop_columns" in options:
        options["drop_columns"] = tuple(options["drop_columns"])
    if isinstance(options.get("file_mode"), str):
        options["file_mode"] = parse_mode(options["file_mode"], str(path))
    settings = settings.with_options(**options, **text_options(document.get("text", {}), str(path)))
    check_settings(settings, str(path))
    return settings


def text_options(table: Any, where: str) -> dict[str, tuple[str, ...]]:
    """The [text] table: ``columns`` (read only these as report text; [] reads none) and ``exclude``."""
    if not isinstance(table, dict) or set(table) - {"columns", "exclude"}:
        raise ConfigError(f"{where}: [text] takes columns = [...] and exclude = [...]")
    options = {}
    for key, name in (("columns", "text_columns"), ("exclude", "text_exclude")):
        if key in table:
            names = table[key]
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                raise ConfigError(f"{where}: [text] {key} must be a list of header texts in quotes")
            options[name] = tuple(names)
    return options


def test_names_of(table: Any, where: str) -> dict[str, tuple[str, ...]]:
    """The [tests] table: field = "test name" or ["name", "other name"] (one-row-per-test exports)."""
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: [tests] maps fields to test names, e.g. her2_ihc = \"HER2 by IHC\"")
    names: dict[str, tuple[str, ...]] = {}
    for key, value in table.items():
        listed = [value] if isinstance(value, str) else value
        if key not in TEST_FIELDS or not isinstance(listed, list) or not all(isinstance(v, str) for v in listed):
            raise ConfigError(f"{where}: [tests] {key} must be one of {', '.join(TEST_FIELDS)} "
                              "= a test name or a list of test names, in quotes")
        names[key] = tuple(listed)
    return names


def parse_mode(text: str, where: str = "file mode") -> int:
    """'600' or '0640' (octal) -> int; only owner and group permissions make sense here."""
    try:
        mode = int(text, 8)
    except ValueError:
        raise ConfigError(f"{where}: file_mode must be octal like \"0600\" or \"0640\"") from None
    if mode & ~0o777 or (mode & 0o600) != 0o600:
        raise ConfigError(f"{where}: file_mode must keep the owner's read and write (0600 to 0777)")
    return mode


def unreadable_overrides(values: Mapping[str, Mapping[str, str]]) -> list[str]:
    """[values.*] entries whose meaning does not read as a definite result: accepted, they would
    silently make every such case equivocal or unreadable (issue 10, "config mistakes")."""
    from her2batch.codes import IhcKind, IshKind, Site
    from her2batch.understand.values import SITE_NAMES, read_ihc, read_ish_text, read_site

    vague_ihc = {IhcKind.UNREADABLE, IhcKind.AMBIGUOUS, IhcKind.ZERO_PLUS}
    problems = []
    for column, table in values.items():
        for spelling, meaning in table.items():
            if column == "her2_ihc" and read_ihc(meaning).kind in vague_ihc:
                reading = read_ihc(meaning).reading
                problems.append(f"[values.her2_ihc] \"{spelling}\" = \"{meaning}\": the meaning is not a definite "
                                f"IHC result ({reading}); write 0, null, ultralow, 1+, 2+ or 3+")
            elif column == "ish_result" and read_ish_text(meaning).kind == IshKind.UNREADABLE:
                problems.append(f"[values.ish_result] \"{spelling}\" = \"{meaning}\": the meaning is not a definite "
                                f"ISH result; write amplified, not amplified, equivocal or group 1-5")
            elif column == "tumor_site" and normalise(meaning) not in SITE_NAMES and read_site(meaning) not in (
                    Site.BREAST, Site.GASTROESOPHAGEAL):
                problems.append(f"[values.tumor_site] \"{spelling}\" = \"{meaning}\": the meaning is not a site this "
                                "program reads; write breast, gastroesophageal or other")
    return problems


def check_settings(settings: Settings, where: str = "settings") -> None:
    if settings.rule_set not in BREAST_RULE_SETS:
        raise ConfigError(f"{where}: unknown rule set {settings.rule_set!r}; choose {', '.join(BREAST_RULE_SETS)}")
    if settings.default_site not in SITES:
        raise ConfigError(f"{where}: default_site must be one of {', '.join(SITES)}")
    if not isinstance(settings.cases_sheet_limit, int) or not 0 <= settings.cases_sheet_limit <= 1_048_575:
        raise ConfigError(f"{where}: cases_sheet_limit must be a whole number from 0 to 1048575")
    if not isinstance(settings.header_rows, int) or isinstance(settings.header_rows, bool) \
            or not 0 <= settings.header_rows <= 5:
        raise ConfigError(f"{where}: header_rows must be a whole number from 0 (detect) to 5")
    if settings.layout not in LAYOUTS:
        raise ConfigError(f"{where}: layout must be one of {', '.join(LAYOUTS)}")
    if not isinstance(settings.include_hidden_sheets, bool):
        raise ConfigError(f"{where}: include_hidden_sheets must be true or false")
    if settings.max_reject_percent is not None and not 0 <= float(settings.max_reject_percent) <= 100:
        raise ConfigError(f"{where}: max_reject_percent must be between 0 and 100")
    if settings.encoding is not None:
        try:
            codecs.lookup(str(settings.encoding))
        except LookupError:
            raise ConfigError(f"{where}: encoding {settings.encoding!r} is not an encoding Python knows "
                              "(e.g. \"cp1250\", \"cp1252\", \"utf-8\", \"latin-1\")") from None
    if isinstance(settings.wait, bool) or not isinstance(settings.wait, int | float) or not 0 <= settings.wait <= 86_400:
        raise ConfigError(f"{where}: wait must be a number of seconds from 0 to 86400")
    if not isinstance(settings.history_wait, int | float) or not 0 <= settings.history_wait <= 86_400:
        raise ConfigError(f"{where}: history_wait must be a number of seconds from 0 to 86400")
    if settings.history is not None and not isinstance(settings.history, str):
        raise ConfigError(f"{where}: history must be a file path in quotes")


EXAMPLE = '''\
# her2batch configuration (TOML). Pass it with --config FILE; command-line options win.

[columns]
# Map the canonical column names to your export's own headers (only those not recognised);
# a list gives one spelling per export layout: a file must have one of them.
# case_id = "Lab Ref"
# patient_id = ["MRN", "Hospital No"]
# her2_ihc = "Her Two Result"
# ish_ratio = "Ratio HER2:CEN17"

[values.her2_ihc]
# What your laboratory's own IHC spellings mean. Keys are matched ignoring case and spacing.
# "0+" = "ultralow"        # in this lab, 0+ means faint staining in <=10% of cells
# "EQ" = "2+"

[values.ish_result]
# "AMP-HI" = "amplified"

[values.tumor_site]
# Your sites' spellings: breast, gastroesophageal or other.
# "Upper GI" = "gastroesophageal"

[text]
# Columns whose report text holds results (found by their headers and content when not given).
# columns = ["Final Diagnosis", "Addendum"]   # read only these ([] reads none)
# exclude = ["Clinical History"]               # never read these

[run]
# rules = "asco-cap-2023"    # asco-cap-2023 | asco-cap-2018 | asco-cap-2013 | asco-cap-2007
# default_site = "breast"    # rule set for cases whose site is blank or not recognised
# cases_sheet_limit = 100000 # rows in each big sheet of the workbook (Cases, Review, ...; the CSVs have all)
# max_reject_percent = 5     # exit status 3 when more rows than this are rejected
# pseudonymize = true        # patient_id -> keyed HMAC-SHA256 pseudonym (key: $HER2BATCH_PSEUDONYM_KEY)
# pseudonymize_case_id = false
# key_file = "/etc/her2batch/pseudonym.key"
# drop_columns = ["Patient Name", "Date of Birth"]
# csv_escape = true          # apostrophe before formula-like text in cases.csv / rejects.csv
# file_mode = "0600"         # outputs readable by their owner only
# encoding = "cp1250"        # text inputs' encoding when detection guesses wrong (default: detected)
# wait = 0                   # seconds to wait when another run holds OUTDIR's lock
# history = "/var/lib/her2batch/history.sqlite"  # accumulate every run (see `her2batch history`)
# history_wait = 60          # seconds to wait when another run holds the history, then exit 1
# header_rows = 2            # the header has 2 rows (0, the default: detected; 1: never combine rows)
# include_hidden_sheets = false  # hidden and very hidden sheets are skipped (and named in run.json)
# layout = "auto"            # auto | wide (one row per case) | long (one row per test)

[key]
# Headers that together identify a case (NAACCR 550 + 560 are found without this).
# columns = ["Accession", "Part", "Block"]

[tests]
# One row per test: your own test names for fields the header vocabulary does not recognise.
# her2_ihc = ["HER2 by IHC (4B5)", "HER2 Interp"]
# ish_ratio = "H/C ratio"

[long]
# One row per test: which columns hold the test name and the result, when the headers do not say.
# test_column = "Order Item"
# result_column = "Reported Value"
'''
