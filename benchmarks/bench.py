"""Start-up and throughput of dsactl, each figure beside a floor measured in the same run.

Run from the repository root with the project's interpreter::

    .venv/bin/python benchmarks/bench.py            # 7 runs of everything (median)
    .venv/bin/python benchmarks/bench.py --quick    # 3 runs: a rough check in a minute
    .venv/bin/python benchmarks/bench.py --enforce  # exit 1 when a budget is missed

It writes synthetic case files (10, 1 000 and 10 000 files of about 1 KB, shaped like
``cases/*.toml``) and three floor programs into a temporary folder, then times each command
as a child process and reads the child's peak memory (max RSS) from ``os.wait4``. Floors:

* ``python -c pass``: the interpreter alone;
* a minimal Typer app printing one line, and one printing a one-row Rich table;
* a loop that reads and parses the same case files with the standard library's ``tomllib``.

The result is a Markdown table (paste it into the README) with PASS/FAIL for each budget.
Runs are interleaved round by round, so a slow moment of the machine hits every figure alike.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "cases"
AS_OF = "2024-03-20"
MIB = 1024 * 1024

TYPER_APP = """\
import typer

app = typer.Typer()


@app.command()
def main() -> None:
    print("hello")


if __name__ == "__main__":
    app()
"""

TYPER_TABLE_APP = """\
import typer

app = typer.Typer()


@app.command()
def main() -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("Due", "Days", "Platform", "Subject")
    table.add_row("2024-04-05", "16", "TikTok", "Generative-AI risks: questions on elections")
    Console().print(table)


if __name__ == "__main__":
    app()
"""

TOMLLIB_LOOP = """\
import os
import sys
import tomllib

count = 0
for folder, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    for name in sorted(files):
        if name.endswith(".toml"):
            with open(os.path.join(folder, name), "rb") as handle:
                tomllib.load(handle)
            count += 1
print(count)
"""

KINDS = ("VLOP", "VLOSE", "platform", "hosting")
# Working days of the Commission (no weekend, no holiday), so the files have no findings.
DUE_DAYS = ("2024-04-05", "2024-04-12", "2024-04-26", "2024-05-06", "2024-05-17", "2024-05-27")
STATUSES = ("open", "closed", "commitments", "non-compliance")


def case_text(n: int) -> str:
    """A valid case file of about 1 KB (no findings as of AS_OF), varied by ``n``."""
    month = 1 + n % 12
    request_due = (
        'period = "10 working days"'
        if n % 3 == 0
        else f"due = {DUE_DAYS[n % len(DUE_DAYS)]}\nanswered = 2024-04-0{2 + n % 4}"
    )
    return f"""\
#:schema ../schema/case-file.schema.json
# Synthetic case file {n} for benchmarks/bench.py.

[platform]
name = "Platform {n:05d}"
provider = "Provider {n:05d} Ltd"
kind = "{KINDS[n % len(KINDS)]}"
designated = 2023-04-25
note = "Synthetic platform number {n}, written to measure how dsactl scales."

[[turnover]]
amount = {1_000_000_000 + n * 7_919:_}
currency = "{"EUR" if n % 2 else "USD"}"
year_end = 2023-12-31
eur_rate = {"1.0" if n % 2 else "1.1050"}
estimate = {"true" if n % 5 == 0 else "false"}
source = "Annual report {n}, financial year 2023"

[[proceedings]]
id = "proceedings-{n}"
opened = 2023-{month:02d}-18
subject = "Compliance with Articles 34, 35 and 39 DSA (synthetic {n})"
status = "{STATUSES[n % len(STATUSES)]}"
source = "European Commission press release, synthetic {n}"

[[requests]]
id = "rfi-{n}-a"
kind = "rfi"
subject = "Generative-AI risks: questions on elections ({n})"
sent = 2024-03-14
{request_due}
proceeding = "proceedings-{n}"
source = "European Commission press release, 14 March 2024"

