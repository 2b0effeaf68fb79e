"""The `lingji` command. Each command parses its options, calls one service and prints.

The commands live in short modules by subject; this module builds the Typer `app` and
registers them, in the order `lingji --help` lists them.
"""

from __future__ import annotations

import sys

import typer

from lingji.cli.ask import ask, eval_ask
from lingji.cli.review import allocate, review
from lingji.cli.rounds import demo_data, import_command, init, status
from lingji.cli.standards import standards
from lingji.cli.thematic import thematic

__all__ = ["app", "main"]

app = typer.Typer(
    help="零基：财政局零基预算智能审核平台。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command()(init)
app.command("import")(import_command)
app.command()(status)
app.command()(review)
app.command()(allocate)
app.command()(thematic)
app.command()(standards)
app.command()(ask)
app.command("eval-ask")(eval_ask)
app.command("demo-data")(demo_data)


def main() -> None:  # pragma: no cover - console entry point
    app(prog_name="lingji", args=sys.argv[1:])
