"""The command line: the only module that imports click. Options, messages and exit codes."""

from __future__ import annotations

import json

import click

from her2batch import __version__
from her2batch.reasons import REASONS
from her2batch.rules import BREAST_RULE_SETS, DEFAULT_RULE_SET, GASTROESOPHAGEAL

EXIT_OK = 0
EXIT_INPUT_FAILED = 1
EXIT_USAGE = 2
EXIT_TOO_MANY_REJECTS = 3  # only with --max-reject-percent (or [run] max_reject_percent)

rules_option = click.option(
    "--rules",
    "rule_set",
    type=click.Choice(list(BREAST_RULE_SETS)),
    default=None,
    help=f"Rule set for breast cases (default {DEFAULT_RULE_SET}).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="her2batch")
def main() -> None:
    """HER2 status, category and HER2-low/ultralow flags for lab exports, per ASCO/CAP."""


config_option = click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="TOML config file (see `her2batch config`)."
)


def _settings(config_path, **options):
    from her2batch.config import ConfigError, check_settings, load_settings

    try:
        settings = load_settings(config_path).with_options(**options)
        check_settings(settings)
    except ConfigError as problem:
        raise click.UsageError(str(problem)) from problem
    return settings


def _say(message: str) -> None:
    click.echo(f"her2batch: {message}", err=True)


def _report_failed(result) -> None:
    for source in result.failed:
        _say(f"{source.display}: {source.error}")


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--outdir", default="her2batch-out", show_default=True, type=click.Path(file_okay=False),
              help="Directory for the outputs.")
@rules_option
@config_option
@click.option("--max-reject-percent", type=click.FloatRange(0, 100), default=None,
              help="Exit with status 3 when more than this % of rows are rejected (for schedulers).")
def run(inputs, outdir, rule_set, config_path, max_reject_percent) -> None:
    """Classify every case of INPUT files and directories; write the outputs into OUTDIR."""
    import time
    from pathlib import Path

    from her2batch.pipeline import run as run_pipeline
    from her2batch.reports.writer import write_outputs

    start = time.perf_counter()
    settings = _settings(config_path, rule_set=rule_set, max_reject_percent=max_reject_percent)
    result = run_pipeline(inputs, settings)
    _report_failed(result)
    write_outputs(result, Path(outdir))
    sources = len(result.sources)
    _say(
        f"{sources} input{'s' * (sources != 1)} ({len(result.failed)} failed), {result.rows_in} rows: "
        f"{len(result.cases)} cases, {len(result.rejects)} rejects, {result.review} for review "
        f"in {time.perf_counter() - start:.1f} s -> {Path(outdir) / 'her2_summary.xlsx'}"
    )
    raise SystemExit(_exit_status(result))


def _exit_status(result) -> int:
    if result.failed:
        return EXIT_INPUT_FAILED
    limit = result.settings.max_reject_percent
    if limit is not None and result.rows_in and 100 * len(result.rejects) / result.rows_in > limit:
        _say(f"rejects above {limit:g}% of rows")
        return EXIT_TOO_MANY_REJECTS
    return EXIT_OK


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@config_option
def validate(inputs, config_path) -> None:
    """Read, map and validate INPUT; print what would be rejected and why. Writes nothing."""
    from her2batch.pipeline import run as run_pipeline

    settings = _settings(config_path)
    result = run_pipeline(inputs, settings)
    _report_failed(result)
    rejects = result.rejects
    if len(rejects):
        sheet = rejects["source_sheet"].astype(str)
        where = rejects["source_file"].astype(str) + sheet.where(sheet == "", " [" + sheet + "]")
        lines = where + ", row " + rejects["source_row"].astype(str) + ": " + rejects["reasons"].astype(str)
        click.echo("\n".join(lines))
    _say(f"{result.rows_in} rows: {len(result.cases)} would be cases, {len(result.rejects)} rejected, "
         f"{len(result.failed)} input(s) failed")
    raise SystemExit(EXIT_INPUT_FAILED if result.failed else EXIT_OK)


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
    from her2batch.one_case import classify_one

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
    record, steps = classify_one(values, rule_set or DEFAULT_RULE_SET)
    if as_json:
        click.echo(json.dumps(record, indent=2))
        return
    for i, step in enumerate(steps, 1):
        click.echo(f"{i}. {step}")


@main.command()
def rules() -> None:
    """List the rule sets and the review reason codes with their meaning."""
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
