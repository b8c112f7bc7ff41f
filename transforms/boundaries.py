r"""Polars `str.contains` tests without `\b`, so that Rust's fast engine runs them.

Rust's regex engine runs a pattern with a Unicode word boundary (`\b`) on a slow engine as soon
as the text holds a non-ASCII character, which most sentences in Italian, Spanish, German or
Romanian do: a cue list such as `(?i)\b(?:arrest|raid|seiz...)` took 45 ms over the 31,000
sentences of 1,000 documents, and 5 ms in the form below.

For a yes/no answer, a `\b` that opens the match can consume the character before it instead
of looking at it: `\b` before a word character holds exactly where the text starts or a
non-word character precedes, `(?:^|\W)`, and before a non-word character exactly where a word
character precedes, `\w`. A `\b` that closes the match likewise becomes `(?:\W|$)` or `\w`. The
consumed character changes where a match starts or ends, never whether there is one, so the form
is only for `str.contains` (not `extract`, `find`, `replace` or counting). A pattern with any
other `\b` (or a shape this module does not read) is returned unchanged: slower, never wrong.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache


WORD, NON_WORD = "word", "non-word"


class _Unreadable(Exception):
    r"""The pattern (or one of its `\b`) has a shape this module does not rewrite."""


@dataclass
class _Node:
    text: str  # the source text, emitted unchanged unless rewritten
    kind: str  # "char", "boundary", "flags" ("(?i)"), "anchor" (^, $), "group", "other"
    chars: str | None = None  # for "char": WORD, NON_WORD or None (either)
    low: int = 1  # repetition bounds of the quantifier (1, 1 without one)
    high: int | None = 1
    quantifier: str = ""
    branches: list[list[_Node]] = field(default_factory=list)  # for "group"
    close: str = ""


# Unicode categories inside and outside Rust's `\w` (Alphabetic, marks, decimal digits,
# connector punctuation, joiners); other numbers, other symbols (circled letters are Alphabetic)
# and formats (the joiners) are left undecided. A test checks every character against Rust.
_WORD_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "Pc"})
_NON_WORD_CATEGORIES = frozenset({"Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "Zs", "Zl", "Zp", "Cc"})


def _char_class(char: str) -> str | None:
    r"""Whether one character is a word character for Rust's `\w` (None when undecided).

    From the character's category, not by asking polars: patterns are rewritten when modules are
    imported, and a polars query then would start its thread pool in a process that the tests'
    forkserver forks from, where the children then deadlock in their first query."""
    category = unicodedata.category(char)
    if category in _WORD_CATEGORIES:
        return WORD
    if category in _NON_WORD_CATEGORIES:
        return NON_WORD
    return None


_ESCAPE_CLASSES = {"w": WORD, "d": WORD, "W": NON_WORD, "s": NON_WORD, "D": None, "S": None}
_QUANTIFIER = re.compile(r"(?:\*|\+|\?|\{(\d+)(?:(,)(\d*))?\})\??")


_CLASS_MEMBER = re.compile(r"\\x\{([0-9a-fA-F]+)\}|\\(.)|([a-z]-[a-z]|[A-Z]-[A-Z]|[0-9]-[0-9])|([^\\\[\]-])|(.)", re.DOTALL)


def _class_kind(inner: str) -> str | None:
    """WORD or NON_WORD when every member of a (non-negated) class is of that kind."""
    if inner.startswith("^") or "&&" in inner or "--" in inner:
        return None
    kinds: set[str | None] = set()
    for member in _CLASS_MEMBER.finditer(inner):
        code, escaped, ascii_range, char, other = member.groups()
        if code:
            kinds.add(_char_class(chr(int(code, 16))))
        elif escaped:
            kinds.add(_ESCAPE_CLASSES.get(escaped) if escaped.isalpha() else _char_class(escaped))
        elif ascii_range:
            kinds.add(WORD)
        elif char:
            kinds.add(_char_class(char))
        else:  # a range of other characters, a nested class
            return None
    return kinds.pop() if len(kinds) == 1 else None


class _Parser:
    def __init__(self, pattern: str):
        self.pattern, self.at = pattern, 0

    def branches(self) -> list[list[_Node]]:
        out = [self.sequence()]
        while self.at < len(self.pattern) and self.pattern[self.at] == "|":
            self.at += 1
            out.append(self.sequence())
        return out

    def sequence(self) -> list[_Node]:
        items: list[_Node] = []
        while self.at < len(self.pattern) and self.pattern[self.at] not in "|)":
            node = self.atom()
            quantifier = _QUANTIFIER.match(self.pattern, self.at)
            if quantifier:
                if node.kind in ("boundary", "anchor", "flags"):
                    raise _Unreadable("a repeated assertion")
                text = quantifier.group(0)
                node.quantifier = text
                if text[0] == "*":
                    node.low, node.high = 0, None
                elif text[0] == "+":
                    node.low, node.high = 1, None
                elif text[0] == "?":
                    node.low, node.high = 0, 1
                else:
                    node.low = int(quantifier.group(1))
                    node.high = node.low if not quantifier.group(2) else (int(quantifier.group(3)) if quantifier.group(3) else None)
                self.at = quantifier.end()
            items.append(node)
        return items

    def atom(self) -> _Node:
        p, i = self.pattern, self.at
        char = p[i]
        if char == "\\":
            return self.escape()
        if char == "[":
            return self.char_set()
        if char == "(":
            return self.group()
        self.at += 1
        if char in "^$":
            return _Node(char, "anchor")
        if char == ".":
            return _Node(char, "char", None)
        return _Node(char, "char", _char_class(char))

    def escape(self) -> _Node:
        p, i = self.pattern, self.at
        if i + 1 >= len(p):
            raise _Unreadable("a trailing backslash")
        letter = p[i + 1]
        if letter in "xpPu" and i + 2 < len(p) and p[i + 2] == "{":
            end = p.index("}", i) + 1
            text = p[i:end]
            self.at = end
            if letter == "x" or letter == "u":
                return _Node(text, "char", _char_class(chr(int(text[3:-1], 16))))
            return _Node(text, "char", None)
        if letter in "xpP":
            raise _Unreadable("a short escape")
        self.at = i + 2
        text = p[i:i + 2]
        if letter == "b":
            return _Node(text, "boundary")
        if letter in "BAzZG":
            return _Node(text, "anchor") if letter != "B" else _Node(text, "other")
        if letter in _ESCAPE_CLASSES:
            return _Node(text, "char", _ESCAPE_CLASSES[letter])
        if letter.isalnum():  # \n, \t and other letter escapes: control characters
            return _Node(text, "char", NON_WORD if letter in "ntrfv" else None)
        return _Node(text, "char", _char_class(letter))

    def char_set(self) -> _Node:
        """A class, copied whole; WORD or NON_WORD when all its members are of that kind."""
        p, start = self.pattern, self.at
        i, depth = start + 1, 1
        if i < len(p) and p[i] == "^":
            i += 1
        if i < len(p) and p[i] == "]":
            i += 1
        while depth:
            if i >= len(p):
                raise _Unreadable("an open class")
            if p[i] == "\\":
                i += 2
                continue
            if p[i] == "[":
                depth += 1
            elif p[i] == "]":
                depth -= 1
            i += 1
        self.at = i
        text = p[start:i]
        return _Node(text, "char", _class_kind(text[1:-1]))

    def group(self) -> _Node:
        p, i = self.pattern, self.at
        flags = re.match(r"\(\?([a-zA-Z-]*)\)", p[i:])
        if flags:  # "(?i)": flags for the rest of the group, no text
            if "x" in flags.group(1):
                raise _Unreadable("verbose mode")
            self.at = i + flags.end()
            return _Node(flags.group(0), "flags")
        opening = re.match(r"\((?:\?[a-zA-Z-]*:|\?P?<\w+>)?", p[i:]).group(0)
        if p.startswith("(?", i) and opening == "(" or "x" in opening.split("<")[0]:
            raise _Unreadable("a group form")
        self.at = i + len(opening)
        branches = self.branches()
        if self.at >= len(p) or p[self.at] != ")":
            raise _Unreadable("an open group")
        self.at += 1
        return _Node(opening, "group", branches=branches, close=")")


def _consumes(node: _Node) -> bool:
    return node.kind not in ("flags", "anchor", "boundary")


def _edge(items: list[_Node], first: bool) -> str | None:
    """WORD or NON_WORD when every match of the items starts (first) or ends with such a character."""
    sequence = items if first else list(reversed(items))
    found: set[str | None] = set()
    for node in sequence:
        if not _consumes(node):
            continue
        if node.high == 0:
            continue
        if node.kind == "char":
            kind = node.chars
        elif node.kind == "group":
            kinds = {_edge(branch, first) for branch in node.branches}
            kind = kinds.pop() if len(kinds) == 1 else None
        else:
            kind = None
        found.add(kind)
        if node.low >= 1:
            return found.pop() if len(found) == 1 else None
    return None  # the items can match nothing: the edge is outside them


def _rewrite(branches: list[list[_Node]], leading: bool, trailing: bool) -> str:
    return "|".join(_rewrite_sequence(branch, leading, trailing) for branch in branches)


_OPENING = {WORD: r"(?:^|\W)", NON_WORD: r"\w"}  # for a \b before a word / non-word character
_CLOSING = {WORD: r"(?:\W|$)", NON_WORD: r"\w"}  # for a \b after one


def _grouped(opening: str, by_kinds: dict[tuple[str, str], list[str]],
             before: dict[str, str] | None, after: dict[str, str] | None) -> str:
    r"""A group whose alternatives are gathered by the kinds of their edges, each gathering with
    one form of the boundary: one `(?:^|\W)` per alternative makes Rust's automaton blow up."""
    parts = [
        (before[start] if before else "") + "(?:" + "|".join(branches) + ")" + (after[end] if after else "")
        for (start, end), branches in by_kinds.items()
    ]
    return opening + "|".join(parts) + ")"


