"""Where the adviser is, and the way back: the places visited (for Back, Alt+Left) and the
breadcrumb (Caseload › School › Visit) the main window shows.

A place is a tuple: ("home",), ("school", school id), ("visit", visit id, school id or None),
("county",), ("term",). Kept apart from the window so the rules (going back is not a new step;
arriving where one is changes nothing) are one small thing to read and test.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

Place = tuple
HOME: Place = ("home",)
KEPT = 50  # places remembered: enough for a day's work, never a growing list
TITLES = {"county": "County", "term": "The term ahead"}


class History:
    def __init__(self) -> None:
        self.here: Place = HOME
        self.before: list[Place] = []
        self._going_back = False

    def arrive(self, place: Place) -> None:
        """Now at ``place``; where the adviser was is remembered, unless going back."""
        if place != self.here and not self._going_back:
            self.before.append(self.here)
            del self.before[:-KEPT]
        self.here = place

    def can_go_back(self) -> bool:
        return bool(self.before)

    def back(self, go: Callable[[Place], None]) -> None:
        """Go (with ``go``, which arrives) to the place before, without remembering this one."""
        if not self.before:
            return
        place = self.before.pop()
        self._going_back = True
        try:
            go(place)
        finally:
            self._going_back = False


def crumbs(place: Place, school_name: Callable[[str | None], str],
           visit_title: str = "") -> list[tuple[str, str]]:
    """(link target, words) from the caseload to ``place``; the last is not a link."""
    kind = place[0]
    out = [("home", "Caseload")]
    if kind in TITLES:
        out.append(("", TITLES[kind]))
    if kind in ("school", "visit"):
        school_id = place[1] if kind == "school" else place[2]
        out.append((f"school:{school_id}" if school_id else "", school_name(school_id)))
    if kind == "visit" and visit_title:
        out.append(("", visit_title))
    out[-1] = ("", out[-1][1])  # where the adviser is
    return out


def crumbs_html(trail: list[tuple[str, str]]) -> str:
    return " › ".join(f'<a href="{target}">{escape(text)}</a>' if target else escape(text)
                      for target, text in trail)


def crumbs_text(trail: list[tuple[str, str]]) -> str:
    return " › ".join(text for _, text in trail)
