"""The command line: the only module that imports click. Options, messages and exit codes."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import traceback
from pathlib import Path

import click

from her2batch import __version__
from her2batch.codes import BREAST_RULE_SET_NAMES, DEFAULT_RULE_SET
from her2batch.decide.reasons import REASONS
from her2batch.signals import handled

# Exit statuses of `run` and `validate` (README "Exit statuses and scheduling").
EXIT_OK = 0  # every input read (rejected rows alone are not a failure)
EXIT_INPUT_FAILED = 1  # an input could not be read; outputs written for the others (or, when every
#                        input failed, nothing written and the previous outputs kept)
EXIT_USAGE = 2  # wrong usage: unknown option, bad config, missing pseudonym key
EXIT_TOO_MANY_REJECTS = 3  # only with --max-reject-percent (or [run] max_reject_percent)
EXIT_NOTHING_WRITTEN = 4  # output not writable, OUTDIR locked, internal error, out of memory: previous outputs intact
EXIT_SIGHUP = 129  # 128 + signal number: stopped by a signal, staging removed
EXIT_SIGINT = 130
EXIT_SIGTERM = 143
EXIT_STATUS = {  # api.Outcome value -> exit status
    "ok": EXIT_OK,
    "inputs_failed": EXIT_INPUT_FAILED,
    "nothing_read": EXIT_INPUT_FAILED,
    "too_many_rejects": EXIT_TOO_MANY_REJECTS,
}

rules_option = click.option(
    "--rules",
    "rule_set",
    type=click.Choice(list(BREAST_RULE_SET_NAMES)),
    default=None,
    help=f"Rule set for breast cases (default {DEFAULT_RULE_SET}).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="her2batch")
def main() -> None:
    """HER2 status, category and HER2-low/ultralow flags for lab exports, per ASCO/CAP."""


def console() -> None:
    """The entry point of the ``her2batch`` command and ``python -m her2batch``: ``main``, then a
    plain process exit. A finished run holds hundreds of MB of frames and memory pools; freeing
    them object by object at interpreter shutdown takes a noticeable part of a second, while the
    outputs are already committed and flushed and the kernel reclaims the memory at once. So the
    exit status is passed straight to ``os._exit`` once every message is flushed. An error that
    is not an exit (a traceback) takes Python's normal way out; tests call ``main`` itself."""
    try:
        main()
    except SystemExit as stop:
        code = stop.code
    else:
        code = EXIT_OK
    if code is not None and not isinstance(code, int):  # sys.exit("message"): printed, status 1
        print(code, file=sys.stderr)
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()  # the --log-file handler is flushed and closed
    os._exit(code or 0)


config_option = click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="TOML config file (see `her2batch config`)."
)
LOG = logging.getLogger("her2batch")


def logging_options(command):
    """--quiet, --verbose and --log-file, shared by the commands that read inputs."""
    command = click.option("--log-file", type=click.Path(dir_okay=False),
                           help="Also append every message, with a timestamp, to this file.")(command)
    command = click.option("-v", "--verbose", is_flag=True, help="Say what each input held and how long each stage took.")(command)
    command = click.option("-q", "--quiet", is_flag=True, help="Only problems on stderr; no summary line.")(command)
    return command


class _LogFile(logging.FileHandler):
    """A log file that cannot be written (device full, gone) costs one warning line on stderr,
    never the run and never a logging traceback."""

    broken = False

    def emit(self, record: logging.LogRecord) -> None:
        if not self.broken:
            super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        if not self.broken:
            self.broken = True
            problem = sys.exc_info()[1]
            _log_file_warning(self.baseFilename, problem)
            with contextlib.suppress(Exception):
                self.close()


def _log_file_warning(path: str, problem: BaseException | None) -> None:
    reason = (getattr(problem, "strerror", None) or type(problem).__name__) if problem else "unknown error"
    sys.stderr.write(f"her2batch: warning: log file {path} cannot be written ({reason}); continuing without it\n")


