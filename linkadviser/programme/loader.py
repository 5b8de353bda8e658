"""Load a programme file strictly: every problem names the file, the line and the entry.

The YAML is composed into nodes (which remember their line) and built into the dataclasses of
``linkadviser.programme.model`` by reading their type hints, so the dataclasses are the schema.
Unknown keys, missing keys and wrong types are all reported in one format:
``FILE:LINE: visits[2].agenda[0].text: expected text, got a list``.

``build_yaml`` is the same strict reader for any other file an authority edits (risk rules,
goals): give it the dataclass and the error to raise.

Every file read here may come from outside (a centre's sync file carries its programme), so
the reader is bounded (``Limits``): the file's size, how many values it may expand to once
YAML aliases are followed (a few kilobytes of nested aliases can stand for billions of
values), how many times aliases are used, how deep it nests and how long one list may be.
Only plain YAML types are read; any other tag (``!!python/name``, ``!custom``) is refused.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml

from linkadviser.errors import LinkAdviserError, ProgrammeError
from linkadviser.programme.checks import check_programme
from linkadviser.programme.model import Programme

SUPPORTED_FORMAT = 1

T = TypeVar("T")

# libyaml's loader composes the same nodes (with line marks) several times faster.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TYPE_WORDS = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}

# The only tags a file may carry: YAML's own plain types (a custom tag is refused).
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in
               ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}


@dataclasses.dataclass(frozen=True)
class Limits:
    """How big a file may be and may expand to; far above any real programme (23 KB, ~1,000
    values, no aliases), far below what would hang the app or exhaust its memory."""

    max_bytes: int = 1_000_000
    max_values: int = 100_000  # values built, counting each use of an alias in full
    max_aliases: int = 1_000  # uses of an anchored list or mapping after its first
    max_depth: int = 32
    max_items: int = 5_000  # entries in any one list or mapping


LIMITS = Limits()


class _Builder:
    def __init__(self, filename: str, error: type[LinkAdviserError] = ProgrammeError,
                 limits: Limits = LIMITS) -> None:
        self.filename = filename
        self.error = error
        self.limits = limits
        self._constructor = yaml.SafeLoader("")
        self._values = 0
        self._aliases = 0
        self._seen: set[int] = set()

    def count(self, node: yaml.Node, path: str) -> None:
        """Count one value built from ``node``; refuse, naming the limit, past any bound."""
        limits = self.limits
        self._values += 1
        if self._values > limits.max_values:
            self.fail(node, path, f"the file expands to more than {limits.max_values:,} values "
                      "(aliases included); a programme is far smaller, so it is refused")
        if path.count(".") + path.count("[") > limits.max_depth:
            self.fail(node, path, f"nested more than {limits.max_depth} levels deep")
        if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)):
            if id(node) in self._seen:
                self._aliases += 1
                if self._aliases > limits.max_aliases:
                    self.fail(node, path, f"aliases are used more than {limits.max_aliases:,} "
                              "times; write the entries out instead")
            self._seen.add(id(node))
            if len(node.value) > limits.max_items:
                self.fail(node, path, f"has {len(node.value):,} entries, more than the "
                          f"{limits.max_items:,} one list or mapping may have")

    def fail(self, node: yaml.Node, path: str, problem: str) -> typing.NoReturn:
        where = f"{self.filename}:{node.start_mark.line + 1}"
        raise self.error(f"{where}: {path or 'top level'}: {problem}")

    def build(self, hint: Any, node: yaml.Node, path: str) -> Any:
        self.count(node, path)
        origin = typing.get_origin(hint)
        if origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(hint) if a is not type(None)]
            if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
                return None
            return self.build(options[0], node, path)
        if origin is list:
            if not isinstance(node, yaml.SequenceNode):
                self.fail(node, path, f"expected a list, got {_describe(node)}")
            (item,) = typing.get_args(hint)
            return [self.build(item, child, f"{path}[{i}]") for i, child in enumerate(node.value)]
        if origin is Literal:
            value = self.scalar(node, path)
            allowed = typing.get_args(hint)
            if value not in allowed:
                choices = ", ".join(repr(a) for a in allowed)
                self.fail(node, path, f"{value!r} is not one of {choices}")
            return value
        if dataclasses.is_dataclass(hint):
            return self.record(hint, node, path)
        return self.typed_scalar(hint, node, path)

    def record(self, cls: type, node: yaml.Node, path: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, path, f"expected a mapping of keys, got {_describe(node)}")
        hints = typing.get_type_hints(cls)  # resolved in the dataclass's own module
        fields = {f.name: f for f in dataclasses.fields(cls)}
        values: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self.scalar(key_node, path)
            child = f"{path}.{key}" if path else str(key)
            if key not in fields:
                known = ", ".join(fields)
                self.fail(key_node, child, f"unknown key {key!r} (known keys: {known})")
            if key in values:
                self.fail(key_node, child, "this key is given twice")
            values[key] = self.build(hints[key], value_node, child)
        for name, f in fields.items():
            no_default = f.default is dataclasses.MISSING
            if name not in values and no_default and f.default_factory is dataclasses.MISSING:
                self.fail(node, path, f"missing key {name!r}")
        return cls(**values)

    def scalar(self, node: yaml.Node, path: str) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            self.fail(node, path, f"expected a single value, got {_describe(node)}")
        if node.tag not in _PLAIN_TAGS:
            self.fail(node, path, f"the tag {node.tag!r} is not allowed; write plain values")
        try:
            return self._constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, TypeError, AttributeError, OverflowError):
            self.fail(node, path, f"{node.value!r} is not a valid {node.tag.rsplit(':', 1)[-1]}")

    def typed_scalar(self, hint: type, node: yaml.Node, path: str) -> Any:
        value = self.scalar(node, path)
        if hint is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if hint is str and isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, hint) or (hint is int and isinstance(value, bool)):
            got = "nothing" if value is None else repr(value)
            self.fail(node, path, f"expected {_TYPE_WORDS.get(hint, hint.__name__)}, got {got}")
        return value


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    return f"{node.value!r}"


def build_yaml(
    cls: type[T], source: str, filename: str,
    error: type[LinkAdviserError] = ProgrammeError, what: str = "programme",
    supported_format: int = SUPPORTED_FORMAT, limits: Limits = LIMITS,
) -> T:
    """Build ``cls`` from YAML text strictly; raise ``error`` naming file, line and key."""
    size = len(source.encode("utf-8", errors="replace"))
    if size > limits.max_bytes:
        raise error(f"{filename}: the file is {size:,} bytes, more than the "
                    f"{limits.max_bytes:,} a {what} file may be; it is refused")
    try:
        node = yaml.compose(source, Loader=_FAST_LOADER)
    except RecursionError as exc:
        raise error(f"{filename}: not valid YAML: nested too deeply") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or getattr(exc, "reason", None) or str(exc)
        problem = " ".join(str(problem).split())  # one line, whatever the YAML library wrote
        raise error(f"{filename}{line}: not valid YAML: {problem}") from exc
    if node is None:
        raise error(f"{filename}:1: top level: the file is empty")
    builder = _Builder(filename, error, limits)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if (key_node.value == "format" and isinstance(value_node, yaml.ScalarNode)
                    and value_node.value != str(supported_format)):
                builder.fail(
                    value_node, "format",
                    f"{what} format {value_node.value} is not one this version reads "
                    f"(it reads format {supported_format})",
                )
    return builder.build(cls, node, "")


def parse_programme(source: str, filename: str) -> Programme:
    """Build and check a programme from YAML text; raise ProgrammeError naming the problem."""
    programme = build_yaml(Programme, source, filename)
    problems = check_programme(programme)
    if problems:
        raise ProgrammeError(f"{filename}: " + "; ".join(problems))
    return programme


def load_programme(path: Path) -> Programme:
    try:
        size = path.stat().st_size
        if size > LIMITS.max_bytes:  # refused before it is read into memory
            raise ProgrammeError(f"{path}: the file is {size:,} bytes, more than the "
                                 f"{LIMITS.max_bytes:,} a programme file may be; it is refused")
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ProgrammeError(f"{path}: no such programme file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ProgrammeError(f"{path}: cannot be read ({exc})") from exc
    return parse_programme(source, str(path))
