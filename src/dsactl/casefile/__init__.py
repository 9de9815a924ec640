"""The case-file format as data, reading files with positions, and every check that turns a
file into findings.

Where things are:

- ``declare``: how a file format is declared (``Field``, ``Section``, ``FileFormat``);
- ``spec``: the case file's declaration (a new key is one ``Field``, a new table one
  ``Section``); ``regimefile`` and ``calendarfile``: the declarations, rules and loaders of
  regime and calendar files;
- ``validator`` (with ``valuetypes``): the one validator of every declared format;
- ``checks``: the case-file rules the declaration cannot say (calendars, regimes, due dates,
  references, as-of warnings) and the ``Case``; ``across``: the checks over several files;
- ``findings``: the codes (``CODES``); each code is made in one module of this package;
- ``model``: the dataclasses (checked against ``spec`` by ``tests/test_spec_drift.py``);
- ``schema`` and ``reference``: the JSON Schema and the key tables of ``docs/case-files.md``,
  generated from the declarations;
- ``reader``, ``positions`` and ``tomlscan``: reading a file safely, TOML errors as findings,
  key positions;
- ``resolve``: looks calendars and regimes up by name (no checks); ``discovery``: finds files.
"""
