"""YAML loading that keeps file, line and column for every node, so errors point at the line.

Built from `yaml.compose()` nodes rather than `safe_load`: dates and numbers stay as the
editor wrote them when a string is wanted, aliases are refused (no "billion laughs"), and an
unquoted `no`/`yes` turned into a boolean can be named in the message.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pipeline.errors import BriefError, Loc

MAX_YAML_BYTES = 2_000_000
MAX_DEPTH = 40  # nested lists and mappings; composing is recursive, so depth must be bounded
_BOOL_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false"}


@dataclass(frozen=True)
class Y:
    """One YAML node: its Python value (children are Y too), where it stands, and its tag."""

    value: Any
    loc: Loc
    tag: str = "str"
    raw: str = ""
    key_locs: dict[str, Loc] = field(default_factory=dict)

    def is_map(self) -> bool:
        return isinstance(self.value, dict)

    def is_list(self) -> bool:
        return isinstance(self.value, list)

    def as_map(self, what: str = "a mapping") -> dict[str, Y]:
        if not isinstance(self.value, dict):
            raise BriefError(f"expected {what}, found {self.kind()}", self.loc)
        return self.value

    def as_list(self, what: str = "a list") -> list[Y]:
        if not isinstance(self.value, list):
            raise BriefError(f"expected {what}, found {self.kind()}", self.loc)
        return self.value

    def as_str(self, what: str = "text") -> str:
        if self.tag == "bool" and self.raw.lower() in _BOOL_WORDS:
            raise BriefError(
                f"expected {what}, but unquoted '{self.raw}' became a boolean",
                self.loc,
                hint=f"write it in quotes: '{self.raw}'",
            )
        if isinstance(self.value, (dict, list)) or self.value is None:
            raise BriefError(f"expected {what}, found {self.kind()}", self.loc)
        return self.raw if self.tag != "str" else str(self.value)

    def kind(self) -> str:
        if isinstance(self.value, dict):
            return "a mapping"
        if isinstance(self.value, list):
            return "a list"
        if self.value is None:
            return "nothing"
        return f"{self.tag} '{self.raw}'"


def check_keys(node: Y, allowed: tuple[str, ...], required: tuple[str, ...] = ()) -> list[BriefError]:
    """Unknown keys (with a "did you mean") and missing required keys of one mapping."""
    errors = []
    for key, loc in node.key_locs.items():
        if key not in allowed:
            errors.append(BriefError(f"unknown key '{key}'", loc, hint=expected(key, allowed)))
    for key in required:
        if key not in node.as_map():
            errors.append(BriefError(f"missing key '{key}'", node.loc))
    return errors


def expected(word: str, choices: tuple[str, ...] | list[str]) -> str:
    """'did you mean X?' when a choice is close, else the list of what is allowed."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not close and len(word) >= 3:
        close = [c for c in choices if c.startswith(word)][:1]
    if close:
        return f"did you mean '{close[0]}'?"
    shown = ", ".join(sorted(choices)[:12])
    return f"expected one of: {shown}" if shown else ""


def load_yaml(path: Path, shown: str) -> Y:
    """Parse one YAML file; `shown` is the path printed in messages (relative to the project)."""
    data = path.read_bytes()
    if len(data) > MAX_YAML_BYTES:
        raise BriefError(f"file is {len(data):,} bytes; the limit is {MAX_YAML_BYTES:,}", Loc(shown))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BriefError(f"not UTF-8 text (byte {exc.start})", Loc(shown)) from None
    try:
        _prescan(text, shown)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, shown) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise BriefError(f"character U+{exc.character:04X} is not allowed in YAML", Loc(shown, line),
                         hint="remove control characters") from None
    except yaml.YAMLError as exc:
        raise BriefError(f"invalid YAML: {exc}", Loc(shown)) from None
    if root is None:
        raise BriefError("the file is empty", Loc(shown))
    return _convert(root, shown)


def _yaml_error(exc: yaml.MarkedYAMLError, shown: str) -> BriefError:
    """One editor-readable line: where it went wrong, where the construct began, what to check."""
    mark = exc.problem_mark or exc.context_mark
    loc = Loc(shown, mark.line + 1, mark.column + 1) if mark else Loc(shown)
    message = f"invalid YAML: {exc.problem or exc.context}"
    if exc.context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
        message += f" ({exc.context} that began at line {exc.context_mark.line + 1})"
    hint = ""
    if "\\t" in str(exc.problem):
        hint = "indent with spaces, not tabs"
    elif "block end" in str(exc.problem) or "mapping values are not allowed" in str(exc.problem):
        hint = "check the indentation: keys of one mapping, and items of one list, start in the same column"
    return BriefError(message, loc, hint=hint)


def _prescan(text: str, shown: str) -> None:
    """Before anything is built: aliases are refused where they stand (nothing can expand them,
    no "billion laughs") and nesting deeper than MAX_DEPTH is refused (no recursion blow-up)."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        mark = event.start_mark
        if isinstance(event, yaml.AliasEvent):
            raise BriefError("YAML aliases (*name) are not supported", Loc(shown, mark.line + 1, mark.column + 1),
                             hint="repeat the content instead")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise BriefError(f"nested more than {MAX_DEPTH} levels deep", Loc(shown, mark.line + 1, mark.column + 1))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _loc(node: yaml.Node, shown: str) -> Loc:
    return Loc(shown, node.start_mark.line + 1, node.start_mark.column + 1)


def _convert(node: yaml.Node, shown: str) -> Y:
    loc = _loc(node, shown)
    if isinstance(node, yaml.MappingNode):
        values: dict[str, Y] = {}
        key_locs: dict[str, Loc] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise BriefError("a mapping key must be plain text", _loc(key_node, shown))
            key = key_node.value
            if key in values:
                raise BriefError(f"duplicate key '{key}'", _loc(key_node, shown))
            key_locs[key] = _loc(key_node, shown)
            values[key] = _convert(value_node, shown)
        return Y(values, loc, "map", key_locs=key_locs)
    if isinstance(node, yaml.SequenceNode):
        return Y([_convert(item, shown) for item in node.value], loc, "list")
    return _scalar(node, loc)


def _scalar(node: yaml.Node, loc: Loc) -> Y:
    tag = node.tag.rsplit(":", 1)[-1]
    raw = node.value
    if tag == "null":
        return Y(None, loc, tag, raw)
    if tag == "bool":
        return Y(raw.lower() in {"yes", "on", "y", "true"}, loc, tag, raw)
    if tag == "int":
        try:
            return Y(int(raw.replace("_", ""), 0), loc, tag, raw)
        except ValueError:
            return Y(raw, loc, "str", raw)
    if tag == "float":
        try:
            return Y(float(raw.replace("_", "")), loc, tag, raw)
        except ValueError:
            return Y(raw, loc, "str", raw)
    return Y(raw, loc, "str", raw)
