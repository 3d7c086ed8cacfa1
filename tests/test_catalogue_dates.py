"""catalogue.yaml's own dates are published (its `modified` as the catalogue's last change, a
withdrawn entry's `date` as the deleted record's datestamp): a day after today is refused, as a
record's is (`catalogue.date-future`), by validate and by export, which then writes nothing."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from adrmeta import cli
from adrmeta.validate import validate

from .conftest import EDIT_DAY, ROOT

ON_EDIT_DAY = dt.date.fromisoformat(EDIT_DAY)
TOMORROW = (ON_EDIT_DAY + dt.timedelta(days=1)).isoformat()


@pytest.fixture(autouse=True)
def _on_the_edit_day(on_day):
    on_day(EDIT_DAY)


def _repository(tmp_path: Path, edit) -> Path:
    """A copy of the bundled catalogue and records, its catalogue.yaml edited by `edit`."""
    shutil.copytree(ROOT / "records", tmp_path / "records")
    text = (ROOT / "catalogue.yaml").read_text(encoding="utf-8")
    (tmp_path / "catalogue.yaml").write_text(edit(text), encoding="utf-8")
    return tmp_path


def _modified(day: str):
    def edit(text: str) -> str:
        before = next(line for line in text.splitlines() if line.startswith("modified: "))
        return text.replace(before + "\n", f"modified: {day}\n", 1)

    return edit


def _withdrawn(day: str):
    # a record never exported and not on disk: no other withdrawal rule applies to it
    return lambda text: text + f"withdrawn:\n  - id: long-gone\n    date: {day}\n"


def _errors(root: Path) -> list[tuple[str, str, int | None]]:
    report = validate(catalogue=root / "catalogue.yaml", today=ON_EDIT_DAY)
    return [(i.code, i.path, i.location and i.location.line) for i in report.at_least("error")]


@pytest.mark.parametrize("edit, path", [(_modified, "/modified"), (_withdrawn, "/withdrawn/0/date")])
def test_a_catalogue_date_after_today_is_an_error_and_today_is_not(tmp_path, edit, path):
    root = _repository(tmp_path / "today", edit(EDIT_DAY))
    assert _errors(root) == []
    root = _repository(tmp_path / "tomorrow", edit(TOMORROW))
    [(code, where, line)] = _errors(root)
    assert (code, where) == ("catalogue.date-future", path)
    lines = (root / "catalogue.yaml").read_text(encoding="utf-8").splitlines()
    assert line is not None and TOMORROW in lines[line - 1]  # located on the line holding the date
    [issue] = validate(catalogue=root / "catalogue.yaml", today=ON_EDIT_DAY).at_least("error")
    assert EDIT_DAY in issue.fix


@pytest.mark.parametrize("edit", [_modified, _withdrawn])
def test_validate_and_export_refuse_a_catalogue_date_after_today(tmp_path, capsys, edit):
    root = _repository(tmp_path, edit(TOMORROW))
    cat = str(root / "catalogue.yaml")
    assert cli.main(["validate", "--catalogue", cat]) == 1
    assert "catalogue.date-future" in capsys.readouterr().out
    assert cli.main(["export", "--catalogue", cat, "--out", str(root / "exports")]) == 1
    assert "catalogue.date-future" in capsys.readouterr().out
    assert not (root / "exports").exists()  # nothing published with that date
