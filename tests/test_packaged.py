"""Data shipped in the package: read from the package folder, one regime file at a time.

``get_regime("dsa")`` reads ``dsa.toml`` alone; that is the same regime as the full list gives
only because every shipped regime file is named after its id, which is checked here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dsactl.casefile.reader import MAX_FILE_BYTES, _read_at_most, _read_bytes
from dsactl.casefile.regimefile import load_regime_file
from dsactl.errors import UsageError
from dsactl.law import regimes
from dsactl.packaged import data_path, fast_loads

SHIPPED = sorted((Path(regimes.__file__).parent.parent / "data" / "regimes").glob("*.toml"))


def test_every_shipped_regime_file_is_named_after_its_id() -> None:
    assert SHIPPED
    for path in SHIPPED:
        regime = load_regime_file(path)
        assert regime.id == path.stem


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_one_regime_is_the_one_of_the_full_list(path: Path) -> None:
    assert regimes.get_regime(path.stem) == regimes.builtin_regimes()[path.stem]


def test_a_user_regime_replaces_the_shipped_one_of_its_id() -> None:
    shipped = regimes.get_regime("dsa")
    mine = regimes.Regime(
        id="dsa", name="Mine", law="l", currency="EUR", source="s", tiers=shipped.tiers
    )
    later = regimes.Regime(
        id="dsa", name="Later", law="l", currency="EUR", source="s", tiers=shipped.tiers
    )
    assert regimes.get_regime("dsa", [mine]) is mine
    assert regimes.get_regime("dsa", [mine, later]) is later  # as all_regimes: the last wins
    assert regimes.get_regime("dsa", [mine, later]) is regimes.all_regimes([mine, later])["dsa"]


@pytest.mark.parametrize("name", ["nope", "../regimes/dsa", "DSA", ""])
def test_an_unknown_regime_lists_the_known_ones(name: str) -> None:
    with pytest.raises(UsageError) as raised:
        regimes.get_regime(name)
    assert raised.value.hint == "known: dsa, dsa-national, dma, gdpr, ai-act, uk-osa"


def test_data_files_are_read_from_the_package_folder() -> None:
    folder = data_path("regimes")
    assert sorted(entry.name for entry in folder.iterdir()) == [p.name for p in SHIPPED]
    loads, error = fast_loads()
    assert loads('a = "b"') == {"a": "b"}
    with pytest.raises(error):
        loads("a = ")


def test_a_file_is_read_whole_whatever_stat_said(tmp_path: Path) -> None:
    # Sizes around the 64 KiB reads, and a stat size that is wrong (as in /proc: 0).
    for size in (0, 1, 1000, 65_535, 65_536, 65_537, 200_000):
        path = tmp_path / f"{size}.toml"
        data = bytes(i % 251 for i in range(size))
        path.write_bytes(data)
        assert _read_bytes(path) == data
        with path.open("rb") as handle:
            for expected in (0, size // 2, size * 2):
                handle.seek(0)
                assert _read_at_most(handle.fileno(), MAX_FILE_BYTES + 1, expected) == data


def test_a_read_stops_one_byte_past_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    path.write_bytes(b"x" * 300_000)
    with path.open("rb") as handle:
        assert len(_read_at_most(handle.fileno(), 100_001, 0)) == 100_001
