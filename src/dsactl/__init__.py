"""dsactl: deadlines, fine caps and CI checks for EU Digital Services Act case files."""

__version__ = "0.1.0"
