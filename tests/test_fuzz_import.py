"""Seeded fuzzing of every importer: real fixtures mutated (types swapped, keys deleted, huge
numbers, control characters, odd keys, broken IRIs and XML text). No exception may escape
`import_files`, and every draft written must load again as YAML with no character XML forbids.
A failure names its seed: FUZZ_SEED=<seed> reproduces it."""

from __future__ import annotations

import json
import os
import random
import re
from typing import Any

import pytest

from adrmeta.importers import import_files, write_drafts
from adrmeta.records import FORBIDDEN_CHARS

from .conftest import FIXTURES, bundled, yaml_load
from .fuzzing import places

IMPORT = FIXTURES / "import"
FIXTURES_BY_FORMAT = {
    "dcat": ["dcat-external.jsonld", "dcat-external.ttl"],
    "ddi": ["ddi-study.xml", "oai-listrecords.xml"],
    "hdruk": ["hdruk-2.1.2.json", "hdruk-3.0.0.json", "hdruk-4.0.0.json"],
    "cddo": ["cddo-dataset.json", "cddo-dataset.yaml"],
    "schemaorg": ["schemaorg-dataset.jsonld"],
}
RUNS = int(os.environ.get("FUZZ_RUNS", "60"))  # per importer
SEED = int(os.environ.get("FUZZ_SEED", "17"))
CONTROL = ["\x00", "\x07", "\x0b", "\x1b", "\x7f", "\x85", "\u2028", "\ufffe", "\uffff", "\r", "\t"]


def _weird(rng: random.Random) -> Any:
    return rng.choice(
        [
            [],
            {},
            [1, "a"],
            {"a": [1]},
            0,
            -1,
            2**70,
            1.5e308,
            True,
            False,
            None,
            "",
            " ",
            "Not Available",
            "x" + rng.choice(CONTROL) + "y",
            "<b>bold</b>",
            "2021-02-30",
            "9" * 5000,
            ["a", ["b"]],
            [{"x": None}],
            "http://a b",
            "javascript:alert(1)",
        ]
    )


def _mutate_tree(node: Any, rng: random.Random) -> Any:
    """One random change somewhere in a JSON tree."""
    paths = places(node)
    if not paths:
        return _weird(rng)
    parent, key = rng.choice(paths)
    action = rng.randrange(6)
    if action == 0:
        parent[key] = _weird(rng)
    elif action == 1:
        del parent[key]
    elif action == 2 and isinstance(parent[key], str):
        text = parent[key]
        at = rng.randrange(len(text) + 1)
        parent[key] = text[:at] + rng.choice(CONTROL) + text[at:]
    elif action == 3:
        parent[key] = [parent[key], parent[key]]
    elif action == 4:
        parent[key] = {"@value": parent[key], "@language": rng.choice(["en", 5, None])}
    elif action == 5 and isinstance(parent, dict):
        parent[rng.choice(["@id", "@type", "@context", "title", "name", "x" + rng.choice(CONTROL)])] = parent.pop(key)
    return node


def _mutate_text(text: str, rng: random.Random) -> str:
    """One random change to a text format (XML, Turtle, YAML)."""
    at = rng.randrange(len(text))
    action = rng.randrange(8)
    if action == 0:  # delete a span
        return text[:at] + text[at + rng.randrange(1, 200) :]
    if action == 1:  # a control character (raw or as a character reference)
        return text[:at] + rng.choice(CONTROL + ["&#1;", "&#xFFFE;", "\\u0007", "\\x07"]) + text[at:]
    if action == 2:  # a huge number
        return text[:at] + "9" * 5000 + text[at:]
    if action == 3:  # a broken IRI
        return text[:at] + rng.choice(["<http://a b>", "<>", "<javascript:x>", '"\\uD800"', "@prefix : <x y> ."]) + text[at:]
    if action == 4:  # YAML: odd keys and values
        return (
            text[:at]
            + rng.choice(
                [
                    "\ntrue: 1\n",
                    "\n[a, b]: 1\n",
                    "\n? [x]\n: y\n",
                    "\n1: 2\n",
                    "\nnull: x\n",
                    "\ntitle: [a, b]\n",
                    "\ntitle: {a: b}\n",
                    "\ntitle: 2023-01-01\n",
                ]
            )
            + text[at:]
        )
    if action == 5:  # duplicate a span
        end = at + rng.randrange(1, 400)
        return text[:end] + text[at:end] + text[end:]
    if action == 6:  # swap the text of an XML element for markup or nothing
        return re.sub(r">([^<]{1,80})<", lambda m: ">" + rng.choice(["", "<x/>", "&amp;", "  "]) + "<", text, count=1)
    return text[:at] + rng.choice(["{", "}", "[", "]", "'", '"', ":", "<", ">", "&"]) + text[at:]


