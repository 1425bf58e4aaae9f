"""A tiny evaluator for the formulas a Pagu cell holds without a saved value.

Workbooks written by scripts (openpyxl, some web exports) store formulas with no
cached result. Rather than read those as 0, rakxl evaluates the plain cases: numbers,
``+ - * /``, parentheses, references to cells (``A1``, ``$B$2``, ``Lampiran!C3``,
``'Rincian Biaya'!C3``) and ``SUM`` over cells and ranges. Anything else raises
:class:`FormulaError` and the amount stays missing. (A1 addresses: :mod:`rakxl.a1`.)
"""
from __future__ import annotations

import re
from typing import Callable

from .a1 import parse_a1

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<num>\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)
    | (?P<ref>(?:(?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)
    | (?P<func>[A-Za-z][A-Za-z0-9.]*)\s*\(
    | (?P<op>[-+*/(),;])
    )""",
    re.X,
)
MAX_RANGE_CELLS = 100_000


class FormulaError(ValueError):
    """The formula is not one rakxl evaluates."""


#: resolve(sheet or None, row, col) -> number (raises FormulaError when it is not one)
Resolver = Callable[[str | None, int, int], float]


def evaluate(formula: str, resolve: Resolver) -> float:
    """Evaluate ``formula`` (with or without the leading ``=``).

    Raises:
        FormulaError: for anything beyond arithmetic, references and SUM.
    """
    text = formula.strip()
    if text.startswith("="):
        text = text[1:]
    tokens = _tokenize(text)
    parser = _Parser(tokens, resolve)
    value = parser.expression()
    if parser.pos != len(tokens):
        raise FormulaError(f"unexpected '{tokens[parser.pos][1]}'")
    return value


def _tokenize(text: str) -> list[tuple[str, str]]:
    tokens = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise FormulaError(f"cannot read formula at '{text[pos:pos + 10]}'")
        kind = m.lastgroup
        tokens.append((kind, m.group(kind)))
        pos = m.end()
    return tokens


class _Parser:
    def __init__(self, tokens, resolve):
        self.tokens = tokens
        self.pos = 0
        self.resolve = resolve

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else (None, None)

    def take(self):
        tok = self.peek()
        self.pos += 1
        return tok

    def expression(self) -> float:
        value = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.take()[1]
            right = self.term()
            value = value + right if op == "+" else value - right
        return value

    def term(self) -> float:
        value = self.unary()
        while self.peek() in (("op", "*"), ("op", "/")):
            op = self.take()[1]
            right = self.unary()
            if op == "*":
                value *= right
            elif right == 0:
                raise FormulaError("division by zero")
            else:
                value /= right
        return value

    def unary(self) -> float:
        if self.peek() == ("op", "-"):
            self.take()
            return -self.unary()
        if self.peek() == ("op", "+"):
            self.take()
            return self.unary()
        return self.atom()

    def atom(self) -> float:
        kind, text = self.take()
        if kind == "num":
            return float(text)
        if kind == "ref":
            values = self.reference(text)
            if len(values) != 1:
                raise FormulaError("a range outside SUM")
            return values[0]
        if kind == "func":
            if text.upper() != "SUM":
                raise FormulaError(f"function {text} is not evaluated")
            total = 0.0
            if self.peek() == ("op", ")"):
                self.take()
                return total
            while True:
                if self.peek()[0] == "ref" and self._ref_ends_argument():
                    total += sum(self.reference(self.take()[1], in_sum=True))
                else:
                    total += self.expression()
                sep = self.take()
                if sep == ("op", ")"):
                    return total
                if sep not in (("op", ","), ("op", ";")):
                    raise FormulaError("bad SUM arguments")
        if (kind, text) == ("op", "("):
            value = self.expression()
            if self.take() != ("op", ")"):
                raise FormulaError("missing )")
            return value
        raise FormulaError(f"unexpected '{text}'")

    def _ref_ends_argument(self) -> bool:
        nxt = self.tokens[self.pos + 1] if self.pos + 1 < len(self.tokens) else (None, None)
        return nxt in (("op", ","), ("op", ";"), ("op", ")"))

    def reference(self, text: str, in_sum: bool = False) -> list[float]:
        sheet = None
        if "!" in text:
            sheet, text = text.rsplit("!", 1)
            if sheet.startswith("'"):
                sheet = sheet[1:-1].replace("''", "'")
        first, _, last = text.partition(":")
        try:
            r1, c1 = parse_a1(first)
            r2, c2 = parse_a1(last) if last else (r1, c1)
        except ValueError as exc:
            raise FormulaError(str(exc)) from None
        r1, r2 = sorted((r1, r2))
        c1, c2 = sorted((c1, c2))
        if (r2 - r1 + 1) * (c2 - c1 + 1) > MAX_RANGE_CELLS:
            raise FormulaError("range too large")
        out = []
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                value = self.resolve(sheet, r, c)
                if value is None:
                    if in_sum:
                        continue  # SUM skips blanks and text, like Excel
                    value = 0.0
                out.append(value)
        return out
