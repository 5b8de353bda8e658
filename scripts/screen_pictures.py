"""Pictures of every screen and dialog, and the screen check's report (see scripts/screens).

Each look runs in its own process, since the scale factor is fixed when Qt starts: light and
dark at 1366x768, and light at 1.5x on a 1920x1080 screen (1280x720 logical pixels). Each
process works on its own new store: first empty, then with the demo caseload (invented).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

LOOKS = {  # name: (scale factor, logical screen, palette)
    "light": ("1", (1366, 768), "light"),
    "dark": ("1", (1366, 768), "dark"),
    "scaled": ("1.5", (1280, 720), "light"),
}
TODAY = date(2026, 11, 27)


def run_look(look: str, out: Path) -> int:
    """In this process: picture and measure every screen in one look; returns the problems."""
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QApplication

    from linkadviser.demo.caseload import load_demo
    from linkadviser.programme import default_programme
    from linkadviser.services import Services
    from linkadviser.store.db import open_store
    from linkadviser.ui.screen_check import check
    from linkadviser.ui.screen_tour import empty_tour, tour
    from linkadviser.ui.style import apply_style, dark_palette

    _scale, (width, height), palette = LOOKS[look]
    app = QApplication.instance() or QApplication([])
    if palette == "dark":
        app.setPalette(dark_palette())
    apply_style(app, touch=False)
    screen = QSize(width, height)
    programme = default_programme()
    lines, problems = [], 0
    with tempfile.TemporaryDirectory() as home:
        store = open_store(Path(home) / "linkadviser.sqlite3")
        services = Services(store, programme, lambda: TODAY)

        def measure(steps: object) -> None:
            nonlocal problems
            for name, window in steps:
                file = out / f"{look}-{name.replace(':', '').replace(' ', '-')}.png"
                report = check(window, name, screen, str(file))
                lines.extend(report.lines())
                problems += sum(report.counts().values())

        measure(empty_tour(services))
        load_demo(store, programme, TODAY)
        measure(tour(services))
        store.close()
    (out / f"report-{look}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=Path("screens"))
    parser.add_argument("--look", choices=sorted(LOOKS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.look:
        return 1 if run_look(args.look, args.out) else 0
    failed = []
    for look, (scale, _screen, _palette) in LOOKS.items():
        env = {**os.environ, "QT_SCALE_FACTOR": scale, "QT_QPA_PLATFORM": "offscreen"}
        done = subprocess.run([sys.executable, __file__, str(args.out), "--look", look], env=env)
        if done.returncode:
            failed.append(look)
    reports = [(args.out / f"report-{look}.txt") for look in LOOKS]
    text = "".join(f"== {p.stem[7:]}\n{p.read_text(encoding='utf-8')}" for p in reports
                   if p.exists())
    (args.out / "report.txt").write_text(text, encoding="utf-8")
    print(text)
    print(f"pictures and report in {args.out}/; "
          + (f"problems in: {', '.join(failed)}" if failed else "no problems found"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    raise SystemExit(main())
