"""Regime files: the shipped ones (dsactl.law.regimes), and the errors a broken user file gets
(dsactl.casefile.lawfiles)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from dsactl.casefile.regimefile import load_regime_file
from dsactl.errors import DataError, UsageError
from dsactl.law.regimes import Regime, builtin_regimes, get_regime

SHIPPED = Path(__file__).parent.parent / "src" / "dsactl" / "data" / "regimes"

GOOD = """\
[regime]
id = "test"
name = "Test regime"
law = "Test law"
currency = "EUR"
source = "Test source"

[[tiers]]
id = "t-1"
kind = "infringement"
article = "Art. 1"
basis = "Test Art. 1"
rate = "0.05"
applies_to = "turnover"
fixed = "1000000"
rule = "higher"
description = "A test tier."
source = "Test source, Art. 1"
"""


def write(tmp_path: Path, text: str, name: str = "regime.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_shipped_file_loads() -> None:
    files = sorted(SHIPPED.glob("*.toml"))
    assert {f.stem for f in files} == {"dsa", "dsa-national", "dma", "gdpr", "ai-act", "uk-osa"}
    for file in files:
        # The shipped files are read without a check at run time: the check is here.
        regime = load_regime_file(file)
        assert regime.id == file.stem
        assert regime.tiers
        assert builtin_regimes()[regime.id] == regime._replace(
            path=f"dsactl/data/regimes/{file.name}"
        )


def test_builtin_regimes_in_order_and_cached() -> None:
    regimes = builtin_regimes()
    assert list(regimes) == ["dsa", "dsa-national", "dma", "gdpr", "ai-act", "uk-osa"]
    assert builtin_regimes() is regimes


@pytest.mark.parametrize("regime_id", ["dsa", "dsa-national", "dma", "gdpr", "ai-act", "uk-osa"])
def test_each_tier_says_where_it_comes_from(regime_id: str) -> None:
    regime = builtin_regimes()[regime_id]
    assert regime.source.strip() and regime.law.strip() and regime.name.strip()
    for tier in regime.tiers:
        assert tier.source.strip(), tier.id
        assert tier.article.strip(), tier.id
        assert tier.description.strip(), tier.id
        assert tier.basis.strip(), tier.id
        if tier.per_day:
            assert "365" in tier.description  # the annual / 365 convention is stated


# Every figure below is from shared/reference/legal-rules.md:
# (regime, tier, kind, rate, applies_to, fixed, rule, sme_rule, per_day)
FIGURES = [
    ("dsa", "74-1", "infringement", "0.06", "turnover", None, None, None, False),
    ("dsa", "74-2", "procedural", "0.01", "income-or-turnover", None, None, None, False),
    ("dsa", "76-1", "periodic", "0.05", "average-daily-income-or-turnover", None, None, None, True),
    ("dsa-national", "52-3", "infringement", "0.06", "turnover", None, None, None, False),
    (
        "dsa-national",
        "52-3-info",
        "procedural",
        "0.01",
        "income-or-turnover",
        None,
        None,
        None,
        False,
    ),
    (
        "dsa-national",
        "52-4",
        "periodic",
        "0.05",
        "average-daily-income-or-turnover",
        None,
        None,
        None,
        True,
    ),
    ("dma", "30-1", "infringement", "0.10", "turnover", None, None, None, False),
    ("dma", "30-2", "infringement", "0.20", "turnover", None, None, None, False),
    ("dma", "30-3", "procedural", "0.01", "turnover", None, None, None, False),
    ("dma", "31-1", "periodic", "0.05", "average-daily-turnover", None, None, None, True),
    ("gdpr", "83-4", "infringement", "0.02", "turnover", "10000000", "higher", None, False),
    ("gdpr", "83-5", "infringement", "0.04", "turnover", "20000000", "higher", None, False),
    ("gdpr", "83-6", "infringement", "0.04", "turnover", "20000000", "higher", None, False),
    ("ai-act", "99-3", "infringement", "0.07", "turnover", "35000000", "higher", "lower", False),
    ("ai-act", "99-4", "infringement", "0.03", "turnover", "15000000", "higher", "lower", False),
    ("ai-act", "99-5", "procedural", "0.01", "turnover", "7500000", "higher", "lower", False),
    ("ai-act", "101-1", "infringement", "0.03", "turnover", "15000000", "higher", None, False),
    ("uk-osa", "sch13-4-1", "infringement", "0.10", "revenue", "18000000", "higher", None, False),
]


@pytest.mark.parametrize(
    ("regime_id", "tier_id", "kind", "rate", "applies_to", "fixed", "rule", "sme_rule", "per_day"),
    FIGURES,
)
def test_shipped_figures(
    regime_id: str,
    tier_id: str,
    kind: str,
    rate: str,
    applies_to: str,
    fixed: str | None,
    rule: str | None,
    sme_rule: str | None,
    per_day: bool,
) -> None:
    tier = get_regime(regime_id).tier(tier_id)
    assert tier.kind == kind
    assert tier.rate == Decimal(rate)
    assert tier.applies_to == applies_to
    assert tier.fixed == (Decimal(fixed) if fixed is not None else None)
    assert tier.rule == rule
    assert tier.sme_rule == sme_rule
    assert tier.per_day is per_day


def test_shipped_tiers_are_exactly_these() -> None:
    shipped = {(r.id, t.id) for r in builtin_regimes().values() for t in r.tiers}
    assert shipped == {(row[0], row[1]) for row in FIGURES}


def test_regime_currencies() -> None:
    currencies = {r.id: r.currency for r in builtin_regimes().values()}
    assert currencies == {
        "dsa": "EUR",
        "dsa-national": "EUR",
        "dma": "EUR",
        "gdpr": "EUR",
        "ai-act": "EUR",
        "uk-osa": "GBP",
    }


def test_dsa_core_tiers_keep_kind_and_basis() -> None:
    dsa = get_regime("dsa")
    assert [(t.id, t.kind, t.basis) for t in dsa.tiers] == [
        ("74-1", "infringement", "DSA Art. 74(1)"),
        ("74-2", "procedural", "DSA Art. 74(2)"),
        ("76-1", "periodic", "DSA Art. 76(1)"),  # one label per article (issue 13)
    ]


def test_rate_keeps_the_file_text() -> None:
    assert str(get_regime("dma").tier("30-1").rate) == "0.10"


def test_good_user_file(tmp_path: Path) -> None:
    regime = load_regime_file(write(tmp_path, GOOD))
    assert regime.id == "test"
    assert regime.tiers[0].fixed == Decimal("1000000")
    assert regime.tiers[0].rule == "higher"
    assert regime.path == str(tmp_path / "regime.toml")


@pytest.mark.parametrize(
    ("old", "new", "key", "says"),
    [
        # unknown key (a typo)
        ('rate = "0.05"', 'raet = "0.05"', "tiers[0].raet", "unknown key"),
        # missing rate
        ('rate = "0.05"\n', "", "tiers[0].rate", "missing"),
        # fixed without rule
        ('rule = "higher"\n', "", "tiers[0].rule", "needs a rule"),
        # rule without fixed
        ('fixed = "1000000"\n', "", "tiers[0].rule", "no fixed amount"),
        # rate not in (0, 1]
        ('rate = "0.05"', 'rate = "6"', "tiers[0].rate", "more than 100 %"),
        ('rate = "0.05"', 'rate = "0"', "tiers[0].rate", "positive"),
        ('rate = "0.05"', 'rate = "-0.05"', "tiers[0].rate", "negative"),
        ('rate = "0.05"', 'rate = "6 %"', "tiers[0].rate", "not a number"),
        # wrong types
        ('rate = "0.05"', "rate = true", "tiers[0].rate", "decimal string"),
        ('article = "Art. 1"', "article = 1", "tiers[0].article", "expected a string"),
        ('article = "Art. 1"', 'article = ""', "tiers[0].article", "empty"),
        # bad enums
        ('kind = "infringement"', 'kind = "infringment"', "tiers[0].kind", "did you mean"),
        ('applies_to = "turnover"', 'applies_to = "sales"', "tiers[0].applies_to", "not allowed"),
        ('rule = "higher"', 'rule = "greater"', "tiers[0].rule", "not allowed"),
        # per-day consistency
        (
            'applies_to = "turnover"',
            'applies_to = "turnover"\nper_day = true',
            "tiers[0].per_day",
            "kind is `infringement`",
        ),
        (
            'applies_to = "turnover"',
            'applies_to = "average-daily-turnover"',
            "tiers[0].applies_to",
            "does not fit",
        ),
        ('kind = "infringement"', 'kind = "periodic"', "tiers[0].per_day", "kind is `periodic`"),
        # the regime table
        ('currency = "EUR"', 'currency = "EURO"', "regime.currency", "ISO 4217"),
        ('id = "test"', 'id = "Test Regime"', "regime.id", "usable id"),
        ('law = "Test law"\n', "", "regime.law", "missing"),
        ('name = "Test regime"', 'name = "x"\nnmae = "y"', "regime.nmae", "unknown key"),
    ],
)
def test_broken_user_file_names_the_key(
    tmp_path: Path, old: str, new: str, key: str, says: str
) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(DataError) as caught:
        load_regime_file(path)
    error = caught.value
    assert error.key == key
    assert says in error.message
    assert error.path == str(path)
    assert error.exit_code == 1
    assert str(path) in str(error) and key in str(error)


def test_fixed_without_rule_says_how_to_fix(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('rule = "higher"\n', ""))
    with pytest.raises(DataError) as caught:
        load_regime_file(path)
    assert 'rule = "higher"' in caught.value.message


@pytest.mark.parametrize(
    ("text", "key", "says"),
    [
        (GOOD + "\n[extra]\nx = 1\n", "extra", "unknown key"),
        (GOOD.split("[[tiers]]")[0], "tiers", "missing"),
        (GOOD.replace("[[tiers]]", "[tiers]"), "tiers", "must be an array of tables"),
        (GOOD + GOOD[GOOD.index("[[tiers]]") :], "tiers[1].id", "already used by tiers[0]"),
        (GOOD.replace('source = "Test source"', 'source = "S"\nnotes = ["n"]', 1), None, None),
        (
            GOOD.replace('source = "Test source"', 'source = "S"\nnotes = "n"', 1),
            "regime.notes",
            "array",
        ),
    ],
)
def test_broken_structure(tmp_path: Path, text: str, key: str | None, says: str | None) -> None:
    path = write(tmp_path, text)
    if key is None:
        load_regime_file(path)
        return
    with pytest.raises(DataError) as caught:
        load_regime_file(path)
    assert caught.value.key == key
    assert says is not None and says in caught.value.message


def test_invalid_toml_has_a_position(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('rate = "0.05"', "rate = 0.05.1"))
    with pytest.raises(DataError) as caught:
        load_regime_file(path)
    assert caught.value.line == 13
    assert "TOML syntax" in caught.value.message


def test_unreadable_and_not_utf8(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="cannot be read"):
        load_regime_file(tmp_path / "missing.toml")
    path = tmp_path / "latin1.toml"
    path.write_bytes(GOOD.replace("Test law", "Loi \xe9").encode("latin-1"))
    with pytest.raises(DataError, match="UTF-8"):
        load_regime_file(path)


def test_user_regime_overrides_builtin(tmp_path: Path) -> None:
    mine = load_regime_file(write(tmp_path, GOOD.replace('id = "test"', 'id = "gdpr"', 1)))
    assert get_regime("gdpr", [mine]) is mine
    assert get_regime("gdpr") is not mine
    assert get_regime("dsa", [mine]).id == "dsa"


def test_user_regime_is_added(tmp_path: Path) -> None:
    mine = load_regime_file(write(tmp_path, GOOD))
    assert get_regime("test", [mine]) is mine


def test_unknown_regime_lists_the_known_ones() -> None:
    with pytest.raises(UsageError) as caught:
        get_regime("gpdr")
    error = caught.value
    assert "gdpr" in error.message  # did you mean
    assert error.hint is not None
    for name in ("dsa", "dsa-national", "dma", "gdpr", "ai-act", "uk-osa"):
        assert name in error.hint


def test_unknown_tier_lists_the_ids() -> None:
    regime: Regime = get_regime("dsa")
    with pytest.raises(UsageError) as caught:
        regime.tier("74-3")
    assert caught.value.hint == "tiers: 74-1, 74-2, 76-1"
