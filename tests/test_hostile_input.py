"""Hostile files, run as a separate process: a located message and exit 1 or 2, never a traceback."""

from __future__ import annotations

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