def _setup_logging(quiet: bool, verbose: bool, log_file: str | None) -> None:
    """Messages go to stderr (and the log file); none of them carries a patient identifier."""
    LOG.handlers.clear()
    LOG.setLevel(logging.DEBUG)
    LOG.propagate = False
    terminal = logging.StreamHandler(sys.stderr)
    terminal.setLevel(logging.WARNING if quiet else logging.DEBUG if verbose else logging.INFO)
    terminal.setFormatter(logging.Formatter("her2batch: %(message)s"))
    LOG.addHandler(terminal)
    if log_file:
        try:
            handler = _LogFile(log_file, encoding="utf-8")
        except OSError as problem:
            _log_file_warning(log_file, problem)
            return
        handler.setLevel(logging.DEBUG if verbose else logging.INFO)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        LOG.addHandler(handler)


def _settings(config_path, **options):
    from her2batch.config import ConfigError, check_settings, load_settings

    try:
        settings = load_settings(config_path).with_options(**options)
        check_settings(settings)
    except ConfigError as problem:
        raise click.UsageError(str(problem)) from problem
    return settings


def _on_source(source) -> None:
    """What each input held (-v) and what became of its headers, its warnings, or why it failed."""
    for warning in source.warnings:  # names files and headers, never values
        LOG.warning("%s", warning)
    for column in source.columns:  # the mapping report (-v)
        sheet = f" [{column['sheet']}]" if column["sheet"] else ""
        became = f"{column['canonical']} ({column['how']})" if column["canonical"] else "unmapped"
        note = f": {column['note']}" if column.get("note") else ""
        LOG.debug("%s%s: column %s '%s' -> %s%s", source.display, sheet, column["column"], column["header"],
                  became, note)
    if source.status != "ok":
        LOG.warning("%s: %s", source.display, source.error)
        return
    sheets = f", sheets {', '.join(source.sheets_read)}" if source.sheets_read else ""
    skipped = f" (skipped: {', '.join(source.sheets_skipped)})" if source.sheets_skipped else ""
    dialect = f", {source.encoding}" + (f", delimiter {source.delimiter!r}" if source.delimiter else "")
    LOG.debug("%s: %d rows%s%s%s", source.display, source.rows, dialect if source.encoding else "", sheets, skipped)
    for note in source.notes:
        LOG.debug("%s: %s", source.display, note)


def _with_progress(call, inputs, outdir, quiet: bool):
    """``call(on_source)`` with a progress bar on a terminal only (silent under cron)."""
    stderr = sys.stderr
    if quiet or not stderr.isatty():
        return call(_on_source)
    from her2batch.read.discover import find_inputs

    total = len(find_inputs(inputs, outdir).sources)
    with click.progressbar(length=total, label="reading", file=stderr) as bar:
        def advance(source) -> None:
            _on_source(source)
            bar.update(1)

        return call(advance)


def _report_skipped(skipped) -> None:
    for item in skipped:
        (LOG.warning if item.warn else LOG.debug)("%s: skipped: %s", item.path, item.why)


def _internal_error(problem: BaseException, verbose: bool) -> None:
    """An unexpected failure: a short message (values could be patient data), no traceback unless -v."""
    if isinstance(problem, MemoryError):
        LOG.error("out of memory; nothing written, the previous outputs are intact")
        raise SystemExit(EXIT_NOTHING_WRITTEN)
    LOG.error("internal error (%s); nothing written, the previous outputs are intact. "
              "Please report it; rerun with -v for details.", type(problem).__name__)
    if verbose:
        LOG.debug("traceback:\n%s", "".join(traceback.format_exception(problem)))
    raise SystemExit(EXIT_NOTHING_WRITTEN)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--outdir", default="her2batch-out", show_default=True, type=click.Path(file_okay=False),
              help="Directory for the outputs.")
@rules_option
@config_option
@click.option("--default-site", type=click.Choice(["breast", "gastroesophageal"]), default=None,
              help="Rules for cases whose site is blank or not recognised (default breast).")
@click.option("--cases-sheet-limit", type=click.IntRange(0, 1_048_575), default=None,
              help="Rows in each big sheet of the workbook: Cases, Review, Rejects, Patients, Re-score "
                   "(default 100000; the CSVs always have all).")
@click.option("--max-reject-percent", type=click.FloatRange(0, 100), default=None,
              help="Exit with status 3 when more than this % of rows are rejected (for schedulers).")
