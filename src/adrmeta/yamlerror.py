"""A YAML syntax error told as the editor of a record needs it: PyYAML's problem (where parsing
stopped) plus its context (where the construct that failed began), and, when parsing stops just
after a quoted value that spans lines, where that value's opening quote is: an unclosed quote
swallows the lines after it up to the next quote, so the problem shows up far from its cause."""

from __future__ import annotations

import yaml

try:
    FAST_LOADER: type = yaml.CSafeLoader  # libyaml's; records and imports parse with it too
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    FAST_LOADER = yaml.SafeLoader


def _at(mark: yaml.Mark) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}"


def _run_on_quote(text: str, problem: yaml.Mark) -> yaml.ScalarToken | None:
    """The quoted scalar that ends on the problem's line after starting on an earlier one."""
    found = None
    try:
        for token in yaml.scan(text, Loader=FAST_LOADER):
            if token.start_mark.index >= problem.index:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                found = token
    except yaml.YAMLError:
        pass
    if found is not None and found.start_mark.line < found.end_mark.line == problem.line:
        return found
    return None


def describe(text: str, exc: yaml.MarkedYAMLError) -> str:
    """What went wrong, naming where the failing construct began when that is elsewhere."""
    context, problem = exc.context_mark, exc.problem_mark
    if context is not None and "quoted scalar" in (exc.context or "") and "end of stream" in (exc.problem or ""):
        return f"the quoted value opened at {_at(context)} has no closing quote ({exc.problem})"
    where = exc.context
    if where and context is not None and (problem is None or context.index != problem.index):
        where += f" (from {_at(context)})"
    what = " ".join(x for x in (where, exc.problem) if x) or "malformed YAML"
    quoted = _run_on_quote(text, problem) if problem is not None else None
    if quoted is not None and problem is not None:
        opened = _at(quoted.start_mark)
        what += f"; the quoted value opened at {opened} runs on to line {problem.line + 1}: check its closing quote"
    return what
