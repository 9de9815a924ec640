"""The command line: the Typer app in ``app.py`` (``from dsactl.cli.app import app``, with the
list of commands) and one module per command; ``entry.py`` is the `dsactl` process around
it, ``output.py`` the output pipeline, ``quick.py`` the command lines answered before Typer
is imported. The package itself imports nothing, so that the quick path runs without Typer.
"""
