"""Hostile files, run as a separate process: a located message and exit 1 or 2, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import FIXTURES, TEST_CATALOGUE, run_cli

MINIMAL = (FIXTURES / "valid" / "minimal.yaml").read_bytes()

HOSTILE = {
    "alias-bomb": (FIXTURES / "invalid" / "yaml-alias-bomb.yaml").read_bytes(),
    "deep-flow-nesting": MINIMAL + b"notes: " + b"[" * 300_000 + b"]" * 300_000 + b"\n",
    "deep-block-sequences": MINIMAL + b"notes:\n" + b"- " * 150_000 + b"x\n",
    "binary": bytes(range(256)) * 8,
    "nul-bytes": MINIMAL.replace(b"Minimal", b"Min\x00imal"),
    "python-tag": MINIMAL + b"notes: !!python/object/apply:os.system ['echo hacked']\n",
    "huge": b"notes:\n" + b"  - padding line\n" * 80_000,
    "multi-document": MINIMAL + b"---\n" + MINIMAL,
    "not-a-mapping": b"- just\n- a list\n",
    "tab-indent": MINIMAL + b"coverage:\n\tnations: [GB-ENG]\n",
    "unterminated-string": MINIMAL + b"notes: ['unterminated\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_gives_located_message(name, tmp_path):
    path = tmp_path / "hostile.yaml"
    path.write_bytes(HOSTILE[name])
    result = run_cli("validate", "--catalogue", str(TEST_CATALOGUE), str(path))
    assert result.returncode in (1, 2), result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr == ""
    assert f"{path}:" in result.stdout or f"{path}" in result.stdout
    assert "error" in result.stdout


def _unknown_key_bomb() -> bytes:
    """About 30 KB: a mapping of 1,000 unknown keys, repeated by 2,500 aliases (2.5 million keys)."""
    keys = ", ".join(f"k{i}: 1" for i in range(1000))
    return MINIMAL + b"components:\n  - &m {" + keys.encode() + b"}\n" + b"".join(b"  - *m\n" for _ in range(2500))


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (_unknown_key_bomb(), 16),  # minimal.yaml has 15 lines
        (MINIMAL + b"components: &c [*c]\n", 15),  # an alias inside its own anchor
    ],
    ids=["unknown-keys", "self-reference"],
)
def test_an_alias_amplified_record_is_refused_at_once_with_one_issue(text, line, tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_bytes(text)
    probe = (
        "import sys, time, tracemalloc; from pathlib import Path; from adrmeta.records import load_record;"
        "tracemalloc.start(); t = time.perf_counter(); loaded = load_record(Path(sys.argv[1]));"
        "print(time.perf_counter() - t, tracemalloc.get_traced_memory()[1],"
        " [(i.code, i.location.line) for i in loaded.issues])"
    )
    result = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    seconds, peak, issues = result.stdout.split(" ", 2)
    assert float(seconds) < 1.0
    assert int(peak) < 50_000_000  # bytes allocated at the peak, the composed text included
    assert eval(issues) == [("yaml.alias-bomb", line)]
    cli = run_cli("validate", "--catalogue", str(TEST_CATALOGUE), str(path))
    assert cli.returncode == 1 and cli.stdout.count("yaml.alias-bomb") == 1 and f"{path}:{line}:" in cli.stdout
