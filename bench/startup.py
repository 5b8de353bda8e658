"""Start-up time: process start to the caseload window shown, against a bare Qt window.

Runs the real ``linkadviser`` entry point on the demo store and on a county-sized store, quitting
once its window is on screen, once the caseload is on screen, or once the caseload has been
read from the opened store (LINKADVISER_QUIT_WHEN_SHOWN: window, caseload, live), and a bare
QApplication showing one empty window, alternately, several times each. Prints medians and the
ratio to the bare window (goal: at most 2x). Whole-process wall time for all.

The caseload on screen comes from the snapshot the previous session left (see
``linkadviser.caseload.snapshot``) when the store is exactly as that session left it, which is
how an adviser starts the app on any day after the first. The very first start after the store
was made is timed once per store and printed apart: the demo store is made by ``init --demo``,
which leaves a snapshot; the county store by its generator, which does not, so its first start
waits for the store.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
BARE = ("from PySide6.QtWidgets import QApplication, QWidget\n"
        "from PySide6.QtCore import QTimer\n"
        "app = QApplication([]); w = QWidget(); w.resize(1280, 760); w.show()\n"
        "QTimer.singleShot(0, app.quit); app.exec()\n")
APP = "from linkadviser.cli import main; raise SystemExit(main([]))"
ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "linkadviser" / "linkadviser"


def timed(code: str, env: dict[str, str]) -> float:
    return timed_command([sys.executable, "-c", code], env)


def timed_command(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def shipped_starts(home: Path, base_env: dict[str, str]) -> list[str]:
    """The ways an adviser starts the app, each to the caseload on screen, against the venv's
    own entry point in the same run: scripts/run on a set-up checkout, and the bundle."""
    env = {**base_env, "LINKADVISER_HOME": str(home), "LINKADVISER_QUIT_WHEN_SHOWN": "caseload"}
    commands = {"venv entry point": [str(ROOT / ".venv" / "bin" / "linkadviser")],
                "scripts/run": [str(ROOT / "scripts" / "run")]}
    if BUNDLE.exists():
        commands["bundled app"] = [str(BUNDLE)]
    results: dict[str, list[float]] = {name: [] for name in commands}
    for argv in commands.values():
        timed_command(argv, env)  # warm the file cache
    for _ in range(RUNS):
        for name, argv in commands.items():
            results[name].append(timed_command(argv, env))
    venv = statistics.median(results["venv entry point"])
    lines = ["", f"{'start to caseload':<20}{'median s':>10}{'min s':>8}{'max s':>8}"
                 f"{'x venv':>8}"]
    for name, values in results.items():
        median = statistics.median(values)
        lines.append(f"{name:<20}{median:>10.3f}{min(values):>8.3f}{max(values):>8.3f}"
                     f"{median / venv:>8.2f}")
    lines.append("goal: scripts/run and the bundled app at most 1.50x the venv's entry point")
    if BUNDLE.exists():
        size = folder_size(BUNDLE.parent)
        lines.append(f"bundle on disk: {size / 2**20:.0f} MiB ({size / 1e6:.0f} MB; "
                     "goal: under 300 MB)")
    else:
        lines.append("bundled app: not built (scripts/bundle builds dist/linkadviser)")
    return lines


def make_store(home: Path, kind: str) -> None:
    env = {**os.environ, "LINKADVISER_HOME": str(home)}
    if kind == "demo":
        subprocess.run([sys.executable, "-m", "linkadviser", "init", "--demo"], env=env,
                       check=True, stdout=subprocess.DEVNULL)
    else:
        subprocess.run([sys.executable, "-m", "linkadviser.demo.county",
                        str(home / "linkadviser.sqlite3")], env=env, check=True,
                       stdout=subprocess.DEVNULL)


def main() -> None:
    base_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as tmp:
        homes = {}
        for kind in ("demo", "county"):
            homes[kind] = Path(tmp) / kind
            started = time.perf_counter()
            make_store(homes[kind], kind)
            print(f"built {kind} store in {time.perf_counter() - started:.1f} s "
                  f"({(homes[kind] / 'linkadviser.sqlite3').stat().st_size / 1e6:.1f} MB)")
        timed(BARE, base_env)  # warm the file cache
        results: dict[str, list[float]] = {"bare window": []}
        for kind, home in homes.items():
            env = {**base_env, "LINKADVISER_HOME": str(home),
                   "LINKADVISER_QUIT_WHEN_SHOWN": "caseload"}
            results[f"{kind}: first start"] = [timed(APP, env)]
        for _ in range(RUNS):
            results["bare window"].append(timed(BARE, base_env))
            for kind, home in homes.items():
                for until in ("window", "caseload", "live"):
                    env = {**base_env, "LINKADVISER_HOME": str(home),
                           "LINKADVISER_QUIT_WHEN_SHOWN": until}
                    results.setdefault(f"{kind}: {until}", []).append(timed(APP, env))
        shipped = shipped_starts(homes["demo"], base_env)
    bare = statistics.median(results["bare window"])
    print(f"{'case':<20}{'median s':>10}{'min s':>8}{'max s':>8}{'x bare':>8}")
    for name, values in results.items():
        median = statistics.median(values)
        print(f"{name:<20}{median:>10.3f}{min(values):>8.3f}{max(values):>8.3f}"
              f"{median / bare:>8.2f}")
    print("'first start': one run, right after the store was made (demo: by init --demo, which")
    print("  leaves a snapshot; county: by the generator, which does not, so it waits for the")
    print("  store);")
    print("'window': the main window on screen ('Opening your caseload...');")
    print("'caseload': the caseload table filled, from the last session's snapshot;")
    print("'live': the store opened and the caseload table read from it.")
    print("goal: at most 2.00x the bare window")
    print("\n".join(shipped))


if __name__ == "__main__":
    main()
