"""The command line: ``app`` and one module per command.

Each module registers its commands on ``app`` when it is imported, and it is imported the
first time one of its commands runs (or ``--help`` lists them): ``dsactl fine`` imports
``dsactl.cli.fine`` and nothing of the other commands. The order here is the order of the help.
"""

from dsactl.cli.app import app

app.lazy_module("dsactl.cli.check", "check")
app.lazy_module("dsactl.cli.deadlines", "deadlines")
app.lazy_module("dsactl.cli.fine", "fine")
app.lazy_module("dsactl.cli.period", "period", "calendar")
app.lazy_module("dsactl.cli.regimes", "regimes")
app.lazy_module("dsactl.cli.schema", "schema")
app.lazy_module("dsactl.cli.show", "show")
app.lazy_module("dsactl.cli.site", "site")
app.lazy_module("dsactl.cli.timeline", "timeline")
app.lazy_module("dsactl.cli.writers", "new", "answer")

__all__ = ["app"]
