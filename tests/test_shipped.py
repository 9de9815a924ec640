"""The case files shipped in cases/ pass `dsactl check`: the one test (with the README examples
and the schema's own checks) that reads the shipped data. Every other test uses fixtures
(tests/docket is a frozen copy of cases/; see conftest.py)."""

from __future__ import annotations

from conftest import SHIPPED_CASES, Run


def test_every_shipped_case_file_passes_check(run: Run) -> None:
    files = sorted(SHIPPED_CASES.glob("*.toml"))
    assert files
    code, out, err = run("check", str(SHIPPED_CASES))
    assert code == 0, out + err
    assert f"checked {len(files)} file(s): 0 error(s)" in out, out
