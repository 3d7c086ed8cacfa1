"""Seeded fuzzing of records and the catalogue through `validate` and `export`: every mutant gives
located issues with known codes, never an exception; a mutant that validates exports cleanly.
A failure names its seed: FUZZ_SEED=<seed> reproduces it."""

from __future__ import annotations

import os
import random
import shutil

import pytest
import yaml

from adrmeta import cli
from adrmeta.report import CODES
from adrmeta.validate import validate

from .conftest import FIXTURES, TEST_CATALOGUE, TODAY, yaml_load
from .fuzzing import places

RUNS = int(os.environ.get("FUZZ_RUNS", "60"))
SEED = int(os.environ.get("FUZZ_SEED", "17"))
EXPORTS = 4  # mutants that validate are exported, up to this many per test
WEIRD = [
    None,
    True,
    0,
    -1,
    10**30,
    1.5,
    "",
    " ",
    "x\x07y",
    "a\ufffeb",
    "\ud800",
    "TBD",
    [],
    {},
    [1, [2]],
    {"a": {"b": 1}},
    "2021-02-30",
    "9999-12-31",
    'https://example.org/a"b',
    "https://e.org/" + "a" * 3000,
    "../../etc/passwd",
    "<script>",
    "gb-eng",
    "GB-ENG",
    "x" * 20_000,
]


def _mutate(node, rng: random.Random):
    parent, key = rng.choice(places(node))
    action = rng.randrange(5)
    if action == 0:
        parent[key] = rng.choice(WEIRD)
    elif action == 1:
        del parent[key]
    elif action == 2:
        parent[key] = [parent[key]] * rng.choice([2, 50])
    elif action == 3 and isinstance(parent, dict):
        parent[rng.choice(["id", "title", "x", True, 1, "key with space"])] = parent.pop(key)
    elif isinstance(parent[key], str):
        parent[key] = parent[key] + rng.choice(["\x00", "\u2028", "\ufeff", " ", "\t", "'", '"', "\\", "&"])
    return node


def _text_mutation(text: str, rng: random.Random) -> str:
    at = rng.randrange(len(text))
    return (
        text[:at]
        + rng.choice(
            [
                "\n",
                "  ",
                "- ",
                ": ",
                "&a ",
                "*a",
                "!!binary ",
                "{",
                "[",
                "'",
                '"',
                "\t",
                "#",
                "? ",
                "|\n",
                ">-\n",
                "\x00",
                "\ufffe",
                "%YAML 1.1\n---\n",
                "---\n",
            ]
        )
        + text[at:]
    )


def _mutants(source: str, rng: random.Random):
    for _ in range(RUNS):
        if rng.random() < 0.7:
            data = yaml_load(source)
            for _ in range(rng.randrange(1, 4)):
                data = _mutate(data, rng)
            try:
                yield yaml.safe_dump(data, allow_unicode=rng.random() < 0.5, sort_keys=False)
            except yaml.YAMLError:
                continue
        else:
            text = source
            for _ in range(rng.randrange(1, 3)):
                text = _text_mutation(text, rng)
            yield text


def _check_report(report, where: str) -> None:
    for issue in report.issues:
        assert issue.code in CODES, where
        assert issue.location is not None and issue.location.file, where


@pytest.mark.parametrize("target", ["record", "catalogue"])
def test_mutated_records_and_catalogues_validate_and_export_without_crashing(target, tmp_path, monkeypatch, capsys):
    rng = random.Random(f"{SEED}-{target}")
    record = (FIXTURES / "flagship" / "eligible.yaml").read_text()
    catalogue = TEST_CATALOGUE.read_text()
    exported = 0
    for run, text in enumerate(_mutants(record if target == "record" else catalogue, rng)):
        home = tmp_path / str(run)
        (home / "records").mkdir(parents=True)
        (home / "catalogue.yaml").write_text(
            text if target == "catalogue" else catalogue, encoding="utf-8", errors="surrogatepass"
        )
        (home / "records" / "eligible.yaml").write_text(
            text if target == "record" else record, encoding="utf-8", errors="surrogatepass"
        )
        where = f"{target} run {run} (FUZZ_SEED={SEED}): {home}"
        report = validate(catalogue=home / "catalogue.yaml", today=TODAY, cwd=home)
        _check_report(report, where)
        if report.ok("error") and exported < EXPORTS:
            exported += 1
            monkeypatch.chdir(home)
            assert cli.main(["export", "--out", str(home / "exports")]) == 0, where
            assert (home / "exports" / "ddi").is_dir(), where
            capsys.readouterr()
        shutil.rmtree(home)
    assert exported, "no mutant validated: the export half of this test did not run"
