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