@click.option("--pseudonymize", is_flag=True, default=None,
              help="Replace patient_id in every output by a keyed HMAC-SHA256 pseudonym "
                   "(key from $HER2BATCH_PSEUDONYM_KEY or --key-file).")
@click.option("--pseudonymize-case-id", is_flag=True, default=None, help="Pseudonymise case_id too.")
@click.option("--key-file", type=click.Path(dir_okay=False), default=None, help="File holding the pseudonym key.")
@click.option("--drop-columns", multiple=True, help="Columns to leave out of every output (comma-separated; repeatable).")
@click.option("--csv-escape/--no-csv-escape", default=None,
              help="Apostrophe before formula-like text in the CSV outputs (default on).")
@click.option("--file-mode", default=None, help="Permissions of the outputs, octal (default 600).")
@click.option("--wait", type=click.FloatRange(0, 86_400), default=None,
              help="Seconds to wait when another run holds OUTDIR's lock (default 0: exit 4 at once).")
@click.option("--history", "history_path", type=click.Path(dir_okay=False), default=None,
              help="SQLite history across runs (created when missing); see `her2batch history`.")
@click.option("--reprocess", is_flag=True, default=None, help="Read inputs the history already recorded.")
@logging_options
def run(inputs, outdir, rule_set, config_path, default_site, cases_sheet_limit, max_reject_percent,
        pseudonymize, pseudonymize_case_id, key_file, drop_columns, csv_escape, file_mode, wait, history_path,
        reprocess,
        quiet, verbose, log_file) -> None:
    """Classify every case of INPUT files and directories; write the outputs into OUTDIR.

    Exit status: 0 every input read; 1 an input could not be read (the others are still
    processed and written); 2 wrong usage; 3 rejects above --max-reject-percent; 4 nothing
    written (OUTDIR not writable or locked, internal error, out of memory), previous outputs
    intact; 129/130/143 stopped by SIGHUP/SIGINT/SIGTERM, staging removed.
    """
    from her2batch.api import Interrupted, LockHeld, Outcome, OutputError, SettingsError, process
    from her2batch.history import HistoryError
    from her2batch.reports.writer import WORKBOOK

    _setup_logging(quiet, verbose, log_file)
    from her2batch.config import ConfigError, parse_mode

    dropped = tuple(n.strip() for given in drop_columns for n in given.split(",") if n.strip()) or None
    try:
        mode = parse_mode(file_mode, "--file-mode") if file_mode else None
    except ConfigError as problem:
        raise click.UsageError(str(problem)) from None
    settings = _settings(config_path, rule_set=rule_set, default_site=default_site,
                         cases_sheet_limit=cases_sheet_limit, max_reject_percent=max_reject_percent,
                         pseudonymize=pseudonymize, pseudonymize_case_id=pseudonymize_case_id, key_file=key_file,
                         drop_columns=dropped, csv_escape=csv_escape, file_mode=mode, wait=wait,
                         history=history_path, reprocess=reprocess)
    with handled():
        try:
            report = _with_progress(lambda on_source: process(inputs, outdir, settings, on_source=on_source),
                                    inputs, outdir, quiet)
        except SettingsError as problem:
            raise click.UsageError(str(problem)) from None
        except LockHeld as problem:
            LOG.error("%s; nothing written", problem)
            raise SystemExit(EXIT_NOTHING_WRITTEN) from None
        except HistoryError as problem:  # issue 12: a history that cannot be used is exit 1
            LOG.error("%s", problem)
            raise SystemExit(EXIT_INPUT_FAILED) from None
        except OutputError as problem:
            LOG.error("%s: %s", outdir, problem)
            raise SystemExit(EXIT_NOTHING_WRITTEN) from None
        except Interrupted as stop:
            LOG.error("stopped by %s; %s", stop.name, stop.state or "the previous outputs are intact")
            raise SystemExit(stop.exit_status) from None
        except Exception as problem:  # the overnight run ends with a message, not a traceback
            _internal_error(problem, verbose)
    for note in report.notes:
        LOG.warning("%s: %s", outdir, note)
    for name in report.history_skipped:
        LOG.info("%s: already in the history, skipped (--reprocess reads it again)", name)
    if report.history is not None:
        LOG.info("history %s: %d new, %d amended, %d unchanged cases", settings.history,
                 report.history.new_cases, report.history.amended, report.history.unchanged)
    _report_skipped(report.skipped)
    if report.outcome is Outcome.NOTHING_READ:
        LOG.error("every input failed: nothing written; the previous outputs in %s are kept as they were", outdir)
        raise SystemExit(EXIT_INPUT_FAILED)
    for stage, seconds in report.document.get("timings_seconds", {}).items():
        LOG.debug("%s: %.2f s", stage, seconds)
    count = len(report.result.sources)
    LOG.info(
        "%d input%s (%d failed), %d rows: %d cases, %d rejects, %d for review in %.1f s -> %s",
        count, "s" * (count != 1), len(report.failed), report.rows_in, len(report.cases), len(report.rejects),
        report.review, report.seconds, Path(outdir) / WORKBOOK,
    )
    if getattr(report.result, "rows_folded", 0):
        LOG.info("%d more rows were tests folded into their cases (one row per test)", report.result.rows_folded)
    if report.escaped_cells:
        LOG.info("%d formula-like text cells got a leading apostrophe in the CSV outputs (--no-csv-escape keeps them)",
                 report.escaped_cells)
    if report.outcome is Outcome.TOO_MANY_REJECTS:
        LOG.warning("rejects are %.1f%% of rows, above the %g%% limit (exit status 3)",
                    report.reject_percent, settings.max_reject_percent)
    raise SystemExit(EXIT_STATUS[report.outcome.value])


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@config_option
@click.option("--show-values", is_flag=True,
              help="Also print the rejected values (for a person at the terminal; they may be patient data).")
