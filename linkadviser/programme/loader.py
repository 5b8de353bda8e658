"""Load a programme file strictly: every problem names the file, the line and the entry.

The YAML is composed into nodes (which remember their line) and built into the dataclasses of
``linkadviser.programme.model`` by reading their type hints, so the dataclasses are the schema.
Unknown keys, missing keys and wrong types are all reported in one format:
``FILE:LINE: visits[2].agenda[0].text: expected text, got a list``.

``build_yaml`` is the same strict reader for any other file an authority edits (risk rules,
goals): give it the dataclass and the error to raise.
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


class _Builder:
    def __init__(self, filename: str, error: type[LinkAdviserError] = ProgrammeError) -> None:
        self.filename = filename
        self.error = error
        self._constructor = yaml.SafeLoader("")

    def fail(self, node: yaml.Node, path: str, problem: str) -> typing.NoReturn:
        where = f"{self.filename}:{node.start_mark.line + 1}"
        raise self.error(f"{where}: {path or 'top level'}: {problem}")

    def build(self, hint: Any, node: yaml.Node, path: str) -> Any:
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
        return self._constructor.construct_object(node)

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
    supported_format: int = SUPPORTED_FORMAT,
) -> T:
    """Build ``cls`` from YAML text strictly; raise ``error`` naming file, line and key."""
    try:
        node = yaml.compose(source, Loader=_FAST_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise error(f"{filename}{line}: not valid YAML: {problem}") from exc
    if node is None:
        raise error(f"{filename}:1: top level: the file is empty")
    builder = _Builder(filename, error)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == "format" and value_node.value != str(supported_format):
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
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ProgrammeError(f"{path}: no such programme file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ProgrammeError(f"{path}: cannot be read ({exc})") from exc
    return parse_programme(source, str(path))
