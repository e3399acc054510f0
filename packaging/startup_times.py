"""Start-up times of the PyInstaller build against the installed app (`make package-times`).

For each: ``kiosk --version`` (the command line alone) and ``kiosk run`` under the offscreen
platform until its window is shown. Prints the median of several runs, after one warm-up run
each, so both read their files from the page cache.

    python packaging/startup_times.py [dist/kiosk] [--runs N]
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from smoke_test import ROOT, clean_env, start_gui


def version_time(program: Path, env: dict[str, str], cwd: Path) -> float:
    started = time.monotonic()
    subprocess.run([str(program), "--version"], env=env, cwd=cwd, check=True, capture_output=True)
    return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("build", nargs="?", default=str(ROOT / "dist" / "kiosk"))
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    programs = {
        "PyInstaller build": Path(options.build).resolve() / "kiosk",
        "installed (.venv)": ROOT / ".venv" / "bin" / "kiosk",
    }
    print(f"median of {options.runs} runs after one warm-up; seconds")
    print(f"{'':20} {'--version':>10} {'run: window shown':>18}")
    for label, program in programs.items():
        with tempfile.TemporaryDirectory(prefix="kiosk-times-") as tmp:
            work = Path(tmp)
            env = clean_env(work)
            version_time(program, env, work)
            start_gui(program, env, work, hold=0.2)
            versions = [version_time(program, env, work) for _ in range(options.runs)]
            windows = [start_gui(program, env, work, hold=0.2)[0] for _ in range(options.runs)]
        print(f"{label:20} {statistics.median(versions):10.3f} {statistics.median(windows):18.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