def _rewrite_sequence(items: list[_Node], leading: bool, trailing: bool) -> str:
    """`leading`: nothing can precede these items in a match; `trailing`: nothing can follow."""
    out: list[str] = []
    skip = set()
    for j, node in enumerate(items):
        if j in skip:
            continue
        first = leading and all(n.kind == "flags" for n in items[:j])  # nothing before, in the match
        last = trailing and j == len(items) - 1  # nothing after
        if node.kind == "boundary" and first and j + 1 < len(items):
            kind = _edge(items[j + 1:], first=True)
            if kind is not None:
                out.append(_OPENING[kind])
                continue
            # "\b(?:-led|led by)": each alternative gets the form of its own first character
            group = items[j + 1]
            if group.kind != "group" or (group.low, group.high) != (1, 1):
                raise _Unreadable("a word boundary before characters of both kinds")
            rest = items[j + 2:]
            # "\b(?:costs? €|'s owner|than)\b": the closing \b too
            close_each = trailing and len(rest) == 1 and rest[0].kind == "boundary"
            by_kinds: dict[tuple[str, str], list[str]] = {}
            for branch in group.branches:
                kind = _edge(branch + rest, first=True)
                end = _edge(branch, first=False) if close_each else WORD
                if kind is None or end is None:
                    raise _Unreadable("a word boundary beside characters of both kinds")
                by_kinds.setdefault((kind, end), []).append(_rewrite_sequence(branch, False, trailing and not rest))
            out.append(_grouped(group.text, by_kinds, _OPENING, _CLOSING if close_each else None))
            skip.update((j + 1, j + 2) if close_each else (j + 1,))
        elif node.kind == "boundary" and last and j > 0:
            kind = _edge(items[:j], first=False)
            if kind is None:
                raise _Unreadable("a word boundary after characters of both kinds")
            out.append(_CLOSING[kind])
        elif node.kind == "boundary":
            raise _Unreadable("a word boundary inside the match")
        elif last and node.low == 0 and node.kind != "flags":
            continue  # an optional tail ("\w*") can always match nothing: a yes/no test does not need it
        elif (node.kind == "group" and (node.low, node.high) == (1, 1) and trailing and j + 2 == len(items)
              and items[j + 1].kind == "boundary" and _edge(items[:j + 1], first=False) is None):
            # "(?:costs? €|pirated)\b": each alternative gets the form of its own last character
            by_kind: dict[tuple[str, str], list[str]] = {}
            for branch in node.branches:
                kind = _edge(items[:j] + branch, first=False)
                if kind is None:
                    raise _Unreadable("a word boundary after characters of both kinds")
                by_kind.setdefault((WORD, kind), []).append(_rewrite_sequence(branch, first, False))
            out.append(_grouped(node.text, by_kind, None, _CLOSING))
            skip.add(j + 1)
        elif node.kind == "group":
            once = node.low == 1 and node.high == 1
            out.append(node.text + _rewrite(node.branches, first and once, last and once) + node.close + node.quantifier)
        else:
            out.append(node.text + node.quantifier)
    return "".join(out)


@lru_cache(maxsize=256)
def contains_form(pattern: str) -> str:
    r"""A pattern whose `str.contains` answer is `pattern`'s everywhere, with no `\b` where it
    can be rewritten (see the module docstring); `pattern` itself otherwise."""
    if "\\b" not in pattern or "-u" in pattern:  # no boundary; ASCII boundaries are fast already
        return pattern
    try:
        parser = _Parser(pattern)
        branches = parser.branches()
        if parser.at != len(pattern):
            raise _Unreadable("an unbalanced parenthesis")
        return _rewrite(branches, leading=True, trailing=True)
    except (_Unreadable, ValueError, IndexError):
        return pattern

