"""The command line: ``app`` and one module per command (each registers itself on import)."""

from dsactl.cli import check, deadlines, fine, period, regimes, schema, show, timeline, writers
from dsactl.cli.app import app

__all__ = [
    "app",
    "check",
    "deadlines",
    "fine",
    "period",
    "regimes",
    "schema",
    "show",
    "timeline",
    "writers",
]
