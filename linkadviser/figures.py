"""Figures as advisers read them: no trailing zeros, a % stuck to the number, a word apart."""

from __future__ import annotations


def number_text(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def with_unit(value: float | None, unit: str) -> str:
    """``62%`` but ``0.48 score``; blank when there is no figure."""
    if value is None:
        return ""
    return f"{value:g}{unit}" if unit in ("%", "") else f"{value:g} {unit}"
