"""The command line: ``app`` (``cli/app.py``, with the list of commands) and one module per
command; ``entry.py`` is the `dsactl` process around it, ``output.py`` the output pipeline.
"""

from dsactl.cli.app import app

__all__ = ["app"]
