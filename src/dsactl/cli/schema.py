"""`dsactl schema`: the JSON Schema of a case file, for editors."""

from typing import Annotated, Optional

from dsactl.cli.app import OutputOpt, app, guard
from dsactl.cli.output import Outputs


def _schema(_: None) -> str:
    from dsactl.casefile.schema import schema_text

    return schema_text()


OUTPUTS: Outputs[None] = Outputs(documents={"json": _schema}, default="json")


@app.command(
    epilog="Example: dsactl schema -o schema/case-file.schema.json",
)
def schema(
    fmt: Annotated[Optional[str], OUTPUTS.option()] = None,  # noqa: UP045
    output: OutputOpt = None,
) -> None:
    """Print the JSON Schema (draft-07) of a case file, for Taplo, Tombi and other editors.

    Case files point at it with a first line `#:schema ../schema/case-file.schema.json`.
    """
    with guard():
        OUTPUTS.write(fmt, None, output)
