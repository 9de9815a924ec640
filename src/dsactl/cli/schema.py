"""`dsactl schema`: the JSON Schema of a case file, for editors."""

from dsactl.cli.app import OutputOpt, app, emit, guard


@app.command(
    epilog="Example: dsactl schema -o schema/case-file.schema.json",
)
def schema(output: OutputOpt = None) -> None:
    """Print the JSON Schema (draft-07) of a case file, for Taplo, Tombi and other editors.

    Case files point at it with a first line `#:schema ../schema/case-file.schema.json`.
    """
    with guard():
        from dsactl.casefile.schema import schema_text

        emit(schema_text(), output)