@logging_options
def validate(inputs, config_path, show_values, quiet, verbose, log_file) -> None:
    """Read, map and validate INPUT; print what would be rejected and why. Writes nothing.

    Each line names the file, row, column and reason, never the value (those are in the
    rejects of `run`); --show-values adds them.
    """
    from her2batch.api import Interrupted, SettingsError, check
    from her2batch.validate import hide_values

    _setup_logging(quiet, verbose, log_file)
    settings = _settings(config_path)
    with handled():
        try:
            result = _with_progress(lambda on_source: check(inputs, settings, on_source=on_source), inputs, None, quiet)
        except SettingsError as problem:
            raise click.UsageError(str(problem)) from None
        except Interrupted as stop:
            LOG.error("stopped by %s", stop.name)
            raise SystemExit(stop.exit_status) from None
        except Exception as problem:
            _internal_error(problem, verbose)
    _report_skipped(result.skipped)
    rejects = result.rejects
    if len(rejects):
        sheet = rejects["source_sheet"].astype(str)
        where = rejects["source_file"].astype(str) + sheet.where(sheet == "", " [" + sheet + "]")
        reasons = rejects["reasons"].astype(str)
        if not show_values:
            reasons = hide_values(reasons)
        lines = where + ", row " + rejects["source_row"].astype(str) + ": " + reasons
        click.echo("\n".join(lines))
    LOG.info("%d rows: %d would be cases, %d rejected, %d input(s) failed",
             result.rows_in, len(result.cases), len(result.rejects), len(result.failed))
    if getattr(result, "rows_folded", 0):
        LOG.info("%d more rows were tests folded into their cases (one row per test)", result.rows_folded)
    raise SystemExit(EXIT_INPUT_FAILED if result.failed else EXIT_OK)


@main.command("history")
@click.argument("history_file", type=click.Path(dir_okay=False))
def history_command(history_file) -> None:
    """List the runs a history FILE holds, with their counts (no patient data)."""
    from her2batch.history import HistoryError
    from her2batch.history_report import describe

    _setup_logging(False, False, None)
    try:
        runs, counts = describe(history_file)
    except HistoryError as problem:
        LOG.error("%s", problem)
        raise SystemExit(EXIT_INPUT_FAILED) from None
    click.echo(runs.to_string(index=False) if len(runs) else "no runs recorded")
    click.echo("; ".join(f"{name}: {n:,}" for name, n in counts.items()))


@main.command()
@click.option("--history", "history_file", required=True, type=click.Path(dir_okay=False),
              help="The history written by `run --history`.")
