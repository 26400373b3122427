"""Read a Markdown source: front-matter with the line of every key, and the body.

We do not use python-frontmatter for reading because error messages must name
the line of the offending key, which needs the YAML node marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml is ~10x faster; fall back to pure Python where it is missing.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class SafeLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loading, with dates kept as text so an impossible date is a field error."""


SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", SafeLoader.construct_yaml_str)

MAX_FRONT_MATTER = 64 * 1024  # bytes; more is a mistake, not metadata
_FENCE = re.compile(r"^---[ \t]*+\r?\n(.*?)^(?:---|\.\.\.)[ \t]*+(?:\r?\n|\Z)", re.S | re.M)


class SourceError(Exception):
    """The source cannot be read at all; carries the line where it goes wrong."""

    def __init__(self, message: str, line: int = 1, field: str = "front-matter"):
        super().__init__(message)
        self.message = message
        self.line = line
        self.field = field


@dataclass
class Source:
    meta: dict[str, Any]
    body: str
    body_line: int  # 1-based line of the body's first line in the file
    lines: dict[str, int] = field(default_factory=dict)  # "themes" / "lessons.0.id" -> line

    def line_of(self, key: str) -> int:
        """Line of a key, falling back to its parents and then the fence."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key.rpartition(".")[0]
        return 1


# Documents an editor may save under a .md name by mistake: say what it is and what to do.
_SIGNATURES = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a Word, OpenDocument or ZIP file"),
    (b"\xd0\xcf\x11\xe0", "an old Word (.doc) file"),
    (b"{\\rtf", "an RTF file"),
)
_UTF16 = ((b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))


def decode(raw: bytes) -> str:
    """Decode as UTF-8 (with or without BOM); anything else is an error, not a guess."""
    for signature, what in _SIGNATURES:
        if raw.startswith(signature):
            raise SourceError(f"this is {what} saved under a Markdown name; convert it with "
                              f"'lessons import FILE' and keep the original elsewhere", 1, "file")
    for bom, encoding in _UTF16:
        if raw.startswith(bom) and b"\x00" in raw[2:64]:
            raise SourceError(f"file is saved as {encoding}; save it as UTF-8", 1, "file")
    if b"\x00" in raw[:8192]:
        raise SourceError("file is binary, not Markdown text", 1, "file")
    if (nul := raw.find(b"\x00")) >= 0:
        # Past the first 8 KB a NUL is no sign of a binary file, but browsers drop it, so
        # "a\x00@b.nl" would be published as an address no scan had seen.
        line = raw.count(b"\n", 0, nul) + 1
        raise SourceError(f"contains a NUL character on line {line}; remove it (it is "
                          f"invisible, often left by a conversion)", line, "file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise SourceError(
            f"not valid UTF-8 (byte 0x{raw[err.start]:02x}); save the file as UTF-8",
            line, "file",
        ) from None


def split(text: str) -> tuple[str | None, str, int]:
    """Return (front-matter or None, body, line of the body)."""
    match = _FENCE.match(text)
    if not match:
        return None, text, 1
    return match.group(1), text[match.end():], text[: match.end()].count("\n") + 1


def load_yaml(text: str, offset: int = 0) -> tuple[Any, dict[str, int]]:
    """Safe-load YAML, refusing anchors/aliases; return data and key -> line."""
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        lines: dict[str, int] = {}
        starts: list[tuple[int, str]] = []
        _walk(node, "", lines, offset, set(), starts)
        _refuse_tags(text, offset, starts)
        data = _construct(loader, node, offset)
    except yaml.MarkedYAMLError as err:
        if "nesting depth" in str(err.problem):
            # libyaml (from PyYAML 6.0.4 on) stops deep nesting itself; older versions
            # run into Python's recursion limit below. One message and line for both.
            raise SourceError("YAML is nested too deeply", offset + 1) from None
        mark = err.problem_mark or err.context_mark
        line = offset + (mark.line + 1 if mark else 1)
        problem = err.problem or err.context or "invalid YAML"
        if err.context and "duplicate anchor" in err.context:  # problem: "second occurrence"
            problem = f"{err.context.split(';')[0]}; anchors (&name) are not allowed"
        source_lines = text.splitlines()
        where = source_lines[mark.line] if mark and mark.line < len(source_lines) else ""
        # libyaml does not name the tab it stumbled on; the line shows it.
        hint = _hint(problem) or (_TABS if "\t" in where else "")
        raise SourceError(f"invalid YAML: {problem}{hint}", line) from None
    except yaml.YAMLError as err:
        raise SourceError(f"invalid YAML: {err}", offset + 1) from None
    except RecursionError:
        raise SourceError("YAML is nested too deeply", offset + 1) from None
    finally:
        loader.dispose()
    return data, lines


_TABS = "; indent with spaces, not tabs"
_HINTS = (
    ("'\\t'", _TABS),
    ("mapping values are not allowed", "; a value with ': ' in it needs quotes, "
                                       "e.g. title: \"Lessen: wat werkt\""),
    ("could not find expected ':'", "; every line needs 'field: value', or a value in quotes "
                                    "if it runs over more lines"),
    ("found undefined alias", "; a value that starts with '*' needs quotes"),
    ("found character '@'", "; a value that starts with '@' or '`' needs quotes"),
    ("found character '`'", "; a value that starts with '@' or '`' needs quotes"),
)


def _hint(problem: str) -> str:
    return next((hint for marker, hint in _HINTS if marker in problem), "")


def _refuse_tags(text: str, offset: int, starts: list[tuple[int, str]]) -> None:
    """Refuse every explicit tag ('!!int', '!!python/...', '!foo'), naming its field.

    A tag makes the YAML library run a converter of its own on the editor's text:
    '!!int x' or '!!bool maybe' fail inside it with a traceback, '!!str' or '!!float'
    turn a value into a type the field does not expect. Plain values are always enough.
    """
    if "!" not in text:
        return
    for token in yaml.scan(text, Loader=SafeLoader):
        if isinstance(token, yaml.TagToken):
            handle, suffix = token.value
            written = f"{handle}{suffix}" if handle else (
                "!" if suffix == "!" else f"!<{suffix}>")
            # The field is the last key (or list item) that starts at or before the tag.
            before = [path for index, path in starts if index <= token.start_mark.index]
            raise SourceError(f"YAML tags such as '{written[:40]}' are not allowed; write the "
                              f"value plainly", offset + token.start_mark.line + 1,
                              before[-1] if before else "front-matter")


_TAG = "tag:yaml.org,2002:"
# Keys PyYAML builds as plain values; a merge key ('<<') or a value key ('=') it treats
# specially, and a list or mapping as a key it refuses.
_PLAIN_KEYS = frozenset(_TAG + name for name in ("str", "int", "float", "bool", "null",
                                                 "timestamp"))


class _NotPlain(Exception):
    pass


def _plain(loader: Any, node: yaml.Node) -> Any:
    """What PyYAML's construct_document builds from a tree of plain mappings, lists and
    scalars, without its bookkeeping for aliases and generators (twice as fast on
    front-matter). Raises _NotPlain for anything else."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _TAG + "str":
            return node.value
        return loader.construct_object(node)  # numbers, yes/no, empty; dates stay text
    if isinstance(node, yaml.SequenceNode) and node.tag == _TAG + "seq":
        return [_plain(loader, item) for item in node.value]
    if isinstance(node, yaml.MappingNode) and node.tag == _TAG + "map":
        mapping = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_KEYS:
                raise _NotPlain
            mapping[_plain(loader, key_node)] = _plain(loader, value_node)
        return mapping
    raise _NotPlain


