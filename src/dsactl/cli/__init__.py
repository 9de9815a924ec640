"""The command line: ``app`` (``cli/app.py``, with the list of commands) and one module per
command; ``entry.py`` is the `dsactl` process around it, ``output.py`` the output pipeline.

Importing Typer, click and the app creates tens of thousands of objects, none of them garbage:
the cyclic collector stays off while they are imported (it would walk them over and over, a
tenth of the start-up), and ``entry`` then freezes them (ARCHITECTURE.md, "Start-up").
"""

import gc as _gc

_collecting = _gc.isenabled()
_gc.disable()
try:
    from dsactl.cli.app import app
finally:
    if _collecting:
        _gc.enable()

__all__ = ["app"]