def _mutants(fmt: str, rng: random.Random):
    for _ in range(RUNS):
        name = rng.choice(FIXTURES_BY_FORMAT[fmt])
        text = (IMPORT / name).read_text()
        if name.endswith((".json", ".jsonld")) and rng.random() < 0.8:
            data = json.loads(text)
            for _ in range(rng.randrange(1, 4)):
                data = _mutate_tree(data, rng)
            try:
                out = json.dumps(data, ensure_ascii=rng.random() < 0.5)
            except ValueError:
                continue
            if rng.random() < 0.2:  # an integer past Python's 4,300-digit limit for int()
                out = out.replace("0", "9" * 5000, 1) if "0" in out else out
            yield name, out
        else:
            for _ in range(rng.randrange(1, 4)):
                text = _mutate_text(text, rng)
            yield name, text


@pytest.mark.parametrize("fmt", sorted(FIXTURES_BY_FORMAT))
def test_mutated_inputs_never_raise_and_drafts_reload(fmt, tmp_path):
    catalogue = bundled()[0]
    rng = random.Random(f"{SEED}-{fmt}")
    for run, (name, text) in enumerate(_mutants(fmt, rng)):
        path = tmp_path / f"{run}-{name}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        where = f"{fmt} run {run} (FUZZ_SEED={SEED}) from {name}: {path}"
        for chosen in (None, fmt):
            result = import_files([path], catalogue, fmt=chosen)  # never raises
            for issue in result.report.issues:
                assert issue.code in __import__("adrmeta.report", fromlist=["CODES"]).CODES, where
                assert issue.location is not None and issue.location.file, where
            if not result.drafts:
                continue
            out = tmp_path / f"drafts-{run}-{chosen}"
            written, problems = write_drafts(result.drafts, out)
            assert not problems, where
            for draft in written:
                body = draft.read_text(encoding="utf-8")
                assert not FORBIDDEN_CHARS.search(body.replace("\t", " ")), where
                yaml_load(body)  # valid YAML
        path.unlink()


def _replace(name: str, old: str, new: str) -> str:
    text = (IMPORT / name).read_text()
    assert old in text
    return text.replace(old, new, 1)


NAMED = {  # the kinds of input that raised before: each becomes located issues, never an exception
    "object-as-list.json": lambda: json.dumps({**json.loads((IMPORT / "hdruk-3.0.0.json").read_text()), "summary": [1, 2]}),
    "name-as-list.jsonld": lambda: json.dumps(
        {**json.loads((IMPORT / "schemaorg-dataset.jsonld").read_text()), "name": ["a", ["b"]], "creator": [{"name": {"x": 1}}]}
    ),
    "boolean-key.yaml": lambda: _replace("cddo-dataset.yaml", "title:", "true: 1\ntitle:"),
    "huge-integer.json": lambda: _replace("hdruk-3.0.0.json", '"version": "2.0.0"', '"version": ' + "9" * 5000),
    "iri-with-space.ttl": lambda: _replace(
        "dcat-external.ttl",
        "<https://data.example.org/dataset/welsh-housing>",
        "<https://data.example.org/dataset/welsh housing>",
    ),
}


@pytest.mark.parametrize("name", sorted(NAMED))
def test_wrongly_typed_input_gives_located_issues(name, tmp_path):
    path = tmp_path / name
    path.write_text(NAMED[name]())
    result = import_files([path], bundled()[0])
    assert result.report.issues
    for issue in result.report.issues:
        assert issue.code.startswith("import.") and issue.location.file == str(path)


def test_a_control_character_never_reaches_a_draft(tmp_path):
    path = tmp_path / "bell.jsonld"
    data = json.loads((IMPORT / "schemaorg-dataset.jsonld").read_text())
    path.write_text(
        json.dumps({**data, "description": data["description"] + "\x07\x00 and \u2028 more \ufffe", "funder": "bell\x07"})
    )
    result = import_files([path], bundled()[0])
    assert ("import.invalid", "/summary") in [(i.code, i.path) for i in result.report.issues]
    written, _problems = write_drafts(result.drafts, tmp_path / "drafts")
    body = written[0].read_text()
    assert not FORBIDDEN_CHARS.search(body.replace("\t", " ")) and "\u2028" not in body.split("\n#")[0]
    assert yaml_load(body)["summary"].endswith("and \u2028 more ")