@click.option("-o", "--outdir", required=True, type=click.Path(file_okay=False), help="Directory for the workbook.")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Only cases reported on or after this date (YYYY-MM-DD).")
@config_option
def report(history_file, outdir, since, config_path) -> None:
    """Write her2_summary.xlsx, patients.csv and rescore.csv from the history alone (no input read)."""
    from pathlib import Path

    from her2batch.history import HistoryError
    from her2batch.history_report import history_result, write_report

    _setup_logging(False, False, None)
    settings = _settings(config_path)
    try:
        result = history_result(history_file, settings, since.date().isoformat() if since else None)
        written = write_report(result, Path(outdir))
    except HistoryError as problem:
        LOG.error("%s", problem)
        raise SystemExit(EXIT_INPUT_FAILED) from None
    except OSError as problem:
        LOG.error("%s: outputs cannot be written (%s); no output was replaced", outdir,
                  problem.strerror or type(problem).__name__)
        raise SystemExit(EXIT_INPUT_FAILED) from None
    except Exception as problem:
        _internal_error(problem, False)
    LOG.info("%d cases from the history -> %s", len(result.cases), written[-1])


@main.command("config")
def config_example() -> None:
    """Print a commented example config file to start from."""
    from her2batch.config import EXAMPLE

    click.echo(EXAMPLE, nl=False)


@main.command()
@click.option("--ihc", help="IHC result as written, e.g. '2+', 'Equivocal (2+)', '0 (null)'.")
@click.option("--ihc-percent", help="% of invasive tumour cells with any HER2 membrane staining.")
@click.option("--ratio", help="HER2/CEP17 ratio.")
@click.option("--her2-copies", help="Mean HER2 signals per cell.")
@click.option("--cep17-copies", help="Mean CEP17 signals per cell.")
@click.option("--cells", help="Cells counted for ISH.")
@click.option("--probe", type=click.Choice(["dual", "single"]), help="ISH probe type.")
@click.option("--ish", help="ISH result as written: 'amplified', 'not amplified', 'group 4', ...")
@click.option("--site", help="Tumour site (breast when absent).")
@rules_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object with every annotation column.")
def explain(ihc, ihc_percent, ratio, her2_copies, cep17_copies, cells, probe, ish, site, rule_set, as_json) -> None:
    """Classify one case given on the command line and show the reasoning step by step."""
    from her2batch.decide.one_case import Refused, classify_one

    values = {
        "her2_ihc": ihc,
        "her2_ihc_percent": ihc_percent,
        "ish_ratio": ratio,
        "ish_her2_copies": her2_copies,
        "ish_cep17_copies": cep17_copies,
        "ish_cells_counted": cells,
        "ish_probe": probe,
        "ish_result": ish,
    }
    if site is not None:
        values["tumor_site"] = site
    try:
        record, steps = classify_one(values, rule_set or DEFAULT_RULE_SET)
    except Refused as refused:  # the value run would reject: the same reason, exit 2
        raise click.UsageError(f"a run would reject this case: {refused}") from None
    if as_json:
        click.echo(json.dumps(record, indent=2))
        return
    for i, step in enumerate(steps, 1):
        click.echo(f"{i}. {step}")


@main.command()
def rules() -> None:
    """List the rule sets and the review reason codes with their meaning."""
    from her2batch.rules import BREAST_RULE_SETS, GASTROESOPHAGEAL

    click.echo("Rule sets (--rules NAME; breast cases):")
    for rule_set in BREAST_RULE_SETS.values():
        default = " [default]" if rule_set.name == DEFAULT_RULE_SET else ""
        click.echo(f"  {rule_set.name}{default}: {rule_set.summary}")
        click.echo(f"      {rule_set.citation}")
    click.echo(f"  {GASTROESOPHAGEAL.name}: {GASTROESOPHAGEAL.summary}")
    click.echo(f"      {GASTROESOPHAGEAL.citation}")
    click.echo("")
    click.echo("Review reasons (review_reasons column; 1 = may change the call, 2 = check, 3 = note):")
    for reason in sorted(REASONS.values(), key=lambda r: r.priority):
        click.echo(f"  {reason.code} [{reason.priority}] {reason.title}")
        click.echo(f"      {reason.meaning}")