def _construct(loader: Any, node: yaml.Node, offset: int) -> Any:
    try:
        return _plain(loader, node)
    except Exception:  # noqa: BLE001 - PyYAML itself decides, and raises what it raises
        pass
    fresh = SafeLoader("")  # no state left from the attempt above
    try:
        return _construct_fully(fresh, node, offset)
    finally:
        fresh.dispose()


def _construct_fully(loader: Any, node: yaml.Node, offset: int) -> Any:
    try:
        return loader.construct_document(node)
    except (yaml.YAMLError, RecursionError):
        raise
    except Exception as err:  # noqa: BLE001 - any converter failure is the editor's input
        # Without tags this is not known to happen; should a YAML converter still fail on
        # a value, the editor gets a message instead of a traceback.
        raise SourceError(f"a value cannot be read ({type(err).__name__}: {str(err)[:80]}); "
                          f"write it as plain text in quotes", offset + 1) from None


def _walk(node: yaml.Node, path: str, lines: dict[str, int], offset: int, seen: set[int],
          starts: list[tuple[int, str]]) -> None:
    # An alias makes PyYAML reuse a node; refusing reuse defeats "billion laughs".
    if id(node) in seen:
        raise SourceError(
            "YAML anchors and aliases (&name, *name) are not allowed; write the value out",
            offset + node.start_mark.line + 1,
            path or "front-matter",
        )
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        mine: set[str] = set()
        for key_node, value_node in node.value:
            key = f"{path}.{key_node.value}" if path else str(key_node.value)
            line = offset + key_node.start_mark.line + 1
            if key in mine:
                # PyYAML silently keeps the last one; an editor meant one of the two.
                raise SourceError(f"'{key_node.value}' is given twice (lines {lines[key]} and "
                                  f"{line}); keep one", line, key)
            mine.add(key)
            lines.setdefault(key, line)
            starts.append((key_node.start_mark.index, key))
            _walk(value_node, key, lines, offset, seen, starts)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            key = f"{path}.{index}" if path else str(index)
            lines.setdefault(key, offset + item.start_mark.line + 1)
            starts.append((item.start_mark.index, key))
            _walk(item, key, lines, offset, seen, starts)


def parse(raw: bytes | str) -> Source:
    """Parse a whole Markdown source. Raises SourceError when it cannot be read."""
    text = decode(raw) if isinstance(raw, bytes) else raw
    front, body, body_line = split(text)
    if front is None:
        if text.startswith("---"):
            raise SourceError("front-matter is not closed: add a line with only '---' after it")
        late = re.search(r"^---[ \t]*+\r?$", text[:4096], re.M)
        fenced = _FENCE.match(text[late.start():]) if late else None
        # Only a fenced block of 'field: value' lines is a misplaced front-matter; two
        # horizontal rules in a text without one are not.
        if fenced and re.search(r"^[A-Za-z_]\w*+\s*+:", fenced.group(1), re.M):
            line = text.count("\n", 0, late.start()) + 1
            raise SourceError(f"the front-matter must start on the first line; remove the "
                              f"{line - 1} line(s) before the '---' on line {line}")
        if not text.strip():
            raise SourceError("file is empty; start from 'lessons new KIND \"Titel\"'")
        raise SourceError("no front-matter: the file must start with a '---' line")
    if len(front.encode()) > MAX_FRONT_MATTER:
        raise SourceError(f"front-matter is larger than {MAX_FRONT_MATTER // 1024} KB")
    data, lines = load_yaml(front, offset=1)
    if not isinstance(data, dict):
        raise SourceError("front-matter must be a list of 'field: value' lines", 2)
    return Source(meta=data, body=body, body_line=body_line, lines=lines)