[[requests]]
id = "rfi-{n}-b"
kind = "rfi-decision"
subject = "All other questions of the request for information ({n})"
sent = 2024-03-14
due = {DUE_DAYS[(n + 2) % len(DUE_DAYS)]}
source = "European Commission press release, 14 March 2024"
"""


def large_case_text(requests: int) -> str:
    """One valid case file with ``requests`` requests (no findings as of AS_OF); about 9 MB
    for 100 000, under the 10 MiB limit. A third have a `period`, to be computed."""
    head = (
        '[platform]\nname = "Large"\nprovider = "Large Ltd"\n\n[[turnover]]\n'
        'amount = 1_000_000_000\ncurrency = "EUR"\nyear_end = 2023-12-31\nsource = "x"\n'
    )
    parts = [head]
    for n in range(requests):
        due = 'period = "10wd"' if n % 3 == 0 else f"due = {DUE_DAYS[n % 6]}"
        parts.append(
            f'\n[[requests]]\nid = "r{n}"\nsubject = "s"\nsent = 2024-03-14\n{due}\nsource = "x"\n'
        )
    return "".join(parts)


LARGE = 100_000


def large_file_rows(work: Path, runs: int, env: dict[str, str], dsactl: str) -> list[Row]:
    """`answer` and the `deadlines` table on one file of 100 000 requests, each beside
    `deadlines --format json` on the same file. `answer` edits a fresh copy at every run
    (the `cp` of 7.8 MB is a few milliseconds of the figure)."""
    folder = work / "large"
    folder.mkdir()
    pristine = folder / "pristine.toml.orig"
    pristine.write_text(large_case_text(LARGE), encoding="utf-8")
    target = folder / "large.toml"
    shutil.copyfile(pristine, target)
    size = pristine.stat().st_size / 1e6
    print(f"bench: one case file of {LARGE:,} requests ({size:.1f} MB)", flush=True)
    answer = (
        f'cp "{pristine}" "{target}" && exec "{dsactl}" answer Large r{LARGE // 2} "{target}" '
        f"--on 2024-04-01 --as-of {AS_OF}"
    )
    commands = {
        "json": [dsactl, "deadlines", str(target), "--as-of", AS_OF, "--format", "json"],
        "table": [dsactl, "deadlines", str(target), "--as-of", AS_OF],
        "answer": ["sh", "-c", answer],
    }
    t = measure(commands, runs, env)
    json_name = f"`deadlines --format json`, {LARGE:,} requests"
    return [
        compare(
            f"`dsactl answer`, a file of {LARGE:,} requests",
            t["answer"],
            json_name,
            t["json"],
            ANSWER_BUDGET,
        ),
        compare(
            f"`dsactl deadlines` (table), {LARGE:,} requests",
            t["table"],
            json_name,
            t["json"],
            TABLE_BUDGET,
        ),
    ]


# `answer` reads and checks the file (as `deadlines` does), then parses it twice more under its
# lock (before the edit, and the result, which must equal the old document plus one date) and
# validates the result; the table prints the same rows as the JSON.
ANSWER_BUDGET = 2.0
TABLE_BUDGET = 1.3


def write_cases(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True)
    for n in range(count):
        (folder / f"platform-{n:05d}.toml").write_text(case_text(n), encoding="utf-8")
    return folder


@dataclass
class Sample:
    seconds: list[float]
    rss_kib: list[int]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak_mib(self) -> float:
        return max(self.rss_kib) / 1024


def run_once(argv: Sequence[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time and max RSS (KiB, Linux) of one child; exits other than 0 or 1 are fatal."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"bench: {' '.join(argv)} exited {proc.returncode}:\n{stderr}")
    return elapsed, usage.ru_maxrss


def measure(commands: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, Sample]:
    samples = {name: Sample([], []) for name in commands}
    for argv in commands.values():  # warm-up: page cache, .pyc files
        run_once(argv, env)
    for _ in range(runs):
        for name, argv in commands.items():
            seconds, rss = run_once(argv, env)
            samples[name].seconds.append(seconds)
            samples[name].rss_kib.append(rss)
    return samples


@dataclass
class Row:
    measure: str
    value: str
    floor: str
    floor_value: str
    ratio: str
    budget: str
    result: str


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def compare(name: str, sample: Sample, floor_name: str, floor: Sample, budget: float | None) -> Row:
    ratio = sample.median / floor.median
    verdict = "" if budget is None else ("PASS" if ratio <= budget else "FAIL")
    return Row(
        name,
        ms(sample.median),
        floor_name,
        ms(floor.median),
        f"{ratio:.2f}×",
        "" if budget is None else f"≤ {budget:g}×",
        verdict,
    )


def markdown(rows: list[Row]) -> str:
    header = ("Measure", "dsactl", "Floor", "Floor time", "Ratio", "Budget", "Result")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        cells = (row.measure, row.value, row.floor, row.floor_value, row.ratio, row.budget)
        lines.append("| " + " | ".join(cells) + f" | {row.result} |")
    return "\n".join(lines)


def dsactl_path() -> str:
    beside = Path(sys.executable).parent / "dsactl"
    found = str(beside) if beside.exists() else shutil.which("dsactl")
    if not found:
        raise SystemExit("bench: no dsactl script beside this Python or on PATH")
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 runs instead of 7")
    parser.add_argument("--runs", type=int, help="runs per figure (median taken)")
    parser.add_argument("--enforce", action="store_true", help="exit 1 if a budget is missed")
    parser.add_argument(
        "--large-only", action="store_true", help="only the file of 100 000 requests"
    )
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 7)
    dsactl, python = dsactl_path(), sys.executable
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    env.pop("DSACTL_CASES", None)
    env.pop("FORCE_COLOR", None)
    # An installed dsactl runs from .pyc files (pip compiles them); with this set, every run
    # would compile every module it imports again, and measure the compiler.
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    if args.large_only:
        with tempfile.TemporaryDirectory(prefix="dsactl-bench-") as tmp:
            return report(large_file_rows(Path(tmp), runs, env, dsactl), args.enforce)
    with tempfile.TemporaryDirectory(prefix="dsactl-bench-") as tmp:
        work = Path(tmp)
        (work / "typer_app.py").write_text(TYPER_APP)
        (work / "typer_table_app.py").write_text(TYPER_TABLE_APP)
        (work / "tomllib_loop.py").write_text(TOMLLIB_LOOP)
        sizes = (10, 1_000, 10_000)
        folders = {n: write_cases(work / f"cases-{n}", n) for n in sizes}
        size_kb = (folders[10] / "platform-00000.toml").stat().st_size / 1000
        print(f"bench: {runs} run(s) each; synthetic files of about {size_kb:.1f} KB", flush=True)

        site_folder = str(work / "site")
        startup = {
            "python -c pass": [python, "-c", "pass"],
            "Typer app": [python, str(work / "typer_app.py")],
            "Typer + Rich table app": [python, str(work / "typer_table_app.py")],
            "--version": [dsactl, "--version"],
            "fine --format json": [dsactl, "fine", "--turnover", "1e9", "--format", "json"],
            "fine (table)": [dsactl, "fine", "--turnover", "1e9"],
            "deadlines (table), cases/": [dsactl, "deadlines", str(CASES), "--as-of", AS_OF],
            "site, cases/": [dsactl, "site", str(CASES), "-o", site_folder, "--as-of", AS_OF],
        }
        s = measure(startup, runs, env)
        rows = [
            compare(
                "`dsactl --version`", s["--version"], "`python -c pass`", s["python -c pass"], 6
            ),
            compare(
                "`dsactl fine --turnover 1e9 --format json`",
                s["fine --format json"],
                "`python -c pass`",
                s["python -c pass"],
                6,
            ),
            compare("`dsactl --version`", s["--version"], "Typer app", s["Typer app"], None),
            compare(
                "`dsactl fine --turnover 1e9` (table)",
                s["fine (table)"],
                "Typer + Rich table app",
                s["Typer + Rich table app"],
                1.3,
            ),
            compare(
                "`dsactl deadlines` (table), shipped cases",
                s["deadlines (table), cases/"],
                "Typer + Rich table app",
                s["Typer + Rich table app"],
                1.3,
            ),
            compare(
                "`dsactl site`, shipped cases",
                s["site, cases/"],
                "`dsactl deadlines` (table)",
                s["deadlines (table), cases/"],
                2,
            ),
        ]
        print(f"bench: start-up measured ({runs} runs)", flush=True)

        scale: dict[str, list[str]] = {}
        for n, folder in folders.items():
            scale[f"loop {n}"] = [python, str(work / "tomllib_loop.py"), str(folder)]
            scale[f"check {n}"] = [dsactl, "check", str(folder), "--as-of", AS_OF]
            scale[f"json {n}"] = [
                dsactl, "deadlines", str(folder), "--as-of", AS_OF, "--format", "json",
            ]  # fmt: skip
        t = measure(scale, runs, env)
        for n in sizes:
            loop = f"tomllib loop, {n:,} files"
            budget = 0.8 if n == 10_000 else None
            rows.append(
                compare(
                    f"`dsactl check`, {n:,} files", t[f"check {n}"], loop, t[f"loop {n}"], budget
                )
            )
            rows.append(
                compare(
                    f"`dsactl deadlines --format json`, {n:,} files",
                    t[f"json {n}"],
                    loop,
                    t[f"loop {n}"],
                    None,
                )
            )
        growth = t["check 10000"].median / t["check 1000"].median
        loop_growth = t["loop 10000"].median / t["loop 1000"].median
        rows.append(
            Row(
                "`check` time growth, 1 000 → 10 000 files",
                f"{growth:.2f}×",
                "tomllib loop growth",
                f"{loop_growth:.2f}×",
                "",
                "≤ 11×",
                "PASS" if growth <= 11 else "FAIL",
            )
        )
        for label, key in (("check", "check 10000"), ("deadlines --format json", "json 10000")):
            peak = t[key].peak_mib
            rows.append(
                Row(
                    f"peak memory, `{label}`, 10 000 files",
                    f"{peak:.0f} MiB",
                    "tomllib loop",
                    f"{t['loop 10000'].peak_mib:.0f} MiB",
                    "",
                    "< 150 MiB",
                    "PASS" if peak < 150 else "FAIL",
                )
            )
        for n in sizes:
            rows.append(
                Row(
                    f"peak memory, `check`, {n:,} files",
                    f"{t[f'check {n}'].peak_mib:.0f} MiB",
                    "tomllib loop",
                    f"{t[f'loop {n}'].peak_mib:.0f} MiB",
                    "",
                    "",
                    "",
                )
            )

        rows.extend(large_file_rows(work, runs, env, dsactl))
    return report(rows, args.enforce)


def report(rows: list[Row], enforce: bool) -> int:
    print()
    print(markdown(rows))
    failed = [r.measure for r in rows if r.result == "FAIL"]
    print()
    print(f"{len(failed)} budget(s) missed" + (": " + "; ".join(failed) if failed else ""))
    return 1 if failed and enforce else 0


if __name__ == "__main__":
    sys.exit(main())
