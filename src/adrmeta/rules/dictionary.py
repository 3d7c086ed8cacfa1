"""Data dictionary rules: names unique where they must be, code lists that fit their variable's
type, and labels for people. Component references are checked with every other reference
(`reference.unknown`). Each rule walks the dictionary once, so a dictionary of thousands of
variables costs milliseconds."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Dictionary, Record, Variable
from ..report import Issue
from . import Context, Rule, emits

_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_DECIMAL = re.compile(r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$")
SHOWN = 5  # names listed in a message before "and N more"


def issue(code: str, rid: str | None, path: str, message: str, fix: str) -> Issue:
    return Issue(code=code, record=rid, path=path, message=message, fix=fix)


def _listed(names: list[str]) -> str:
    more = f" and {len(names) - SHOWN} more" if len(names) > SHOWN else ""
    return ", ".join(names[:SHOWN]) + more


def unique_names(dictionary: Dictionary, record: str | None) -> Iterator[Issue]:
    """Table names are unique in the dictionary, variable names in their table."""
    tables: dict[str, int] = {}
    for t, table in enumerate(dictionary.tables):
        if table.name in tables:
            yield issue(
                "dictionary.duplicate-table",
                record,
                f"/dictionary/tables/{t}/name",
                f"the table '{table.name}' is also table {tables[table.name] + 1} of the dictionary.",
                "Give each table its own name, or merge the two into one.",
            )
        tables.setdefault(table.name, t)
        seen: dict[str, int] = {}
        for v, var in enumerate(table.variables):
            if var.name in seen:
                yield issue(
                    "dictionary.duplicate-variable",
                    record,
                    f"/dictionary/tables/{t}/variables/{v}/name",
                    f"the variable '{var.name}' appears twice in table '{table.name}' (also variable {seen[var.name] + 1}).",
                    "Keep one of the two, or rename the one that is a different variable.",
                )
            seen.setdefault(var.name, v)


def unique_codes(dictionary: Dictionary, record: str | None) -> Iterator[Issue]:
    """A code list gives each value once."""
    for path, var in variables(dictionary):
        seen: set[str] = set()
        for c, code in enumerate(var.codes):
            if code.value in seen:
                yield issue(
                    "dictionary.duplicate-code",
                    record,
                    f"{path}/codes/{c}/value",
                    f"the code '{code.value}' of '{var.name}' is listed twice.",
                    "Keep one entry per value (flag it missing: true if it marks a missing answer).",
                )
            seen.add(code.value)


def labelled(dictionary: Dictionary, record: str | None) -> Iterator[Issue]:
    """Variables carry a label people can read: one warning per table, naming the unlabelled."""
    for t, table in enumerate(dictionary.tables):
        bare = [(v, var.name) for v, var in enumerate(table.variables) if var.label is None]
        if bare:
            yield issue(
                "dictionary.missing-label",
                record,
                f"/dictionary/tables/{t}/variables/{bare[0][0]}",
                f"{len(bare)} of the {len(table.variables)} variables of table '{table.name}' have no label:"
                f" {_listed([name for _v, name in bare])}.",
                "Add each variable's label as the owner publishes it (leave it out where no source gives one).",
            )


def _contradiction(var: Variable) -> tuple[int, str] | None:
    """(index of the offending code, why) when the code list does not fit the type."""
    given = [(c, code) for c, code in enumerate(var.codes) if not code.missing]
    if var.type in ("date", "datetime", "time") and var.codes:
        return 0, f"a {var.type} variable has a code list"
    if var.type == "boolean" and len(given) > 2:
        return given[2][0], f"a boolean variable has {len(given)} codes besides missing-value codes"
    pattern = _INTEGER if var.type == "integer" else _DECIMAL if var.type == "decimal" else None
    if pattern is not None:
        for c, code in given:
            if not pattern.match(code.value):
                return c, f"the code '{code.value}' is not {'a whole number' if var.type == 'integer' else 'a number'}"
    return None


def codes_fit_type(dictionary: Dictionary, record: str | None) -> Iterator[Issue]:
    """A code list fits the variable's type: numbers on a number, two values on a boolean, none
    on a date or time (missing-value codes such as 'X' on a number are allowed)."""
    for path, var in variables(dictionary):
        if not var.codes or var.type is None:
            continue
        found = _contradiction(var)
        if found is not None:
            c, why = found
            yield issue(
                "dictionary.code-type",
                record,
                f"{path}/codes/{c}",
                f"'{var.name}' is typed {var.type}, but {why}.",
                "Correct the type (code or string for coded text) or the code list; flag missing-value codes with missing: true.",
            )


def variables(dictionary: Dictionary) -> Iterator[tuple[str, Variable]]:
    """(pointer, variable) for every variable of a record's dictionary."""
    for t, table in enumerate(dictionary.tables):
        for v, var in enumerate(table.variables):
            yield f"/dictionary/tables/{t}/variables/{v}", var


CHECKS = (unique_names, unique_codes, labelled, codes_fit_type)


def check(dictionary: Dictionary, record: str | None = None) -> list[Issue]:
    """Every dictionary check, on a dictionary alone (`adrmeta dictionary import` runs them too)."""
    return [i for found in CHECKS for i in found(dictionary, record)]


@emits(
    "dictionary.duplicate-table",
    "dictionary.duplicate-variable",
    "dictionary.duplicate-code",
    "dictionary.missing-label",
    "dictionary.code-type",
)
def dictionary_checks(record: Record, ctx: Context) -> Iterator[Issue]:
    if record.dictionary is not None:
        yield from check(record.dictionary, record.id)


RULES: tuple[Rule, ...] = (dictionary_checks,)
